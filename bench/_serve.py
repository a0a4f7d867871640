"""Helpers of the benchmarks that run transdesk as deployed: an instance, gunicorn, clients.

``instance()`` makes a fresh instance folder (SQLite inside it, or a schema of its own in
a PostgreSQL database, dropped afterwards) and yields its ``TRANSDESK_*`` environment;
``seed()`` runs ``transdesk init --demo`` and adds users and copies of the sample pair;
``Gunicorn`` starts ``gunicorn -c gunicorn.conf.py`` on a free port, waits for
``/healthz`` and lists, kills and stops its workers. ``Client`` is a logged-in
``requests`` session that knows the forms' CSRF token.
"""

from __future__ import annotations

import argparse
import os
import re
import runpy
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import requests

from workflow import services
from workflow.bootstrap import build_context
from workflow.services.demo import ORIGINAL, SLUG, TRANSLATION
from workflow.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SAMPLES = Path(os.environ.get("TRANSDESK_SAMPLES", REPO / "workflow" / "data" / "samples"))
PASSWORD = "correct horse battery staple"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
SEGMENT = re.compile(r'data-key="([^"]+)" data-state="([^"]+)" data-version="(\d+)"')
CONFLICT_VERSION = re.compile(r'name="version" value="(\d+)"')
READY = re.compile(rb"Worker ready \(pid: (\d+)\)")


@contextmanager
def instance(root: Path, database_url: str | None = None) -> Iterator[dict[str, str]]:
    """The environment of a fresh production instance in ``root``; PostgreSQL gets a schema."""
    folder = root / "instance"
    folder.mkdir(parents=True, exist_ok=True)
    env = {
        "TRANSDESK_ENV": "production",
        "TRANSDESK_INSTANCE": str(folder),
        "TRANSDESK_SECRET_KEY": secrets.token_hex(32),
        "TRANSDESK_SAMPLES": str(SAMPLES),
        # Plain http on the loopback: a Secure session cookie would never come back.
        "TRANSDESK_SECURE_COOKIES": "0",
    }
    if not database_url:
        env["TRANSDESK_DATABASE_URL"] = f"sqlite:///{folder / 'transdesk.sqlite3'}"
        yield env
        return
    with own_schema(database_url, "td_bench") as url:
        env["TRANSDESK_DATABASE_URL"] = url
        yield env


@contextmanager
def own_schema(database_url: str, prefix: str) -> Iterator[str]:
    """A fresh schema ``<prefix>_<random>`` in PostgreSQL's ``database_url``, dropped
    afterwards; yields the URL whose connections use it."""
    from sqlalchemy import create_engine, text

    base = database_url.replace("postgresql://", "postgresql+psycopg://", 1)
    schema = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
        admin.dispose()


@dataclass(frozen=True)
class Seeded:
    slugs: list[str]  # the demo article first, then its copies
    translators: list[str]
    editors: list[str]
    keys: dict[str, list[str]]  # slug → segment keys
    versions: dict[tuple[str, str], int]  # (slug, key) → version
    texts: dict[tuple[str, str], str]  # (slug, key) → the pre-filled translation


