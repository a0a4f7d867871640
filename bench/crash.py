"""Crash test: kill gunicorn workers with SIGKILL under load, then check nothing was lost.

usage: python -m bench.crash [--cycles 100] [--clients 4] [--workers 3]
                             [--database-url postgresql://postgres@127.0.0.1:5432/test]

Starts gunicorn with ``gunicorn.conf.py`` against a fresh instance in a temporary folder
(SQLite inside it unless ``--database-url``; PostgreSQL gets a schema of its own), seeded
by ``transdesk init --demo`` plus a copy of the sample pair. Then, at the same time:

* ``--clients`` translators log in and save segments of the demo article (each its own
  segments, the version the last acknowledged save returned; a 409 gives the current one);
* one translator and one editor take turns on the copy: save a segment, approve all,
  publish — each publish writes a zip, a PO and an MO;
* a loop SIGKILLs a random worker that is serving, whenever another one is serving too
  (the master forks a replacement, which takes seconds to boot), ``--cycles`` times.

Every save answered with a redirect to the article (not to the login page) is
"acknowledged". At the end gunicorn is stopped and the run checks: every acknowledged save
is in the revision history of its segment, SQLite's ``PRAGMA integrity_check`` says ok,
every translation's current text is its latest revision. Then the published files are read
as a reader would (``check_published_files``): no bundle may be of a revision the database
has not committed as published (files ahead) — a publish killed after its commit may still
be behind. Then the run does what the next start does (the app factory and ``transdesk
worker`` complete the pending publications) and checks again: every bundle whole and of
exactly the published revision (0 ahead, 0 behind), every PO and MO under ``locales/``
byte for byte the one inside its bundle, and 0 temp files or folders left.
Exit status 1 when a check fails.

``run()`` is what ``tests/test_crash.py`` calls with a few cycles.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import random
import sys
import tempfile
import threading
import time
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import polib
import requests
from sqlalchemy import create_engine, text

if __package__ in (None, ""):  # python bench/crash.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._serve import (
    CONFLICT_VERSION,
    Client,
    Gunicorn,
    Seeded,
    gunicorn_main,
    instance,
    marker,
    saved_texts,
    seed,
)
from workflow.bootstrap import build_context
from workflow.services.publications import complete_pending
from workflow.settings import Settings

LOCALE = "en"


@dataclass(frozen=True)
class Ack:
    slug: str
    key: str
    text: str


@dataclass
class CrashReport:
    cycles: int = 0
    saves_acknowledged: int = 0
    saves_verified: int = 0
    missing: list[Ack] = field(default_factory=list)
    publishes: int = 0
    publishes_under_kills: int = 0  # acknowledged after the first worker was killed
    integrity: str = "not checked"
    stale_translations: int = 0
    files_checked: int = 0
    bad_files: list[str] = field(default_factory=list)
    ahead_before_restart: list[str] = field(default_factory=list)
    behind_before_restart: int = 0
    completed_at_restart: int = 0
    completed_by_new_workers: int = 0  # pending publications a replacement worker finished
    ahead: list[str] = field(default_factory=list)
    behind: list[str] = field(default_factory=list)
    temp_files: list[str] = field(default_factory=list)
    old_folders: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return (
            not self.missing
            and self.saves_verified == self.saves_acknowledged
            and self.integrity == "ok"
            and self.stale_translations == 0
            and not self.bad_files
            and not self.ahead_before_restart
            and not self.ahead
            and not self.behind
            and not self.temp_files
        )

    def lines(self) -> list[str]:
        out = [
            f"cycles (workers killed)   {self.cycles}",
            f"saves acknowledged        {self.saves_acknowledged}",
            f"saves verified in history {self.saves_verified}",
            f"saves missing             {len(self.missing)}",
            f"publishes acknowledged    {self.publishes}",
            f"  after the first kill    {self.publishes_under_kills}",
            f"database integrity        {self.integrity}",
            f"text != latest revision   {self.stale_translations}",
            f"files ahead of the db     {len(self.ahead_before_restart)} (before the restart)",
            f"files behind the db       {self.behind_before_restart} (before the restart)",
            f"completed by new workers  {self.completed_by_new_workers} publications (their log)",
            f"completed at the restart  {self.completed_at_restart} publications",
            f"published files checked   {self.files_checked}",
            f"bad published files       {len(self.bad_files)}",
            f"files ahead of the db     {len(self.ahead)}",
            f"files behind the db       {len(self.behind)}",
            f"temp files left behind    {len(self.temp_files)}",
            f"old publication folders   {self.old_folders}",
            f"seconds                   {self.seconds:.1f}",
            "errors seen by clients (by kind):",
        ]
        out += [f"  {kind:<30} {n}" for kind, n in sorted(self.errors.items())] or ["  none"]
        out += [f"  MISSING {a.slug} {a.key}: {a.text}" for a in self.missing[:20]]
        out += [f"  BAD FILE {f}" for f in self.bad_files[:20]]
        out += [f"  AHEAD {f}" for f in (self.ahead_before_restart + self.ahead)[:20]]
        out += [f"  BEHIND {f}" for f in self.behind[:20]]
        out += [f"  TEMP {f}" for f in self.temp_files[:20]]
        out.append("OK" if self.ok else "FAILED")
        return out


class _Run:
    """The shared state of one run: acknowledgements, errors, the stop flag."""

    def __init__(self, server: Gunicorn, seeded: Seeded) -> None:
        self.server = server
        self.seeded = seeded
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.acks: list[Ack] = []
        self.errors: Counter[str] = Counter()
        self.publishes = 0
        self.versions = dict(seeded.versions)

    def error(self, kind: str) -> None:
        with self.lock:
            self.errors[kind] += 1

    def login(self, name: str) -> Client:
        while not self.stop.is_set():
            client = Client(self.server.url, name, timeout=20)
            try:
                client.login()
                return client
            except (requests.RequestException, RuntimeError) as exc:
                self.error(f"login: {_kind(exc)}: {str(exc)[:60]}")
                time.sleep(0.1)
        raise _Stopped

    def save(self, client: Client, slug: str, key: str, text_: str, label: str = "save") -> bool:
        """One save; True when acknowledged. Keeps the version map current."""
        path = f"/articles/{slug}/{LOCALE}/segments/{key}"
        try:
            r = client.post(path, {"text": text_, "version": str(self.versions[(slug, key)])})
        except requests.RequestException as exc:
            self.error(f"{label}: {_kind(exc)}")
            return False
        location = r.headers.get("Location", "")
        if r.status_code == 302 and f"/articles/{slug}/" in location:
            with self.lock:
                self.acks.append(Ack(slug, key, text_))
                self.versions[(slug, key)] += 1
            return True
        if r.status_code == 409:  # a save acknowledged too late for us: take its version
            found = CONFLICT_VERSION.search(r.text)
            if found:
                self.versions[(slug, key)] = int(found.group(1))
            self.error(f"{label}: 409 conflict (version refreshed)")
        elif r.status_code == 302:
            self.error(f"{label}: redirected to login")
        else:
            self.error(f"{label}: HTTP {r.status_code}")
        return False


class _Stopped(Exception):
    pass


def _kind(exc: BaseException) -> str:
    if isinstance(exc, requests.ConnectionError):
        return "connection dropped"
    if isinstance(exc, requests.Timeout):
        return "timeout"
    return type(exc).__name__


def _translator(state: _Run, name: str, keys: list[str]) -> None:
    slug = state.seeded.slugs[0]
    try:
        client = state.login(name)
        n = 0
        while not state.stop.is_set():
            key = keys[n % len(keys)]
            n += 1
            state.save(client, slug, key, f"Crash {marker()} by {name}.")
        client.http.close()
    except _Stopped:
        return


def _publisher(state: _Run, translator: str, editor: str) -> None:
    slug = state.seeded.slugs[1]
    base = f"/articles/{slug}/{LOCALE}"
    keys = state.seeded.keys[slug]
    try:
        writer, boss = state.login(translator), state.login(editor)
        n = 0
        while not state.stop.is_set():
            key = keys[(n // 2) % len(keys)]
            n += 1
            # Keep the aligned text (its numbers keep the QA checks quiet) and mark it.
            text_ = f"{state.seeded.texts[(slug, key)]} {marker()}"
            # An approval bumps the version: the first save after one is refused (409) and
            # retried with the version the conflict page shows.
            if not state.save(writer, slug, key, text_, "publisher save"):
                continue
            for action in ("approve", "publish"):
                try:
                    r = boss.post(f"{base}/{action}", {})
                except requests.RequestException as exc:
                    state.error(f"{action}: {_kind(exc)}")
                    break
                if r.status_code != 302 or "/login" in r.headers.get("Location", ""):
                    state.error(f"{action}: HTTP {r.status_code}")
                    break
                if action == "publish":
                    with state.lock:
                        state.publishes += 1
        writer.http.close()
        boss.http.close()
    except _Stopped:
        return


def _killer(state: _Run, cycles: int, pause: tuple[float, float], report: CrashReport) -> None:
    rng = random.Random()
    # Let every client log in and save once, and the editor publish once, first, so that
    # each kill meets work of every kind.
    _wait_for(
        state, lambda: len(state.acks) >= len(state.seeded.translators) and state.publishes > 0
    )
    published_before = state.publishes
    while report.cycles < cycles:
        time.sleep(rng.uniform(*pause))
        # A worker takes seconds to build its app after the master forks it. Kill only while
        # another worker is ready, so the server always has one accepting: the figures are
        # about lost work, not about a server with no worker at all.
        deadline = time.monotonic() + 120
        while len(pids := state.server.ready_pids()) < 2:
            if time.monotonic() > deadline:
                state.error("killer: no second worker ready in 120 s")
                return
            time.sleep(0.05)
        if state.server.kill_worker(rng.choice(pids)):
            report.cycles += 1
    # A short run can end before the editor got a publish through the kills: let it finish
    # one, so every run checks files published while workers were being killed.
    _wait_for(state, lambda: state.publishes > published_before)
    report.publishes_under_kills = state.publishes - published_before


def _wait_for(state: _Run, done: Callable[[], bool], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline and not state.stop.is_set():
        time.sleep(0.05)


def run(
    cycles: int = 100,
    *,
    clients: int = 4,
    workers: int = 3,
    database_url: str | None = None,
    pause: tuple[float, float] = (0.1, 0.6),
    root: Path | None = None,
    say: Callable[[str], None] = print,
) -> CrashReport:
    """Kill ``cycles`` workers under load, stop gunicorn, check; returns the figures."""
    report = CrashReport()
    with tempfile.TemporaryDirectory(prefix="transdesk-crash-") as tmp:
        base = root or Path(tmp)
        with instance(base, database_url) as env:
            say("seeding (transdesk init --demo, users, a copy of the pair)…")
            seeded = seed(env, copies=1, translators=clients + 1, editors=1)
            started = time.monotonic()
            with Gunicorn(env, workers=workers) as server:
                say(f"gunicorn at {server.url}, {workers} workers; {cycles} kill cycles…")
                state = _Run(server, seeded)
                demo_keys = seeded.keys[seeded.slugs[0]]
                threads = [
                    threading.Thread(
                        target=_translator,
                        args=(state, seeded.translators[i], demo_keys[i::clients]),
                        daemon=True,
                    )
                    for i in range(clients)
                ]
                threads.append(
                    threading.Thread(
                        target=_publisher,
                        args=(state, seeded.translators[clients], seeded.editors[0]),
                        daemon=True,
                    )
                )
                for t in threads:
                    t.start()
                try:
                    _killer(state, cycles, pause, report)
                finally:
                    state.stop.set()
                    for t in threads:
                        t.join(timeout=60)
            report.seconds = time.monotonic() - started
            log = Path(env["TRANSDESK_INSTANCE"]) / "gunicorn.log"
            report.completed_by_new_workers = log.read_text(errors="replace").count(
                "completed publication"
            )
            report.errors = state.errors
            report.publishes = state.publishes
            report.saves_acknowledged = len(state.acks)
            say("gunicorn stopped; checking the database and the published files…")
            published = _check_database(env["TRANSDESK_DATABASE_URL"], state.acks, report)
            folder = Path(env["TRANSDESK_INSTANCE"])
            before = check_published_files(folder, published)
            report.ahead_before_restart = before.ahead
            report.behind_before_restart = len(before.behind)
            say("completing pending publications as the next start would…")
            report.completed_at_restart = _restart(env)
            after = check_published_files(folder, published)
            report.files_checked = after.files_checked
            report.bad_files = before.bad + after.bad
            report.ahead, report.behind = after.ahead, after.behind
            report.temp_files = after.temp
            report.old_folders = after.old_folders
    return report


def _check_database(url: str, acks: list[Ack], report: CrashReport) -> dict[tuple[str, str], int]:
    """Check the history and the database; returns the published revision per slug × locale."""
    history = saved_texts(url)
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            for ack in acks:
                if (ack.slug, ack.key, ack.text) in history:
                    report.saves_verified += 1
                else:
                    report.missing.append(ack)
            # The current text of every translation is the text of its latest revision.
            report.stale_translations = int(
                conn.execute(
                    text(
                        "SELECT count(*) FROM translations t WHERE t.text <> ("
                        " SELECT r.text FROM revisions r WHERE r.translation_id = t.id"
                        " ORDER BY r.id DESC LIMIT 1)"
                    )
                ).scalar_one()
            )
            if engine.dialect.name == "sqlite":
                rows = [r[0] for r in conn.execute(text("PRAGMA integrity_check"))]
                report.integrity = "ok" if rows == ["ok"] else "; ".join(map(str, rows))
            else:
                conn.execute(text("SELECT count(*) FROM revisions")).scalar_one()
                report.integrity = "ok"  # PostgreSQL: the queries above ran without error
            return {
                (row.slug, row.locale): int(row.published_revision)
                for row in conn.execute(
                    text(
                        "SELECT a.slug, l.locale, l.published_revision FROM localizations l"
                        " JOIN articles a ON a.id = l.article_id"
                        " WHERE l.published_revision IS NOT NULL"
                    )
                )
            }
    finally:
        engine.dispose()


@dataclass
class FileCheck:
    """What the published files say, against the database's published revisions."""

    files_checked: int = 0
    bad: list[str] = field(default_factory=list)
    ahead: list[str] = field(default_factory=list)  # a revision the database did not publish
    behind: list[str] = field(default_factory=list)  # an older revision, or none at all
    temp: list[str] = field(default_factory=list)
    old_folders: int = 0  # publication folders besides the current ones


