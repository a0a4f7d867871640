"""Benchmark the editor of a long article: opening it, Chromium's time to edit, saving.

usage: python bench/editor.py [--segments 300] [--requests 30] [--saves 200] [--loads 5]
                              [--roundtrips 40] [--big 20000]
                              [--database-url postgresql+psycopg://…] [--no-browser]
                              [--no-loaded] [--gunicorn]

Starts transdesk itself (werkzeug ``make_server`` in a thread over ``web.create_app()``,
a temporary instance folder, SQLite unless ``--database-url``), builds an article of about
``--segments`` Korean sentences from the shared alignment data (``dev.jsonl``, a few
sentences per paragraph, imported as JSON) and pairs it with its English, so that every
segment is pre-filled and the memory holds its pairs. Then measures, logged in with a
``requests.Session`` (the client runs in the same process as the server, so the figures
include the client's own share of the GIL):

* open: ``GET /articles/<slug>/en`` (the editor page), median and p95 over ``--requests``;
  the ``Server-Timing`` header is reported when the app sends one;
* Chromium: Debian's Chromium via Playwright, logged in; ``page.goto`` to DOMContentLoaded
  and to the first textarea visible and editable, with the navigation entry's
  ``domInteractive``; median of ``--loads``;
* save: the save form POSTed ``--saves`` times across segments (version kept current,
  redirect not followed), p50/p95/p99; the redirect's page is what the user then waits
  for, which is the "open" figure;

* round trips in Chromium (the editor without reloads): ``--roundtrips`` times, the time
  from the Ctrl+Enter keydown in a row to that row redrawn with its new version (save), and
  from an editor's Ctrl+Shift+Enter to the row redrawn as approved (approve), measured in
  the page with ``performance.now()`` and a MutationObserver; p50/p95;

then again with about 1,000 units in the translation memory (more articles of the same
data, paired) and a 200-term glossary (``services.import_terms``, CSV); and, with ``--big``,
an article of that many short segments (the Korean data's sentence openings, numbered,
within the importer's 300,000-character body limit), opened the same way: server GET,
page bytes, Chromium to the first textarea editable (the editor draws a page of 200 rows).
Prints one table with the goals beside the figures, and the load average at start and end.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
from werkzeug.serving import make_server

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench._browser import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402

DATA = REPO / "bench" / "data" / "align" / "dev.jsonl"
PASSWORD = "bench password, long enough"
PER_PARAGRAPH = 3
TOKEN_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
ROW_RE = re.compile(
    r'<section id="seg-[^"]+" class="segment[^"]*" data-key="([^"]+)"[^>]*'
    r'data-version="(\d+)"'
)
HANGUL_WORD_RE = re.compile(r"[가-힣]{2,}")
PARTICLE_RE = re.compile(r"(은|는|이|가|을|를|의|에|에서|으로|로|와|과|도|에게|까지|부터)$")


@dataclass
class Figures:
    """One scenario's measurements, in milliseconds."""

    label: str
    open_ms: list[float] = field(default_factory=list)
    server_timing: str = "absent"
    page_bytes: int = 0
    dcl_ms: list[float] = field(default_factory=list)
    textarea_ms: list[float] = field(default_factory=list)
    interactive_ms: list[float] = field(default_factory=list)
    save_ms: list[float] = field(default_factory=list)
    save_failures: int = 0
    rt_save_ms: list[float] = field(default_factory=list)
    rt_approve_ms: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (nearest rank) of ``values``; NaN when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, round(p / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def load_docs() -> list[dict[str, Any]]:
    with DATA.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def paragraphs(sentences: Sequence[str]) -> list[str]:
    return [
        " ".join(sentences[i : i + PER_PARAGRAPH]) for i in range(0, len(sentences), PER_PARAGRAPH)
    ]


def article_json(title: str, docs: Sequence[dict[str, Any]], side: str) -> bytes:
    body: list[str] = []
    for doc in docs:
        body += paragraphs(doc[f"{side}_sentences"])
    return json.dumps({"title": title, "body": body}, ensure_ascii=False).encode()


def split_docs(docs: list[dict[str, Any]], sentences: int) -> tuple[list[Any], list[Any]]:
    """The first documents holding about ``sentences`` Korean sentences, and the rest."""
    total = 0
    for i, doc in enumerate(docs):
        total += len(doc["ko_sentences"])
        if total >= sentences:
            return docs[: i + 1], docs[i + 1 :]
    return docs, []


def glossary_csv(docs: Sequence[dict[str, Any]], n: int) -> bytes:
    """``n`` terms made of the most frequent Korean words of the data (particles cut off)."""
    counts: Counter[str] = Counter()
    for doc in docs:
        for sentence in doc["ko_sentences"]:
            for word in HANGUL_WORD_RE.findall(sentence):
                stem = PARTICLE_RE.sub("", word)
                if len(stem) >= 2:
                    counts[stem] += 1
    rows = ["source,target,note"]
    for i, (word, _) in enumerate(counts.most_common(n)):
        rows.append(f"{word},term {i},bench")
    return ("\n".join(rows) + "\n").encode()


@contextmanager
def running_server(
    database_url: str | None, *, gunicorn: bool = False
) -> Iterator[tuple[str, Any]]:
    """The app on 127.0.0.1 over a temporary instance; yields (url, desk).

    In a thread of this process, or with ``gunicorn`` as deployed (``gunicorn.conf.py``, 2
    workers × 2 threads, in processes of their own: the browser's client then no longer
    shares the server's interpreter lock). ``desk`` is this process's, over the same database,
    for the set-up."""
    with tempfile.TemporaryDirectory(prefix="transdesk-bench-") as tmp:
        os.environ["TRANSDESK_ENV"] = "test"
        os.environ["TRANSDESK_INSTANCE"] = str(Path(tmp) / "instance")
        os.environ["TRANSDESK_SECRET_KEY"] = "bench-" + os.urandom(8).hex()
        if database_url:
            os.environ["TRANSDESK_DATABASE_URL"] = database_url
        else:
            os.environ.pop("TRANSDESK_DATABASE_URL", None)
        from web import create_app

        app = create_app()
        desk = app.extensions["transdesk"]
        desk.db.migrate()
        if gunicorn:
            from bench._serve import Gunicorn

            env = {k: v for k, v in os.environ.items() if k.startswith("TRANSDESK_")}
            with Gunicorn(env) as server_process:
                try:
                    yield server_process.url, desk
                finally:
                    desk.close()
            return
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}", desk
        finally:
            server.shutdown()
            thread.join(timeout=5)
            desk.close()


