"""Benchmark: do saves on other articles go through while a long pairing runs?

usage: python bench/pair_lock.py [--sentences 20000] [--interval 0.2]
                                 [--database-url postgresql+psycopg://…]

Builds a synthetic article of ``--sentences`` short Korean sentences (five a paragraph) and
its English, imports both into a temporary instance (SQLite unless ``--database-url``), and
pairs them in a thread — the case of issue 12, item 7, where the alignment ran inside
SQLite's ``BEGIN IMMEDIATE`` for ~100 s and every other write failed after the 10 s busy
timeout. Meanwhile the main thread saves a segment of another article every ``--interval``
seconds and records how long each save took and whether it failed. Prints the pairing's
time, the number of saves, the failures, and the median, p95 and maximum save latency;
exits 1 if any save failed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def article(title: str, sentences: list[str]) -> bytes:
    paragraphs = [" ".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5)]
    return json.dumps({"title": title, "body": paragraphs}, ensure_ascii=False).encode()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=20_000)
    parser.add_argument("--interval", type=float, default=0.2)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)

    instance = tempfile.mkdtemp(prefix="pair-lock-")
    os.environ.update(
        TRANSDESK_ENV="test",
        TRANSDESK_INSTANCE=instance,
        TRANSDESK_DATABASE_URL=args.database_url or f"sqlite:///{instance}/transdesk.sqlite3",
    )
    from workflow import services
    from workflow.bootstrap import build_context
    from workflow.settings import Settings

    desk = build_context(Settings.from_env())
    desk.db.migrate()
    n = args.sentences
    ko = article("긴 기사", [f"{i}번 문장이다." for i in range(n)])
    en = article("A long story", [f"Line {i}." for i in range(n)])
    small_ko = json.dumps({"title": "짧은 기사", "body": ["투표율은 55%다."]}).encode()
    small_en = json.dumps({"title": "A short story", "body": ["Turnout is 55%."]}).encode()
    services.import_article(desk, ko, source="big.json", locale="ko", slug="big")
    services.import_article(desk, small_ko, source="small.json", locale="ko", slug="small")
    services.pair_translation(desk, "small", small_en, source="small-en.json", locale="en")
    tina = services.add_user(desk, "tina", "translator", "correct horse battery staple").id

    outcome: dict[str, Any] = {}

    def pair() -> None:
        start = time.monotonic()
        try:
            outcome["result"] = services.pair_translation(
                desk, "big", en, source="big-en.json", locale="en"
            )
        except Exception as exc:  # reported below
            outcome["error"] = exc
        outcome["seconds"] = time.monotonic() - start

    thread = threading.Thread(target=pair, daemon=True)
    thread.start()
    latencies: list[float] = []
    failures: list[str] = []
    i = 0
    while thread.is_alive():
        i += 1
        start = time.monotonic()
        try:
            services.save_translation(desk, "small", "en", "title", f"Save {i}", user_id=tina)
        except Exception as exc:  # "database is locked" is what this looks for
            failures.append(f"{type(exc).__name__}: {exc}")
        latencies.append(time.monotonic() - start)
        time.sleep(args.interval)
    thread.join()
    desk.close()

    if "error" in outcome:
        print(f"pairing failed: {outcome['error']!r}")
        return 1
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(
        f"pairing {n:,} × {n:,} sentences: {outcome['seconds']:.1f} s, "
        f"{outcome['result'].prefilled:,} segments pre-filled"
    )
    print(
        f"saves meanwhile: {len(latencies)}, failed {len(failures)}; latency median "
        f"{statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"max {latencies[-1] * 1000:.0f} ms"
    )
    for failure in sorted(set(failures))[:3]:
        print(f"  {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
