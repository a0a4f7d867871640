"""Presence and inbox polling for 50 users against gunicorn, as a share of the load bench's
capacity.

usage: python -m bench.presence [--users 50] [--duration 30] [--copies 4] [--rounds 3]
                                [--workers N] [--threads 2]
                                [--database-url postgresql://postgres@127.0.0.1:5432/test]

Starts gunicorn (``gunicorn.conf.py``, with its workers and threads as deployed — the
configuration the load bench measures — unless told otherwise) on a fresh production
instance seeded like ``bench/load.py`` (the demo pair and ``--copies`` copies, one account
per user), then:

``--rounds`` times, one after the other:

1. **polling**: ``--users`` people in the editor, each POSTing its presence every 4 s (as
   ``static/presence.js`` does, in a segment, typing half of the time; one poll in every
   30 s also asks for the inbox badge's count), spread evenly over time, for
   ``--duration`` seconds: requests/s, latency, and the workers' CPU seconds per second;
2. **capacity**, closed-loop clients (2 per
   worker thread) running the load bench's translator mix as fast as the server answers —
   open the editor page (1), ask for suggestions (3), save a segment of their own (6) —
   for ``--duration`` seconds: requests/s at saturation and the workers' CPU seconds per
   second (from /proc); then **both**, the same with the polling going on.

Prints each round and the polling's cost: its CPU as a share of the machine's cores and of
what the saturated load mix used (medians of the rounds), and the median change of the load
mix's throughput with the polling. A short run of the load mix warms the server first;
the polling is measured alone once the server is idle again (workers recycled by the load
mix have booted). The polling users log in once, before the first round (a login's password
hash costs more than many polls), and in the third phase the load mix starts once the polling
runs. The clients run on the same machine (their CPU is not counted in the
server's, but they compete for the cores), so the throughput change is the noisier of the
two figures.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bench._serve import (
    SEGMENT,
    Client,
    Gunicorn,
    Seeded,
    config_workers,
    instance,
    marker,
    seed,
)

POLL_S = 4.0
BADGE_S = 30.0
LOCALE = "en"


@dataclass
class Tally:
    requests: int = 0
    failures: int = 0
    times: list[float] | None = None

    def add(self, ok: bool, seconds: float) -> None:
        self.requests += 1
        self.failures += 0 if ok else 1
        if self.times is None:
            self.times = []
        self.times.append(seconds)


def cpu_seconds(server: Gunicorn) -> float:
    """User + system CPU of the master, its live workers, and its workers that ended (the
    master's ``cutime``/``cstime``: gunicorn recycles workers after ``max_requests``)."""
    tick = os.sysconf("SC_CLK_TCK")
    assert server.process is not None
    total = 0

    def stat(pid: int) -> list[str]:
        try:
            return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return []

    master = stat(server.process.pid)
    if master:
        total += sum(int(master[i]) for i in (11, 12, 13, 14))  # utime stime cutime cstime
    for pid in server.worker_pids():
        fields = stat(pid)
        if fields:
            total += int(fields[11]) + int(fields[12])
    return total / tick


def capacity(
    server: Gunicorn, seeded: object, clients: int, duration: float
) -> tuple[float, float, Tally]:

    assert isinstance(seeded, Seeded)
    tally = Tally()
    lock = threading.Lock()
    stop = time.monotonic() + duration + 3
    begin = time.monotonic() + 3  # logins first

    def run(n: int) -> None:
        c = Client(server.url, seeded.translators[n])
        c.login()
        slug = seeded.slugs[n % len(seeded.slugs)]
        keys = seeded.keys[slug][n // len(seeded.slugs) :: max(1, clients // len(seeded.slugs))]
        versions: dict[str, int] = {}
        while time.monotonic() < stop:
            roll = random.random()
            t0 = time.monotonic()
            if roll < 0.1 or not versions:
                r = c.http.get(f"{server.url}/articles/{slug}/{LOCALE}", timeout=30)
                for key, _state, v in SEGMENT.findall(r.text):
                    if key in keys:
                        versions[key] = int(v)
                ok = r.status_code == 200
            elif roll < 0.4:
                key = random.choice(keys)
                r = c.http.get(
                    f"{server.url}/articles/{slug}/{LOCALE}/segments/{key}/suggestions",
                    timeout=30,
                )
                ok = r.status_code == 200
            else:
                key = random.choice(list(versions))
                r = c.post(
                    f"/articles/{slug}/{LOCALE}/segments/{key}",
                    {"text": f"Load {marker()} by {c.name}.", "version": str(versions[key])},
                )
                ok = r.status_code in (302, 409)
                versions[key] += 1 if r.status_code == 302 else 0
                if r.status_code == 409:
                    versions.pop(key, None)
            if t0 >= begin:
                with lock:
                    tally.add(ok, time.monotonic() - t0)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(clients)]
    return measured(server, threads, begin, duration, tally)


def log_in(server: Gunicorn, seeded: object, users: int) -> list[Client]:
    """The ``users`` people who poll, logged in once for every round: a login's password
    hash costs the server far more CPU than a poll, and must not be charged to the polling."""
    assert isinstance(seeded, Seeded)
    clients = [Client(server.url, seeded.translators[n]) for n in range(users)]
    for c in clients:
        c.login()
    return clients


def polling(
    server: Gunicorn,
    seeded: object,
    clients: list[Client],
    duration: float,
    started: threading.Event | None = None,
) -> tuple[float, float, Tally]:
    """Every client polls as ``static/presence.js`` does for ``duration`` s (``started`` is
    set when the first poll is due); requests/s, the server's CPU s/s, the tally."""
    assert isinstance(seeded, Seeded)
    users = len(clients)
    tally = Tally()
    lock = threading.Lock()
    begin = time.monotonic() + 1
    stop = begin + duration

    def run(n: int, c: Client) -> None:
        slug = seeded.slugs[n % len(seeded.slugs)]
        key = random.choice(seeded.keys[slug])
        headers = {"X-CSRFToken": c.token, "Accept": "application/json"}
        next_poll = begin + POLL_S * n / users  # spread evenly
        last_badge = begin - BADGE_S * n / users
        while True:
            now = time.monotonic()
            if next_poll >= stop:
                return
            if next_poll > now:
                time.sleep(next_poll - now)
            t0 = time.monotonic()
            # As static/presence.js: every poll says where the person is; one in every
            # 30 s also asks for the inbox badge's count.
            unread = t0 - last_badge >= BADGE_S
            r = c.http.post(
                f"{server.url}/articles/{slug}/{LOCALE}/presence",
                json={"key": key, "typing": random.random() < 0.5, "unread": unread},
                headers=headers,
                timeout=30,
            )
            if unread:
                last_badge = t0
                ok = r.status_code == 200 and "unread" in r.json()
            else:
                ok = r.status_code == 200
            next_poll += POLL_S
            with lock:
                tally.add(ok, time.monotonic() - t0)

    threads = [threading.Thread(target=run, args=(n, c)) for n, c in enumerate(clients)]
    return measured(server, threads, begin, duration, tally, started)


def settle(server: Gunicorn, *, idle: float = 0.02, longest: float = 60) -> None:
    """Wait until the server is idle: workers that ``max_requests`` recycled during the load
    mix boot and warm their memory in the seconds after it, and that CPU is the load mix's,
    not the polling's that would be measured next."""
    deadline = time.monotonic() + longest
    while time.monotonic() < deadline:
        before = cpu_seconds(server)
        time.sleep(1)
        if cpu_seconds(server) - before < idle:
            return


def measured(
    server: Gunicorn,
    threads: list[threading.Thread],
    begin: float,
    duration: float,
    tally: Tally,
    started: threading.Event | None = None,
) -> tuple[float, float, Tally]:
    """Run the clients; from ``begin`` on, for ``duration`` s: requests/s and the server's CPU
    seconds per second."""
    for t in threads:
        t.start()
    while time.monotonic() < begin:
        time.sleep(0.01)
    if started is not None:
        started.set()
    cpu0 = cpu_seconds(server)
    time.sleep(duration)
    cpu1 = cpu_seconds(server)
    for t in threads:
        t.join()
    return tally.requests / duration, (cpu1 - cpu0) / duration, tally


def _ms(t: Tally, q: float) -> float:
    times = sorted(t.times or [0.0])
    return 1000 * times[min(len(times) - 1, int(q * len(times)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=30)
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--workers", type=int, default=None, help="default: as deployed")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp, instance(Path(tmp), args.database_url) as env:
        seeded = seed(env, copies=args.copies, translators=args.users, editors=1)
        workers = args.workers or config_workers()
        with Gunicorn(env, workers=workers, threads=args.threads) as server:
            db = "PostgreSQL" if args.database_url else "SQLite"
            print(f"gunicorn: {workers} workers × {args.threads} threads, {db}", flush=True)
            clients = 2 * workers * args.threads
            capacity(server, seeded, clients, 5)  # warm-up: caches, pools, first pages
            pollers = log_in(server, seeded, args.users)
            alone: list[tuple[float, float]] = []
            polls: list[tuple[float, float]] = []
            changes: list[float] = []
            clients_cpu: list[float] = []
            for n in range(1, args.rounds + 1):
                # The polling alone, every round (the machine's speed drifts, and its CPU
                # is the figure that matters), on a settled server.
                settle(server)
                own = time.process_time()
                prps, pcpu, poll = polling(server, seeded, pollers, args.duration)
                own = (time.process_time() - own) / args.duration
                clients_cpu.append(own)
                polls.append((prps, pcpu))
                print(
                    f"round {n}: polling ({args.users} users, presence every {POLL_S:.0f} s, "
                    f"badge every {BADGE_S:.0f} s): {prps:.1f} req/s, server CPU {pcpu:.3f} "
                    f"s/s, p50 {_ms(poll, 0.5):.0f} ms, p95 {_ms(poll, 0.95):.0f} ms, "
                    f"failures {poll.failures}; the bench's own polling clients {own:.3f} "
                    "CPU s/s",
                    flush=True,
                )
                # The load mix alone, then with the polling going on, one after the other
                # (the machine's other work drifts less between neighbours).
                rps, cpu, load = capacity(server, seeded, clients, args.duration)
                # The polling runs from before the load mix's clients log in until after
                # they stop; the load mix is measured from its first poll on.
                polls_started = threading.Event()
                background = threading.Thread(
                    target=polling,
                    args=(server, seeded, pollers, args.duration + 6, polls_started),
                )
                background.start()
                polls_started.wait()
                both_rps, both_cpu, both = capacity(server, seeded, clients, args.duration)
                background.join()
                alone.append((rps, cpu))
                changes.append((both_rps - rps) / rps)
                print(
                    f"round {n}: load mix ({clients} closed-loop clients) {rps:.1f} req/s, "
                    f"server CPU {cpu:.2f} s/s, p95 {_ms(load, 0.95):.0f} ms, failures "
                    f"{load.failures}; with the polling {both_rps:.1f} req/s "
                    f"({100 * changes[-1]:+.1f} %), server CPU {both_cpu:.2f} s/s, "
                    f"p95 {_ms(both, 0.95):.0f} ms, failures {both.failures}",
                    flush=True,
                )
            rps = statistics.median(r for r, _ in alone)
            cpu = statistics.median(c for _, c in alone)
            prps = statistics.median(r for r, _ in polls)
            pcpu = statistics.median(c for _, c in polls)
            cores = os.cpu_count() or 1
            print(
                f"polling cost: {100 * pcpu / cores:.1f} % of the {cores} cores, "
                f"{100 * pcpu / cpu:.1f} % of the CPU the saturated load mix used "
                f"(median of {args.rounds}); load-mix throughput with it "
                f"{100 * statistics.median(changes):+.1f} % (median of {args.rounds}) "
                f"(CPU per request: load mix {1000 * cpu / rps:.1f} ms, "
                f"poll {1000 * pcpu / max(prps, 1e-9):.1f} ms; "
                f"poll latency median of the last round {_ms(poll, 0.5):.0f} ms); the "
                f"polling clients' own CPU {statistics.median(clients_cpu):.3f} s/s, "
                "taken from the same cores"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