def log_in(base: str, name: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{base}/login").text
    match = TOKEN_RE.search(page)
    assert match, "no CSRF token on /login"
    r = session.post(
        f"{base}/login",
        data={"name": name, "password": PASSWORD, "csrf_token": match.group(1)},
        allow_redirects=False,
    )
    assert r.status_code == 302, f"login failed: {r.status_code}"
    return session


def measure_open(session: requests.Session, url: str, n: int, figures: Figures) -> str:
    """GET the editor page ``n`` times (after one warm-up); returns the last page."""
    page = session.get(url).text
    for _ in range(n):
        t0 = time.perf_counter()
        r = session.get(url)
        figures.open_ms.append((time.perf_counter() - t0) * 1000)
        assert r.status_code == 200, r.status_code
        page = r.text
        figures.server_timing = r.headers.get("Server-Timing", "absent")
    figures.page_bytes = len(page.encode())
    return page


def measure_saves(
    session: requests.Session, base: str, slug: str, page: str, n: int, figures: Figures
) -> None:
    """POST the save form ``n`` times across the segments, keeping each version current."""
    token_match = TOKEN_RE.search(page)
    assert token_match, "no CSRF token on the editor page"
    token = token_match.group(1)
    versions = {key: int(v) for key, v in ROW_RE.findall(page)}
    keys = [k for k in versions if k.startswith("s-")] or list(versions)
    assert keys, "no segment rows found on the editor page"
    for i in range(n):
        key = keys[i % len(keys)]
        data = {
            "csrf_token": token,
            "text": f"Bench save {i} of segment {key}.",
            "version": str(versions[key]),
            "next": "0",
        }
        t0 = time.perf_counter()
        r = session.post(
            f"{base}/articles/{slug}/en/segments/{key}", data=data, allow_redirects=False
        )
        figures.save_ms.append((time.perf_counter() - t0) * 1000)
        if r.status_code == 302:
            versions[key] += 1
        else:
            figures.save_failures += 1
        if i % 10 == 9:  # drain the "Saved." flashes piling up in the session cookie
            session.get(f"{base}/login")


def measure_browser(base: str, slug: str, loads: int, figures: Figures) -> None:
    if not os.path.exists(CHROMIUM):
        figures.notes.append(f"{CHROMIUM} missing: no browser figures")
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        context = browser.new_context(locale="en-US")
        page = context.new_page()
        page.goto(f"{base}/login")
        page.fill("input[name=name]", "tina")
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]:not([name=lang])")
        page.wait_for_url(f"{base}/")
        url = f"{base}/articles/{slug}/en"
        page.goto(url)  # warm-up: static files cached, as on a second visit
        for _ in range(loads):
            page.goto("about:blank")
            t0 = time.perf_counter()
            page.goto(url, wait_until="domcontentloaded")
            figures.dcl_ms.append((time.perf_counter() - t0) * 1000)
            area = page.wait_for_selector("section.segment textarea", state="visible")
            assert area is not None and area.is_editable()
            area.focus()
            assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"
            figures.textarea_ms.append((time.perf_counter() - t0) * 1000)
            nav = page.evaluate(
                "(() => { const n = performance.getEntriesByType('navigation')[0];"
                " return n.domInteractive - n.startTime; })()"
            )
            figures.interactive_ms.append(float(nav))
        context.close()
        browser.close()


