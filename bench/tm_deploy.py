"""The translation memory as deployed: gunicorn, 5 workers, PostgreSQL, 1,000,000 units.

Run through ``bench/tm.py --deploy URL`` (see there). The database named in ``URL`` is the
bench's own (``createdb -h 127.0.0.1 -U postgres tm1m``; made when missing); it is filled
once — ``transdesk init --demo``, then the synthetic units of ``bench/tm.py`` by COPY into
``tm_units`` — and kept for the next run. The instance folder (``--instance``) keeps the
memory's snapshots.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
TRANSDESK = str(Path(sys.executable).with_name("transdesk"))


def sa_url(url: str) -> str:
    return url.replace("postgresql://", "postgresql+psycopg://", 1)


def ensure_database(url: str) -> None:
    """``createdb`` the database of ``url`` unless it exists."""
    from sqlalchemy import create_engine, make_url, text

    parsed = make_url(sa_url(url))
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            found = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": parsed.database}
            ).first()
            if found is None:
                conn.execute(text(f'CREATE DATABASE "{parsed.database}"'))
                print(f"created database {parsed.database}")
    finally:
        admin.dispose()


def environment(url: str, instance: Path) -> dict[str, str]:
    return {
        "TRANSDESK_ENV": "production",
        "TRANSDESK_INSTANCE": str(instance),
        "TRANSDESK_DATABASE_URL": sa_url(url),
        "TRANSDESK_SECRET_KEY": "bench-tm-deploy-" + "0" * 32,
        "TRANSDESK_SECURE_COOKIES": "0",
        "TRANSDESK_SAMPLES": str(REPO / "workflow" / "data" / "samples"),
    }


def transdesk(env: dict[str, str], *args: str) -> str:
    out = subprocess.run(
        [TRANSDESK, *args],
        env={**os.environ, **env},
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout


def load(url: str, env: dict[str, str], corpus: Any, sources: Sequence[str]) -> int:
    """Migrate, load the demo, then COPY the synthetic units unless already there."""
    from sqlalchemy import create_engine, text

    from bench.tm import units
    from workflow.store.memory import tm_digest

    ensure_database(url)
    transdesk(env, "init", "--demo")
    engine = create_engine(sa_url(url))
    try:
        with engine.connect() as conn:
            have = conn.execute(text("SELECT count(*) FROM tm_units WHERE desk = 'news'")).scalar()
            top = conn.execute(text("SELECT coalesce(max(id), 0) FROM tm_units")).scalar()
        if int(have or 0) >= len(sources):
            print(f"tm_units already holds {have:,} units")
            return int(have or 0)
        t0 = time.perf_counter()
        with engine.begin() as conn:
            raw = conn.connection.driver_connection
            assert raw is not None
            cols = (
                "id, digest, source, target, source_lang, target_lang, origin, context, "
                "article, translator, approver, created_at, desk"
            )
            with raw.cursor() as cur, cur.copy(f"COPY tm_units ({cols}) FROM STDIN") as copy:
                for u in units(corpus, sources):
                    copy.write_row(
                        (int(top or 0) + u.id, tm_digest(u.source, u.target, "ko", "en"),
                         u.source, u.target, u.source_lang, u.target_lang, u.origin,
                         u.context, "bench-" + (u.article or ""), u.translator, u.approver,
                         u.created_at, "news")
                    )  # fmt: skip
            conn.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence('tm_units', 'id'),"
                    " (SELECT max(id) FROM tm_units))"
                )
            )
        with engine.begin() as conn:
            conn.execute(text("ANALYZE tm_units"))
        print(f"loaded {len(sources):,} units by COPY in {time.perf_counter() - t0:.0f} s")
        return len(sources)
    finally:
        engine.dispose()


# -- the run ---------------------------------------------------------------------------------


def pss_kb(pid: int) -> dict[str, int]:
    """Pss, Rss and private pages of a process, from ``/proc/PID/smaps_rollup`` (kB)."""
    out: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("Rss", "Pss", "Private_Clean", "Private_Dirty", "Shared_Clean"):
            out[name] = int(rest.split()[0])
    return out


def stopped(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "T"
    except OSError:
        return True


class Only:
    """While inside, only worker ``pid`` accepts connections: the others are SIGSTOPped
    (for well under a second; gunicorn's timeout is 30 s)."""

    def __init__(self, pids: Sequence[int], pid: int) -> None:
        self.others = [p for p in pids if p != pid]

    def __enter__(self) -> None:
        import signal

        for p in self.others:
            os.kill(p, signal.SIGSTOP)
        while not all(stopped(p) for p in self.others):
            time.sleep(0.001)

    def __exit__(self, *exc: object) -> None:
        import signal

        for p in self.others:
            with contextlib.suppress(ProcessLookupError):
                os.kill(p, signal.SIGCONT)


def each_worker_sees(
    pids: Sequence[int],
    since: float,
    answer: Callable[[], dict[str, Any]],
    seen: Callable[[dict[str, Any]], bool],
    what: str,
) -> list[float]:
    """Ask each worker in turn (the others stopped) until ``seen`` holds of its ``answer``;
    the seconds since ``since`` it took each. Exits if a worker has not seen it in 10 s."""
    took: list[float] = []
    for pid in pids:
        with Only(pids, pid):
            while True:
                if seen(answer()):
                    break
                if time.perf_counter() - since > 10:
                    raise SystemExit(f"worker {pid}: {what} not seen in 10 s")
        took.append(time.perf_counter() - since)
    return took


def deployment_run(
    env: dict[str, str], sources: Sequence[str], queries: Sequence[str], recall_n: int, workers: int
) -> None:
    import resource
    import statistics
    import uuid

    from sqlalchemy import create_engine, text

    from bench._serve import PASSWORD, Client, Gunicorn
    from bench.tm import MIN_SCORE, percentiles, recall
    from workflow import services
    from workflow.bootstrap import build_context
    from workflow.memory.snapshot import newest, open_snapshot
    from workflow.services.demo import SLUG
    from workflow.settings import Settings
    from workflow.states import SegmentState

    instance = Path(env["TRANSDESK_INSTANCE"])
    folder = instance / "memory"
    figures: list[tuple[str, str]] = []

    # 1. The snapshot, built by the job worker's code in a process of its own.
    info = newest(folder)
    if info is None:
        t0 = time.perf_counter()
        transdesk(env, "tm", "snapshot", "--json")
        took = time.perf_counter() - t0
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        info = newest(folder)
        assert info is not None
        figures.append(
            ("snapshot build (transdesk tm snapshot)", f"{took:.0f} s, peak RSS {peak:.0f} MB")
        )
    assert info is not None
    figures.append(
        ("snapshot", f"{info.units:,} units, {info.bytes / 2**20:.0f} MB on disk, "
         f"{info.bytes / info.units:.0f} bytes per unit")
    )  # fmt: skip

    # 2. An editor, and a segment to approve.
    desk = build_context(Settings.from_env(env))
    try:
        editor = f"bench-{uuid.uuid4().hex[:8]}"
        services.add_user(desk, editor, "editor", PASSWORD)
        entries = services.show_article(desk, SLUG, "en").entries
        todo = [e for e in entries if e.translation.state is SegmentState.TRANSLATED]
        if not todo:
            raise SystemExit(f"no translated segment left in {SLUG}: reload the demo")
        key, text_en = todo[0].segment.key, todo[0].translation.text
        keys = [e.segment.key for e in entries]
    finally:
        desk.close()

    engine = create_engine(sa_url(env["TRANSDESK_DATABASE_URL"]))
    with Gunicorn(env, workers=workers, threads=2) as server:
        pids = server.ready_pids()
        client = Client(server.url, editor)
        client.login()
        # A new connection per request, so that the worker we chose answers: drop the
        # login's keep-alive connection (its worker may be the one stopped next).
        client.http.close()
        client.http.headers["Connection"] = "close"

        def suggest(k: str) -> tuple[float, dict[str, Any]]:
            t = time.perf_counter()
            r = client.http.get(
                f"{server.url}/articles/{SLUG}/en/segments/{k}/suggestions", timeout=20
            )
            r.raise_for_status()
            return (time.perf_counter() - t) * 1000, r.json()

        def first_suggestions(running: Sequence[int], asked: Sequence[int]) -> list[float]:
            """Milliseconds of a suggestion from each worker ``asked``, the other ``running``
            ones stopped meanwhile."""
            took = []
            for pid in asked:
                with Only(running, pid):
                    took.append(suggest(keys[1])[0])
            return took

        master = server.process.pid if server.process else 0
        before = [pss_kb(p) for p in [master, *pids]]
        figures.append(
            ("memory before any lookup (master + workers)",
             f"PSS {sum(m['Pss'] for m in before) / 1024:.0f} MB, each worker "
             + ", ".join(f"{m['Pss'] / 1024:.0f}" for m in before[1:]) + " MB")
        )  # fmt: skip

        # 3. The first suggestion each fresh worker answers.
        first = first_suggestions(pids, pids)
        figures.append(
            ("first suggestion, fresh workers", ", ".join(f"{m:.0f}" for m in first) + " ms")
        )

        # 4. A worker killed and replaced (what max_requests does, without the grace).
        victim = pids[0]
        server.kill_worker(victim)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            now_pids = server.ready_pids()
            if len(now_pids) >= workers and victim not in now_pids:
                break
            time.sleep(0.1)
        replacement = sorted(set(now_pids) - set(pids))
        pids = now_pids
        restart = first_suggestions(pids, replacement)
        figures.append(
            ("first suggestion after a restart", ", ".join(f"{m:.0f}" for m in restart) + " ms")
        )

        # 5. Every worker answers for every segment (a lookup each), then PSS.
        http = []
        for pid in pids:
            with Only(pids, pid):
                for k in keys:
                    ms, body = suggest(k)
                    http.append(ms)
                    assert not body.get("warming"), body
        figures.append(
            ("suggestions over HTTP (whole request)",
             f"p50 {statistics.median(http):.1f} ms, max {max(http):.0f} ms, n={len(http)}")
        )  # fmt: skip
        procs = [master, *pids]
        mem = [pss_kb(p) for p in procs]
        pss = sum(m["Pss"] for m in mem) / 1024
        rss = sum(m["Rss"] for m in mem) / 1024
        private = sum(m["Private_Clean"] + m["Private_Dirty"] for m in mem) / 1024
        figures.append(
            (f"memory, master + {len(pids)} workers",
             f"PSS {pss:.0f} MB (RSS {rss:.0f} MB, private {private:.0f} MB); each worker PSS "
             + ", ".join(f"{m['Pss'] / 1024:.0f}" for m in mem[1:]) + " MB")
        )  # fmt: skip

        figures.append(
            ("bound if every snapshot page were touched",
             f"private {private:.0f} MB + snapshot {info.bytes / 2**20:.0f} MB = "
             f"{private + info.bytes / 2**20:.0f} MB")
        )  # fmt: skip

        # 6. An approval through one worker, then every worker asked in turn.
        with Only(pids, pids[-1]):
            t_approve = time.perf_counter()
            r = client.post(f"/articles/{SLUG}/en/approve", {"key": key})
            assert r.status_code == 302, r.status_code

        def approved(body: dict[str, Any]) -> bool:
            top = body["memory"][0] if body["memory"] else {}
            return bool(top.get("origin") == "approved" and top.get("target") == text_en)

        seen = each_worker_sees(pids, t_approve, lambda: suggest(key)[1], approved, "approval")
        figures.append(
            (f"approved unit suggested by all {len(pids)} workers",
             f"after {max(seen) * 1000:.0f} ms (one after the other: "
             + ", ".join(f"{s * 1000:.0f}" for s in seen) + " ms)")
        )  # fmt: skip

        # 7. The unit removed (transdesk tm remove, another process), every worker asked.
        with engine.connect() as conn:
            unit_id = conn.execute(
                text("SELECT id FROM tm_units WHERE context = :c AND origin = 'approved'"),
                {"c": f"{SLUG}/{key}"},
            ).scalar_one()
        transdesk(env, "tm", "remove", str(unit_id))
        t_remove = time.perf_counter()
        gone = each_worker_sees(
            pids,
            t_remove,
            lambda: suggest(key)[1],
            lambda body: all(m.get("origin") != "approved" for m in body["memory"]),
            "removal",
        )
        figures.append(
            (f"removed unit gone from all {len(pids)} workers",
             f"after {max(gone) * 1000:.0f} ms ("
             + ", ".join(f"{s * 1000:.0f}" for s in gone) + " ms)")
        )  # fmt: skip
    engine.dispose()

    # 8. Lookups on the snapshot as the workers map it, and recall against a full scan.
    index = open_snapshot(info)
    times = []
    for q in queries:
        t = time.perf_counter()
        index.search(q, target_lang="en", k=5)
        times.append((time.perf_counter() - t) * 1000)
    p50, p95, p99 = percentiles(times)

    def best_of(q: str) -> float | None:
        return max((m.score for m in index.search(q, target_lang="en", k=5)), default=None)

    rec, n, _ = recall(queries[:recall_n], best_of, sources)
    figures.append(
        ("lookups on the mapped snapshot (top 5, min 50 %)",
         f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms over {len(queries)}; "
         f"best match found {rec:.1%} of {n} (full rapidfuzz scan, min {MIN_SCORE:.0f} %)")
    )  # fmt: skip

    print()
    load = os.getloadavg()[0]
    print(f"deployment run: gunicorn {workers} workers × 2 threads, PostgreSQL, "
          f"{info.units:,} units in the snapshot (load average {load:.1f})")  # fmt: skip
    for name, value in figures:
        print(f"  {name:<48} {value}")