def seed(env: dict[str, str], *, copies: int = 0, translators: int = 2, editors: int = 1) -> Seeded:
    """``transdesk init --demo``, then users (password ``PASSWORD``) and copies of the pair."""
    subprocess.run(
        [str(Path(sys.executable).with_name("transdesk")), "init", "--demo"],
        env={**os.environ, **env},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    desk = build_context(Settings.from_env(env))
    try:
        names = [f"t{i:02d}" for i in range(translators)]
        bosses = [f"e{i:02d}" for i in range(editors)]
        for name in names:
            services.add_user(desk, name, "translator", PASSWORD)
        for name in bosses:
            services.add_user(desk, name, "editor", PASSWORD)
        slugs = [SLUG]
        ko, en = (SAMPLES / ORIGINAL).read_bytes(), (SAMPLES / TRANSLATION).read_bytes()
        for i in range(copies):
            slug = f"{SLUG}-copy{i + 1}"
            services.import_article(desk, ko, source=ORIGINAL, locale="ko", slug=slug)
            services.pair_translation(desk, slug, en, source=TRANSLATION, locale="en")
            slugs.append(slug)
        keys: dict[str, list[str]] = {}
        versions: dict[tuple[str, str], int] = {}
        texts: dict[tuple[str, str], str] = {}
        for slug in slugs:
            la = services.show_article(desk, slug, "en")
            keys[slug] = [e.segment.key for e in la.entries]
            for e in la.entries:
                versions[(slug, e.segment.key)] = e.translation.version
                texts[(slug, e.segment.key)] = e.translation.text
    finally:
        desk.close()
    return Seeded(slugs, names, bosses, keys, versions, texts)


def saved_texts(database_url: str) -> set[tuple[str, str, str]]:
    """Every (slug, key, text) in the revision history: what a save must have left."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT a.slug, s.key, r.text FROM revisions r"
                    " JOIN translations t ON t.id = r.translation_id"
                    " JOIN segments s ON s.id = t.segment_id"
                    " JOIN articles a ON a.id = s.article_id"
                )
            )
            return {(row.slug, row.key, row.text) for row in rows}
    finally:
        engine.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def config_workers() -> int:
    """The worker count ``gunicorn.conf.py`` deploys with on this machine (2 × cores + 1)."""
    conf = runpy.run_path(str(REPO / "gunicorn.conf.py"))
    return int(conf["workers"])


class Gunicorn:
    """``gunicorn -c gunicorn.conf.py`` for an instance, its log in the instance folder."""

    def __init__(self, env: dict[str, str], *, workers: int = 2, threads: int = 2) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(env["TRANSDESK_INSTANCE"]) / "gunicorn.log"
        self.env = {
            **os.environ,
            **env,
            "TRANSDESK_BIND": f"127.0.0.1:{self.port}",
            "TRANSDESK_WORKERS": str(workers),
            "TRANSDESK_THREADS": str(threads),
        }
        self.workers = workers
        self.process: subprocess.Popen[bytes] | None = None
        self._log_offset = 0
        self._ready: set[int] = set()

    def __enter__(self) -> Gunicorn:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def start(self, timeout: float = 90) -> None:
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", str(REPO / "gunicorn.conf.py")],
                cwd=REPO,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.wait_ready(timeout)

    def wait_ready(self, timeout: float = 90) -> None:
        """Until /healthz answers 200 and every worker is up."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"gunicorn exited ({self.process.returncode}); see {self.log_path}"
                )
            try:
                ok = requests.get(self.url + "/healthz", timeout=2).status_code == 200
            except requests.RequestException:
                ok = False
            if ok and len(self.ready_pids()) >= self.workers:
                return
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn not ready after {timeout}s; see {self.log_path}")

    def worker_pids(self) -> list[int]:
        """The master's children (its workers), from /proc."""
        if self.process is None:
            return []
        master = self.process.pid
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # pid (comm) state ppid …; comm may hold spaces, so split after the last ')'.
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[1]) == master and fields[0] != "Z":  # a zombie is dead already
                pids.append(int(entry.name))
        return pids

    def ready_pids(self) -> list[int]:
        """Live workers that have said "Worker ready" (``post_worker_init`` in the config)."""
        with self.log_path.open("rb") as log:
            log.seek(self._log_offset)
            chunk = log.read()
        end = chunk.rfind(b"\n") + 1
        self._log_offset += end
        self._ready.update(int(pid) for pid in READY.findall(chunk[:end]))
        alive = set(self.worker_pids())
        self._ready &= alive
        return sorted(self._ready)

    def kill_worker(self, pid: int) -> bool:
        self._ready.discard(pid)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            return False
        return True

    def stop(self) -> None:
        """SIGTERM (graceful), then SIGKILL if the master does not end in 30 s."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Client:
    """A logged-in browser-like session: cookies, the CSRF token, form posts."""

    def __init__(self, base: str, name: str, *, timeout: float = 30) -> None:
        self.base = base
        self.name = name
        self.timeout = timeout
        self.http = requests.Session()
        self.token = ""

    def login(self) -> None:
        page = self.http.get(self.base + "/login", timeout=self.timeout)
        self.token = _token(page.text)
        r = self.http.post(
            self.base + "/login",
            data={"name": self.name, "password": PASSWORD, "csrf_token": self.token},
            allow_redirects=False,
            timeout=self.timeout,
        )
        if r.status_code != 302:
            raise RuntimeError(f"login of {self.name} answered {r.status_code}")
        self.token = _token(self.http.get(self.base + "/", timeout=self.timeout).text)

    def post(self, path: str, data: dict[str, str]) -> requests.Response:
        return self.http.post(
            self.base + path,
            data={**data, "csrf_token": self.token},
            allow_redirects=False,
            timeout=self.timeout,
        )


def _token(page: str) -> str:
    match = TOKEN.search(page)
    if not match:
        raise RuntimeError("no CSRF token on the page")
    return match.group(1)


def marker(n: int = 10) -> str:
    """A random word of lowercase letters (no digits: the numbers check stays quiet)."""
    return "".join(secrets.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(n))


class Report(Protocol):
    """What a bench against Gunicorn reports: whether it held, and lines to print."""

    @property
    def ok(self) -> bool: ...

    def lines(self) -> list[str]: ...


def gunicorn_main(
    doc: str | None,
    argv: list[str] | None,
    add_arguments: Callable[[argparse.ArgumentParser], None],
    run: Callable[[argparse.Namespace], Report],
) -> int:
    """The command line of a bench against Gunicorn: the bench's own options, then
    ``--workers`` and ``--database-url``; prints the report, 0 if it is ok, else 1."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0] if doc else None)
    add_arguments(parser)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--database-url", default=None, help="PostgreSQL (default: SQLite)")
    report = run(parser.parse_args(argv))
    print("\n".join(report.lines()))
    return 0 if report.ok else 1