# In the page: Ctrl+Enter (or Ctrl+Shift+Enter) on a row's textarea, resolved when the row is
# redrawn (a new element with the id, with the awaited attribute), in ms.
ROUND_TRIP_JS = """
async ([key, text, shift, attr, value]) => {
  const row = document.getElementById('seg-' + key);
  const area = row.querySelector('textarea[name=text]');
  area.focus();
  if (text !== null) { area.value = text; }
  const done = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      const now = document.getElementById('seg-' + key);
      if (now !== row && now.getAttribute(attr) === value) {
        observer.disconnect(); resolve(performance.now());
      }
      const error = now.querySelector('.row-error[role=alert]:not([hidden])');
      if (error) { observer.disconnect(); resolve(-1); }
    });
    observer.observe(row.parentElement, {childList: true, subtree: true});
  });
  const t0 = performance.now();
  area.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', ctrlKey: true,
    shiftKey: shift, bubbles: true, cancelable: true}));
  const t1 = await done;
  return t1 < 0 ? -1 : t1 - t0;
}
"""


def browser_login(browser: Any, base: str, name: str) -> Any:
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.goto(f"{base}/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]:not([name=lang])")
    page.wait_for_url(f"{base}/")
    return page


def measure_roundtrips(base: str, slug: str, n: int, figures: Figures) -> None:
    """Save round trips as tina, then approve round trips of her rows as eddie, in Chromium."""
    if not os.path.exists(CHROMIUM):
        figures.notes.append(f"{CHROMIUM} missing: no round trips")
        return
    from playwright.sync_api import sync_playwright

    url = f"{base}/articles/{slug}/en"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        page = browser_login(browser, base, "tina")
        page.goto(url)
        rows = page.evaluate(
            "Array.from(document.querySelectorAll('section.segment'))"
            ".filter(r => !r.querySelector('ul.findings li.error') && r.dataset.key !== 'title')"
            ".map(r => [r.dataset.key, r.dataset.version,"
            " r.querySelector('textarea').value])"
        )
        saved: list[str] = []
        for key, version, text in rows[:n]:
            ms = page.evaluate(
                ROUND_TRIP_JS, [key, text + " (b)", False, "data-version", str(int(version) + 1)]
            )
            if ms >= 0:
                figures.rt_save_ms.append(ms)
                saved.append(key)
        page.context.close()
        page = browser_login(browser, base, "eddie")
        page.goto(url)
        for key in saved:
            ms = page.evaluate(ROUND_TRIP_JS, [key, None, True, "data-state", "approved"])
            if ms >= 0:
                figures.rt_approve_ms.append(ms)
        page.context.close()
        browser.close()
    refused = 2 * len(rows[:n]) - len(figures.rt_save_ms) - len(figures.rt_approve_ms)
    figures.notes.append(
        f"{len(figures.rt_save_ms)} save and {len(figures.rt_approve_ms)} "
        f"approve round trips ({refused} refused)"
    )


