"""Benchmark the preview in context and the header's live status on a long article.

usage: python bench/preview.py [--segments 331 1200] [--requests 20]

Builds the same article as ``bench/editor.py`` (sentences of the alignment dev data imported
as JSON and paired with their English, so every segment is pre-filled), for each size in
``--segments``, serves the app in a thread and measures, logged in as an editor, over
``--requests`` GETs after one warm-up:

* preview: ``GET /articles/<slug>/en/preview`` — the bundle's article.html rendered from the
  current translations, what the side panel loads when opened and after a run of saves;
* status: ``GET /articles/<slug>/en/status`` — the header's words, origins, publish status and
  "Approve all" form, re-read after a run of saves made in place (debounced in the browser);
* editor: ``GET /articles/<slug>/en`` — the whole editor page, for scale.

Prints median and p95 in milliseconds, the response sizes and the load average. The client
runs in the server's process, so the figures include its share of the GIL.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.editor import (  # noqa: E402
    PASSWORD,
    article_json,
    load_docs,
    log_in,
    percentile,
    running_server,
    split_docs,
)


def timed(session: object, url: str, n: int) -> tuple[float, float, int]:
    get = session.get  # type: ignore[attr-defined]
    r = get(url)
    assert r.status_code == 200, (url, r.status_code)
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        r = get(url)
        times.append((time.perf_counter() - t0) * 1000)
        assert r.status_code == 200, (url, r.status_code)
    return statistics.median(times), percentile(times, 95), len(r.content)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--segments", type=int, nargs="+", default=[331, 1200])
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args(argv)
    load_start = os.getloadavg()
    docs = load_docs()
    rows: list[str] = []
    with running_server(None) as (base, desk):
        from workflow import services

        services.add_user(desk, "eddie", "editor", PASSWORD)
        session = log_in(base, "eddie")
        for size in args.segments:
            chosen, _ = split_docs(docs, size)
            title = f"Preview bench {size}"
            imported = services.import_article(
                desk, article_json(title, chosen, "ko"), source=f"p{size}.json", locale="ko"
            )
            services.pair_translation(
                desk,
                imported.slug,
                article_json(title, chosen, "en"),
                source=f"p{size}e.json",
                locale="en",
            )
            for name, path in (("preview", "/preview"), ("status", "/status"), ("editor", "")):
                p50, p95, size_b = timed(
                    session, f"{base}/articles/{imported.slug}/en{path}", args.requests
                )
                kib = size_b / 1024
                rows.append(f"{imported.segments:>7} {name:<8} {p50:>9.1f} {p95:>9.1f} {kib:>9.1f}")
    print(f"{'segments':>7} {'GET':<8} {'p50 ms':>9} {'p95 ms':>9} {'KiB':>9}")
    print("\n".join(rows))
    end = os.getloadavg()
    print(f"load average {load_start[0]:.1f} at start, {end[0]:.1f} at end (2 cores)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
