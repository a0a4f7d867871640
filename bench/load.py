"""Load test: translators and editors at 20 and 50 users against gunicorn, with locust.

usage: python -m bench.load [--users 20,50] [--duration 45] [--copies 9] [--workers N]
                            [--database-url postgresql://postgres@127.0.0.1:5432/test]

Needs the ``bench`` extra (``pip install -e '.[bench]'``; ``make bench-load``). Starts
gunicorn with ``gunicorn.conf.py`` against a fresh production instance (SQLite in a temp
folder unless ``--database-url``; PostgreSQL gets a schema of its own), seeded with
``transdesk init --demo`` and ``--copies`` more copies of the sample pair under other
slugs, and one account per simulated user. Then, for each user count, runs locust as a
library (headless) with two modelled sessions (4 translators to 1 editor), spawned at
5 a second; the figures count ``--duration`` seconds from 10 s after the ramp-up (logins,
scrypt on purpose, are not in them):

* translator (think time 0.5–2 s): log in, open the editor page of their article, then
  save one of their own segments (6), ask for its suggestions (3), reload the page (1);
* editor (think time 1–3 s): log in, then the review queue (2), open an article (2),
  approve what an article page showed as translated, bound to the versions shown (3).

A save refused with 409 (someone approved or saved in between) is the app working as
designed: it is counted as a conflict, not a failure, and the version is taken from the
conflict page. Prints per endpoint: requests, failures, requests/s, p50, p95, p99 (ms)
as locust saw them (locust rounds times above 100 ms to 2 digits) and as the app measured
them (``duration_ms`` in the JSON access log: the gap is queueing in gunicorn and the
client's own CPU, on the same machine); the errors; and, after gunicorn stops, whether
every acknowledged save is in the history (no lost update). The goal checked at the
largest user count: save p95 ≤ 100 ms, p99 ≤ 300 ms, no failures.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

import gevent
from locust import HttpUser, between, task
from locust.env import Environment

if __package__ in (None, ""):  # python bench/load.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._serve import (
    CONFLICT_VERSION,
    PASSWORD,
    SEGMENT,
    TOKEN,
    Gunicorn,
    Seeded,
    config_workers,
    instance,
    marker,
    saved_texts,
    seed,
)

LOCALE = "en"
GOAL_P95, GOAL_P99 = 100.0, 300.0
SETTLE = 10.0  # seconds after the ramp-up before measuring


@dataclass
class Shared:
    """What the simulated users share: the seed and what the server acknowledged."""

    seeded: Seeded
    acks: list[tuple[str, str, str]] = field(default_factory=list)
    conflicts: int = 0
    accounts: dict[str, itertools.count[int]] = field(
        default_factory=lambda: {"t": itertools.count(), "e": itertools.count()}
    )


class Context(HttpUser):
    """A logged-in person at the desk; subclasses model translators and editors."""

    abstract = True
    shared: ClassVar[Shared]
    token = ""

    def log_in(self, name: str) -> None:
        page = self.client.get("/login", name="login page")
        self.token = _token(page.text)
        with self.client.post(
            "/login",
            data={"name": name, "password": PASSWORD, "csrf_token": self.token},
            allow_redirects=False,
            name="login",
            catch_response=True,
        ) as r:
            if r.status_code != 302:
                r.failure(f"login answered {r.status_code}")
                return
        self.token = _token(self.client.get("/", name="article list").text)

    def open_article(self, slug: str, name: str) -> dict[str, tuple[str, int]]:
        """The editor page; returns key → (state, version) of its segments."""
        with self.client.get(f"/articles/{slug}/{LOCALE}", name=name, catch_response=True) as r:
            found = {key: (state, int(v)) for key, state, v in SEGMENT.findall(r.text)}
            if r.status_code == 200 and not found:
                r.failure("no segments on the editor page")
            return found


class Translator(Context):
    weight = 4
    wait_time = between(0.5, 2)

    def on_start(self) -> None:
        seeded = self.shared.seeded
        n = next(self.shared.accounts["t"])
        self.name = seeded.translators[n % len(seeded.translators)]
        # Translators share an article, each with segments of their own: no two of them
        # type into the same segment (editors' approvals still bump versions).
        slugs = seeded.slugs
        self.slug = slugs[n % len(slugs)]
        per_article = -(-len(seeded.translators) // len(slugs))
        self.keys = seeded.keys[self.slug][(n // len(slugs)) % per_article :: per_article]
        self.log_in(self.name)
        self.versions: dict[str, int] = {}
        self.reload()

    @task(1)
    def reload(self) -> None:
        page = self.open_article(self.slug, "editor page")
        self.versions.update({k: v for k, (_, v) in page.items() if k in self.keys})

    @task(3)
    def suggestions(self) -> None:
        key = random.choice(self.keys)
        self.client.get(
            f"/articles/{self.slug}/{LOCALE}/segments/{key}/suggestions", name="suggestions"
        )

    @task(6)
    def save(self) -> None:
        key = random.choice(self.keys)
        if key not in self.versions:
            return
        text_ = f"Load {marker()} by {self.name}."
        with self.client.post(
            f"/articles/{self.slug}/{LOCALE}/segments/{key}",
            data={"text": text_, "version": str(self.versions[key]), "csrf_token": self.token},
            allow_redirects=False,
            name="save",
            catch_response=True,
        ) as r:
            location = r.headers.get("Location", "")
            if r.status_code == 302 and f"/articles/{self.slug}/" in location:
                self.shared.acks.append((self.slug, key, text_))
                self.versions[key] += 1
                r.success()
            elif r.status_code == 409:
                found = CONFLICT_VERSION.search(r.text)
                if found:
                    self.versions[key] = int(found.group(1))
                self.shared.conflicts += 1
                r.success()
            else:
                r.failure(f"save answered {r.status_code} {location}")


class Editor(Context):
    weight = 1
    wait_time = between(1, 3)

    def on_start(self) -> None:
        seeded = self.shared.seeded
        n = next(self.shared.accounts["e"])
        self.name = seeded.editors[n % len(seeded.editors)]
        self.log_in(self.name)
        self.seen: tuple[str, dict[str, tuple[str, int]]] | None = None

    @task(2)
    def review_queue(self) -> None:
        self.client.get("/review", name="review queue")

    @task(2)
    def open(self) -> None:
        slug = random.choice(self.shared.seeded.slugs)
        self.seen = (slug, self.open_article(slug, "editor page (editor)"))

    @task(3)
    def approve(self) -> None:
        if self.seen is None:
            self.open()
            return
        slug, page = self.seen
        self.seen = None
        data = {f"v:{k}": str(v) for k, (state, v) in page.items() if state == "translated"}
        if not data:
            return
        with self.client.post(
            f"/articles/{slug}/{LOCALE}/approve",
            data={**data, "csrf_token": self.token},
            allow_redirects=False,
            name="approve",
            catch_response=True,
        ) as r:
            if r.status_code != 302 or "/login" in r.headers.get("Location", ""):
                r.failure(f"approve answered {r.status_code}")


def _token(page: str) -> str:
    match = TOKEN.search(page)
    return match.group(1) if match else ""


@dataclass(frozen=True)
class Row:
    name: str
    requests: int
    failures: int
    rps: float
    p50: float
    p95: float
    p99: float


@dataclass(frozen=True)
class RunResult:
    users: int
    seconds: float
    rows: list[Row]
    errors: list[str]
    conflicts: int
    server: list[Row] = field(default_factory=list)  # handler time from the JSON access log
    server_errors: list[str] = field(default_factory=list)  # ERROR records of the app

    def row(self, name: str) -> Row | None:
        return next((r for r in self.rows if r.name == name), None)


def run_users(server: Gunicorn, shared: Shared, users: int, duration: float) -> RunResult:
    """One locust run of ``users`` users: ramp up (logins), settle, then measure ``duration``."""
    Context.shared = shared
    shared.accounts = {"t": itertools.count(), "e": itertools.count()}
    env = Environment(user_classes=[Translator, Editor], host=server.url)
    runner = env.create_local_runner()
    spawn_rate = 5.0
    runner.start(users, spawn_rate=spawn_rate)
    # The figures are the steady state: logins (scrypt, on purpose slow) and each worker's
    # first use of the memory index happen during the ramp-up, which is not counted.
    gevent.sleep(users / spawn_rate + SETTLE)
    env.stats.reset_all()
    conflicts_before = shared.conflicts
    started = time.monotonic()
    wall_start = time.time()
    gevent.sleep(duration)
    seconds = time.monotonic() - started
    wall_end = time.time()
    runner.quit()
    rows = []
    for entry in sorted(env.stats.entries.values(), key=lambda e: e.name):
        if entry.num_requests:
            rows.append(_row(entry.name, entry, seconds))
    rows.append(_row("ALL", env.stats.total, seconds))
    errors = [
        f"{e.occurrences} × {e.method} {e.name}: {e.error}" for e in env.stats.errors.values()
    ]
    server_rows, server_errors = _server_log(server.log_path, wall_start, wall_end, seconds)
    return RunResult(
        users,
        seconds,
        rows,
        errors,
        shared.conflicts - conflicts_before,
        server_rows,
        server_errors,
    )


ENDPOINTS = (
    ("save", re.compile(r"POST /articles/[^/]+/[^/]+/segments/[^/]+$")),
    ("suggestions", re.compile(r"GET /articles/[^/]+/[^/]+/segments/[^/]+/suggestions$")),
    ("approve", re.compile(r"POST /articles/[^/]+/[^/]+/approve$")),
    ("editor page (all)", re.compile(r"GET /articles/[^/]+/[^/]+$")),
    ("review queue", re.compile(r"GET /review$")),
)


def _server_log(log: Path, start: float, end: float, seconds: float) -> tuple[list[Row], list[str]]:
    """From the JSON log lines in a time window: per endpoint the app's own time
    (``duration_ms``), and the app's errors (the last line of each traceback, counted)."""
    times: dict[str, list[float]] = {name: [] for name, _ in ENDPOINTS}
    failed: list[tuple[str | None, str]] = []
    paths: dict[str | None, str] = {}
    for line in log.read_text(errors="replace").splitlines():
        if not line.startswith("{"):
            continue
        record = json.loads(line)
        when = datetime.fromisoformat(record["ts"]).timestamp()
        if not start <= when <= end:
            continue
        if record["logger"] != "transdesk.access":
            if record["level"] in ("ERROR", "CRITICAL"):
                exc = (record.get("exc") or record["message"]).strip().splitlines()
                failed.append((record.get("request_id"), exc[-1][:300]))
            continue
        paths[record.get("request_id")] = f"{record['method']} {record['path']}"
        if record.get("duration_ms") is None:
            continue
        for name, pattern in ENDPOINTS:
            if pattern.match(f"{record['method']} {record['path']}"):
                times[name].append(float(record["duration_ms"]))
                break
    rows = []
    for name, values in times.items():
        if values:
            q = statistics.quantiles(values, n=100, method="inclusive") if len(values) > 1 else []
            p50, p95, p99 = (q[49], q[94], q[98]) if q else (values[0],) * 3
            rows.append(Row(name, len(values), 0, len(values) / seconds, p50, p95, p99))
    errors = Counter(f"{paths.get(rid, '?')}: {exc}" for rid, exc in failed)
    return rows, [f"{n} × {text_}" for text_, n in errors.most_common()]