def big_article_json(segments: int, docs: Sequence[dict[str, Any]]) -> bytes:
    """About ``segments`` short Korean sentences (openings of the data's, numbered)."""
    ko = [s for doc in docs for s in doc["ko_sentences"]]
    body = []
    for i in range(0, segments, PER_PARAGRAPH):
        body.append(
            " ".join(
                f"{ko[(i + j) % len(ko)][:5].strip()} {i + j}다." for j in range(PER_PARAGRAPH)
            )
        )
    return json.dumps({"title": "Big article", "body": body}, ensure_ascii=False).encode()


def scenario(base: str, slug: str, label: str, args: argparse.Namespace) -> Figures:
    figures = Figures(label)
    session = log_in(base, "tina")
    url = f"{base}/articles/{slug}/en"
    page = measure_open(session, url, args.requests, figures)
    if not args.no_browser:
        measure_browser(base, slug, args.loads, figures)
    measure_saves(session, base, slug, page, args.saves, figures)
    if not args.no_browser and args.roundtrips:
        measure_roundtrips(base, slug, args.roundtrips, figures)
    return figures


def tm_units(desk: Any) -> int:
    from sqlalchemy import func, select

    from workflow.store.tables import tm_units as table

    with desk.db.transaction(write=False) as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def fmt(value: float) -> str:
    return "—" if value != value else f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def print_table(rows: Sequence[Figures], setup: Sequence[str], loads: tuple[Any, Any]) -> None:
    lines: list[tuple[str, str, Callable[[Figures], float]]] = [
        ("open GET /articles/<slug>/en  median", "≤ 150", lambda f: statistics.median(f.open_ms)),
        ("open GET /articles/<slug>/en  p95", "≤ 150", lambda f: percentile(f.open_ms, 95)),
        ("Chromium goto → DOMContentLoaded (median)", "", lambda f: _median(f.dcl_ms)),
        ("Chromium goto → textarea editable (median)", "≤ 1000", lambda f: _median(f.textarea_ms)),
        ("Chromium domInteractive (median)", "", lambda f: _median(f.interactive_ms)),
        ("save POST p50", "", lambda f: percentile(f.save_ms, 50)),
        ("save POST p95", "≤ 50", lambda f: percentile(f.save_ms, 95)),
        ("save POST p99", "", lambda f: percentile(f.save_ms, 99)),
        ("Chromium save round trip p50", "≤ 60", lambda f: percentile(f.rt_save_ms, 50)),
        ("Chromium save round trip p95", "≤ 120", lambda f: percentile(f.rt_save_ms, 95)),
        ("Chromium approve round trip p50", "≤ 60", lambda f: percentile(f.rt_approve_ms, 50)),
        ("Chromium approve round trip p95", "≤ 120", lambda f: percentile(f.rt_approve_ms, 95)),
        ("page bytes (KiB)", "≤ 2048", lambda f: f.page_bytes / 1024),
    ]
    width = max(len(name) for name, _, _ in lines)
    head = f"{'ms':<{width}}  {'goal':>7}  " + "  ".join(f"{f.label:>18}" for f in rows)
    print()
    for line in setup:
        print(line)
    print(f"load average at start: {_load(loads[0])}   at end: {_load(loads[1])}")
    print()
    print(head)
    print("-" * len(head))
    for name, goal, get in lines:
        cells = []
        for f in rows:
            value = get(f)
            ok = _meets(goal, value)
            cells.append(f"{fmt(value) + ('' if ok is None else ' ok' if ok else ' MISS'):>18}")
        print(f"{name:<{width}}  {goal:>7}  " + "  ".join(cells))
    print("-" * len(head))
    for f in rows:
        print(
            f"{f.label}: page {f.page_bytes / 1024:,.0f} KiB, Server-Timing: {f.server_timing}, "
            f"{len(f.open_ms)} GETs, {len(f.dcl_ms)} loads, {len(f.save_ms)} saves "
            f"({f.save_failures} refused)" + "".join(f"; {n}" for n in f.notes)
        )