def check_published_files(
    folder: Path, published_revisions: dict[tuple[str, str], int]
) -> FileCheck:
    """Read ``published/`` and ``locales/`` as a reader would and compare with the database.

    For every article × locale the database calls published, the bundle at its fixed path
    must be whole (CRCs, manifest hashes) and of exactly that revision, and the PO and MO
    under ``locales/…/LC_MESSAGES`` must be byte for byte the ones inside that bundle. A
    bundle of an article × locale the database never published is ahead; a temp file or
    folder anywhere (``.<name>.tmp-…``, ``.<name>.….tmp``) is counted.
    """
    check = FileCheck()
    for base in (folder / "published", folder / "locales"):
        for root, dirs, files in os.walk(base):  # does not follow the symlinks
            for name in dirs + files:
                if name.startswith(".") and (".tmp" in name):
                    check.temp.append(str(Path(root) / name))
    published = folder / "published"
    on_disk = {
        (p.parent.parent.name, p.parent.name)
        for p in published.glob("*/*/*.zip")
        if p.name == f"{p.parent.parent.name}.{p.parent.name}.zip"
    }
    for slug, locale in sorted(on_disk - set(published_revisions)):
        check.ahead.append(f"{slug} ({locale}): files of a revision never published")
    for (slug, locale), revision in sorted(published_revisions.items()):
        where = f"{slug} ({locale})"
        bundle = published / slug / locale / f"{slug}.{locale}.zip"
        try:
            members = _bundle_members(bundle)
        except FileNotFoundError:
            check.behind.append(f"{where}: revision {revision} published, no bundle")
            continue
        except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
            check.bad.append(f"{bundle}: {exc}")
            continue
        check.files_checked += 1
        found = json.loads(members["manifest.json"])["revision"]
        if found > revision:
            check.ahead.append(f"{where}: bundle of revision {found}, {revision} published")
        elif found < revision:
            check.behind.append(f"{where}: bundle of revision {found}, {revision} published")
        messages = folder / "locales" / locale / "LC_MESSAGES"
        for suffix in ("po", "mo"):
            path = messages / f"{slug}.{suffix}"
            inside = [v for n, v in members.items() if n.endswith(f".{suffix}")]
            try:
                data = path.read_bytes()
                catalog = polib.pofile(data.decode()) if suffix == "po" else polib.mofile(str(path))
                if not len(catalog):
                    raise ValueError("no entries")
            except FileNotFoundError:
                check.behind.append(f"{path}: missing, revision {revision} published")
                continue
            except (OSError, ValueError, UnicodeDecodeError) as exc:
                check.bad.append(f"{path}: {exc}")
                continue
            check.files_checked += 1
            if data not in inside:
                check.bad.append(f"{path}: differs from the {suffix.upper()} inside the bundle")
        current = published / slug / locale / "current"
        if current.is_symlink():
            check.old_folders += (
                sum(
                    1
                    for p in current.parent.iterdir()
                    if p.is_dir() and not p.is_symlink() and p.name.startswith("r")
                )
                - 1
            )
    return check


def _bundle_members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as zf:
        if zf.testzip() is not None or not zf.namelist():
            raise zipfile.BadZipFile("a member fails its CRC check")
        members = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(members["manifest.json"])
    for entry in manifest["files"]:
        if hashlib.sha256(members.get(entry["name"], b"")).hexdigest() != entry["sha256"]:
            raise ValueError(f"{entry['name']} does not match the manifest")
    return members


def _restart(env: dict[str, str]) -> int:
    """What the next start does (the app factory, ``transdesk worker``): complete the
    publications a killed worker left pending. Returns how many it completed."""
    desk = build_context(Settings.from_env(env))
    try:
        return complete_pending(desk)
    finally:
        desk.close()


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--cycles", type=int, default=100, help="workers to kill (default 100)")
    parser.add_argument("--clients", type=int, default=4, help="translators saving at once")


def main(argv: list[str] | None = None) -> int:
    return gunicorn_main(
        __doc__,
        argv,
        _arguments,
        lambda args: run(
            args.cycles, clients=args.clients, workers=args.workers, database_url=args.database_url
        ),
    )


if __name__ == "__main__":
    sys.exit(main())