def _row(name: str, entry: Any, seconds: float) -> Row:
    pct = entry.get_response_time_percentile
    return Row(
        name,
        entry.num_requests,
        entry.num_failures,
        entry.num_requests / seconds if seconds else 0.0,
        pct(0.5) or 0.0,
        pct(0.95) or 0.0,
        pct(0.99) or 0.0,
    )


def print_result(label: str, result: RunResult) -> None:
    print(f"\n== {label}: {result.users} users, {result.seconds:.0f} s after the ramp-up ==")
    print(f"{'endpoint':<24}{'requests':>9}{'fail':>6}{'req/s':>8}{'p50':>7}{'p95':>7}{'p99':>7}")
    for r in result.rows:
        print(
            f"{r.name:<24}{r.requests:>9}{r.failures:>6}{r.rps:>8.1f}"
            f"{r.p50:>7.0f}{r.p95:>7.0f}{r.p99:>7.0f}"
        )
    print("as the app measured it (duration_ms of the access log, ms):")
    for r in result.server:
        print(
            f"  {r.name:<22}{r.requests:>9}{'':>6}{r.rps:>8.1f}"
            f"{r.p50:>7.0f}{r.p95:>7.0f}{r.p99:>7.0f}"
        )
    for line in result.server_errors:
        print("  server error: " + line)
    print(f"save conflicts (409, expected): {result.conflicts}")
    print("errors: " + ("none" if not result.errors else ""))
    for line in result.errors:
        print("  " + line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--users", default="20,50", help="user counts, comma-separated")
    parser.add_argument("--duration", type=float, default=45, help="seconds per user count")
    parser.add_argument("--copies", type=int, default=9, help="copies of the sample pair")
    parser.add_argument("--workers", type=int, default=None, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=2, help="threads per worker")
    parser.add_argument("--database-url", default=None, help="PostgreSQL (default: SQLite)")
    args = parser.parse_args(argv)
    counts = [int(n) for n in args.users.split(",") if n.strip()]
    most = max(counts)
    label = "PostgreSQL" if args.database_url else "SQLite"
    ok = True
    with (
        tempfile.TemporaryDirectory(prefix="transdesk-load-") as tmp,
        instance(Path(tmp), args.database_url) as env,
    ):
        print(f"seeding {label}: demo + {args.copies} copies, {most} accounts…", flush=True)
        seeded = seed(
            env,
            copies=args.copies,
            translators=most * 4 // 5 + 1,
            editors=most // 5 + 1,
        )
        shared = Shared(seeded)
        workers = args.workers or config_workers()
        server = Gunicorn(env, workers=workers, threads=args.threads)
        with server:
            print(f"gunicorn: {workers} workers × {args.threads} threads", flush=True)
            results = []
            for users in counts:
                result = run_users(server, shared, users, args.duration)
                print_result(label, result)
                results.append(result)
        history = saved_texts(env["TRANSDESK_DATABASE_URL"])
    lost = [a for a in shared.acks if a not in history]
    print(f"\nacknowledged saves: {len(shared.acks)}, in history: {len(shared.acks) - len(lost)}")
    print("lost updates: " + ("none" if not lost else str(len(lost))))
    ok = ok and not lost
    last = results[-1]
    save = last.row("save")
    total = last.row("ALL")
    if save is not None and total is not None:
        met = save.p95 <= GOAL_P95 and save.p99 <= GOAL_P99 and total.failures == 0
        print(
            f"goal at {last.users} users (save p95 ≤ {GOAL_P95:.0f} ms, p99 ≤ {GOAL_P99:.0f} ms,"
            f" no errors): save p95 {save.p95:.0f} ms, p99 {save.p99:.0f} ms,"
            f" {total.failures} failures → {'met' if met else 'NOT met'}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