def _median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _meets(goal: str, value: float) -> bool | None:
    if not goal or value != value:
        return None
    return value <= float(goal.split()[-1])


def _load(values: Any) -> str:
    return " ".join(f"{v:.2f}" for v in values)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--segments", type=int, default=300)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--roundtrips", type=int, default=40)
    parser.add_argument("--big", type=int, default=0, help="also an article of N segments")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-loaded", action="store_true", help="skip the TM + glossary run")
    parser.add_argument(
        "--gunicorn", action="store_true", help="serve with gunicorn (as deployed), not a thread"
    )
    args = parser.parse_args(argv)

    load_start = os.getloadavg()
    docs = load_docs()
    main_docs, rest = split_docs(docs, args.segments)
    setup: list[str] = []
    rows: list[Figures] = []
    with running_server(args.database_url or None, gunicorn=args.gunicorn) as (base, desk):
        from workflow import services

        for name, role in (("tina", "translator"), ("eddie", "editor")):
            services.add_user(desk, name, role, PASSWORD)
        t0 = time.perf_counter()
        imported = services.import_article(
            desk,
            article_json("Bench article", main_docs, "ko"),
            source="bench-ko.json",
            locale="ko",
            format="json",
        )
        paired = services.pair_translation(
            desk,
            imported.slug,
            article_json("Bench article", main_docs, "en"),
            source="bench-en.json",
            locale="en",
            format="json",
        )
        build_s = time.perf_counter() - t0
        db = "SQLite" if desk.db.is_sqlite else desk.db.engine.dialect.name
        setup.append(
            f"{db}; article {imported.slug}: {imported.segments} segments from "
            f"{len(main_docs)} documents, {paired.prefilled} pre-filled by pairing "
            f"(import + pair {build_s:.1f} s); TM {tm_units(desk)} units, glossary 0 terms"
        )
        rows.append(scenario(base, imported.slug, "plain", args))

        if not args.no_loaded:
            t0 = time.perf_counter()
            for i in range(0, len(rest), 5):
                chunk = rest[i : i + 5]
                other = services.import_article(
                    desk,
                    article_json(f"TM filler {i}", chunk, "ko"),
                    source=f"tm-{i}.json",
                    locale="ko",
                    format="json",
                )
                services.pair_translation(
                    desk,
                    other.slug,
                    article_json(f"TM filler {i}", chunk, "en"),
                    source=f"tm-{i}-en.json",
                    locale="en",
                    format="json",
                )
            glossary = services.import_terms(
                desk, glossary_csv(docs, 200), source="bench.csv", fmt="csv"
            )
            setup.append(
                f"loaded: TM {tm_units(desk)} units (other documents paired), glossary "
                f"{glossary.added} terms from the data's frequent words "
                f"({time.perf_counter() - t0:.1f} s to load); the renderings ('term N') are"
                " absent from the translations, so every hit is a warning with its own dismiss"
                " form: a worst case"
            )
            rows.append(scenario(base, imported.slug, "TM+glossary", args))
        if args.big:
            t0 = time.perf_counter()
            big = services.import_article(
                desk, big_article_json(args.big, docs), source="big.json", locale="ko",
                format="json",
            )  # fmt: skip
            setup.append(
                f"big: article {big.slug}: {big.segments} segments, not paired (every one"
                f" Empty), imported in {time.perf_counter() - t0:.1f} s"
            )
            figures = Figures(f"{big.segments} segs")
            session = log_in(base, "tina")
            measure_open(session, f"{base}/articles/{big.slug}/en", args.requests, figures)
            if not args.no_browser:
                measure_browser(base, big.slug, args.loads, figures)
            rows.append(figures)
    print_table(rows, setup, (load_start, os.getloadavg()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
