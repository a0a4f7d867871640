"""Benchmark the pages of an article whose segments are as long as the limit allows.

usage: python -m bench.long_segments [--segments 41] [--chars 20000] [--source-chars 0]
                                     [--requests 3] [--kinds prose,runs] [--terms 50]
                                     [--database-url postgresql+psycopg://…]

Starts transdesk like ``bench/editor.py`` (werkzeug in a thread, a temporary instance,
SQLite unless ``--database-url``) and builds, per kind, an article of ``--segments``
paragraphs, each one Korean sentence (or, with ``--source-chars``, that many characters
without a sentence end; an article body holds at most 300,000); a translator then saves a
translation of ``--chars`` characters into each (the most the editor accepts), and a
glossary of ``--terms`` terms of the source is loaded.

* ``prose``: Korean with figures, an e-mail address and a URL; English that renders them
  all, repeated to ``--chars`` (the glossary hits everywhere);
* ``runs``: the same sources; the translations are what an attacker types: one letter
  20,000 times, ``A.`` pairs ending in ``!``, ``a@`` alternating, digits, Hangul, quotes.

Then, logged in as an editor, it measures the editor page with the QA findings cache
emptied before each request (``cold``: what the first viewer of new text waits for) and
with it filled (``warm``), the review queue (cold), a segment's history (a word diff of
two revisions of ``--chars`` characters) and approve-all (cold). Prints one table (ms).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.editor import PASSWORD, TOKEN_RE, log_in, running_server  # noqa: E402

KO_PROSE = (
    "국방부 대변인은 2015년 4월 28일 기자들에게 한·미 연합훈련에 3만명이 참가하고 "
    "예산 1억1천만 달러가 든다고 밝혔고 자세한 내용은 english@hani.co.kr 또는 "
    "https://www.hani.co.kr/arti/689058.html 에서 볼 수 있다고 말했으며 "
)
EN_PROSE = (
    "The Defense Ministry spokesperson told reporters on Apr. 28, 2015 that 30,000 troops "
    "would join the joint South Korea-US exercise at a cost of $110 million, with details "
    "from english@hani.co.kr or https://www.hani.co.kr/arti/689058.html, and said "
)
RUNS = ("A", "A.", "a@", "9", "가", "“", "ab", "[%%")


def fill(pattern: str, chars: int, end: str = "") -> str:
    """``pattern`` repeated to ``chars`` characters, the last ones ``end``."""
    body = pattern * (chars // max(1, len(pattern)) + 1)
    return body[: chars - len(end)] + end


def sources(n: int, chars: int) -> list[str]:
    if not chars:
        return [f"{KO_PROSE.strip()} ({i + 1})." for i in range(n)]
    return [fill(KO_PROSE, chars).strip() for _ in range(n)]


def targets(kind: str, n: int, chars: int) -> list[str]:
    if kind == "prose":
        return [fill(EN_PROSE, chars).strip() for _ in range(n)]
    return [fill(RUNS[i % len(RUNS)], chars, "!") for i in range(n)]


def glossary_csv(n: int) -> bytes:
    words = dict.fromkeys(w for w in KO_PROSE.split() if len(w) >= 2 and not w[0].isdigit())
    rows = ["source,target,note", *[f"{w},term {i},bench" for i, w in enumerate(words)][:n]]
    return ("\n".join(rows) + "\n").encode()


def build(desk: Any, kind: str, args: argparse.Namespace) -> tuple[str, list[str]]:
    """An article of long segments with long translations; returns (slug, keys)."""
    from workflow import services

    body = sources(args.segments, args.source_chars)
    data = json.dumps({"title": f"Long {kind}", "body": body}, ensure_ascii=False).encode()
    imported = services.import_article(
        desk, data, source=f"long-{kind}.json", locale="ko", format="json"
    )
    tina = next(u for u in services.list_users(desk) if u.name == "tina")
    la = services.show_article(desk, imported.slug, "en")
    keys = [e.segment.key for e in la.entries if e.segment.key.startswith("s-")]
    for key, text in zip(keys, targets(kind, len(keys), args.chars), strict=False):
        services.save_translation(desk, imported.slug, "en", key, text, user_id=tina.id)
    # A second revision of the first segment, so that its history shows a long word diff.
    services.save_translation(
        desk, imported.slug, "en", keys[0], fill(EN_PROSE[::-1], args.chars), user_id=tina.id
    )
    return imported.slug, keys


def timed(call: Callable[[], Any], n: int, before: Callable[[], None] | None = None) -> list[float]:
    out = []
    for _ in range(n):
        if before is not None:
            before()
        t0 = time.perf_counter()
        status = call()
        out.append((time.perf_counter() - t0) * 1000)
        assert status in (200, 302), f"status {status}"
    return out


def measure(base: str, desk: Any, slug: str, keys: list[str], n: int) -> dict[str, list[float]]:
    session = log_in(base, "eddie")
    page = f"{base}/articles/{slug}/en"

    def cold() -> None:
        with desk.findings.lock:
            desk.findings.items.clear()

    def get(url: str) -> Callable[[], int]:
        return lambda: session.get(url).status_code

    figures = {
        "editor page, cold": timed(get(page), n, cold),
        "editor page, warm": timed(get(page), n),
        "review queue, cold": timed(get(f"{base}/review"), n, cold),
        "history of a segment": timed(get(f"{page}/segments/{keys[0]}/history"), n),
    }
    match = TOKEN_RE.search(session.get(page).text)
    assert match, "no CSRF token on the editor page"
    token = match.group(1)
    approve = f"{page}/approve"
    figures["approve all, cold"] = timed(
        lambda: (
            session.post(approve, data={"csrf_token": token}, allow_redirects=False).status_code
        ),
        1,
        cold,
    )
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--segments", type=int, default=41)
    parser.add_argument("--chars", type=int, default=20_000)
    parser.add_argument("--source-chars", type=int, default=0)
    parser.add_argument("--requests", type=int, default=3)
    parser.add_argument("--kinds", default="prose,runs")
    parser.add_argument("--terms", type=int, default=50)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args(argv)
    kinds = [k for k in args.kinds.split(",") if k]
    load_start = os.getloadavg()
    results: dict[str, dict[str, list[float]]] = {}
    with running_server(args.database_url or None) as (base, desk):
        from workflow import services

        for name, role in (("tina", "translator"), ("eddie", "editor")):
            services.add_user(desk, name, role, PASSWORD)
        services.import_terms(desk, glossary_csv(args.terms), source="long.csv", fmt="csv")
        for kind in kinds:
            t0 = time.perf_counter()
            slug, keys = build(desk, kind, args)
            print(f"{kind}: {len(keys)} translations of {args.chars:,} characters, built in "
                  f"{time.perf_counter() - t0:.1f} s", flush=True)  # fmt: skip
            results[kind] = measure(base, desk, slug, keys, args.requests)
    print(f"\nload average at start: {' '.join(f'{v:.2f}' for v in load_start)}   "
          f"at end: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")  # fmt: skip
    names = list(next(iter(results.values())))
    width = max(len(n) for n in names) + 14
    print(f"{'ms (median; max)':<{width}}" + "".join(f"{k:>22}" for k in kinds))
    for name in names:
        cells = []
        for kind in kinds:
            values = results[kind][name]
            cells.append(f"{statistics.median(values):,.0f}; {max(values):,.0f}")
        print(f"{name:<{width}}" + "".join(f"{c:>22}" for c in cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
