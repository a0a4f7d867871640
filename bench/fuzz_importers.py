"""Fuzz every importer and upload path through the real services, and a sample through the web.

usage: python bench/fuzz_importers.py [--count 10000] [--seed 1] [--formats json,tmx,…]
       [--web-every 100] [--save fuzz-failures] [--show 3]

Ten formats: the article importers (``hani-text``, ``markdown``, ``html``, ``json``) through
``import_article`` (one English input in ten through ``pair_translation``), ``po``,
``xliff2`` and ``xliff12`` through ``import_catalog``, ``tmx`` through ``tm_import``, ``tbx``
and ``csv`` through ``import_terms``, on a fresh SQLite instance seeded with the sample
pair. Seeds are the shared samples and the app's own exports; mutations are byte-level and
structure-aware (``tests/workflow/test_importers_fuzz.py`` holds the generator, shared with
the suite). Every ``--web-every``-th input also goes through the Flask test client's upload
endpoint (TMX, which has no web upload, through ``transdesk tm import``).

A failure is any exception outside the WorkflowError tree, a refused input that stored
something, an accepted one whose values overflow their columns, an HTTP 500 or a CLI exit
status other than 0 and 2. Each failing input is saved as ``<format>-<digest>.bin`` (with
its traceback as ``.txt``) under ``--save``. Prints per format: inputs, accepted, refused,
refusals that do not name the file, failures, inputs/s; then the commonest refusals.
Exit status 1 if anything failed.

Speed: the sentence splitters are memoised per paragraph (``segmentation._bounds``, which
is deterministic): kiwipiepy takes ~30 ms a Korean paragraph and most mutations leave
most paragraphs as they were; a paragraph seen for the first time is split for real.
"""

from __future__ import annotations

import argparse
import functools
import io
import os
import re
import shutil
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for ``tests``

from tests.workflow.test_importers_fuzz import (
    EDITOR,
    FORMATS,
    PASSWORD,
    Case,
    Outcome,
    World,
    cases,
    fingerprint,
    make_world,
    run_case,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="inputs per format")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--web-every", type=int, default=100, help="0: no web sample")
    parser.add_argument("--save", type=Path, default=Path("fuzz-failures"))
    parser.add_argument("--show", type=int, default=3, help="tracebacks to print")
    parser.add_argument("--keep", action="store_true", help="keep the instance folder")
    args = parser.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    unknown = set(formats) - set(FORMATS)
    if unknown:
        parser.error(f"unknown formats {sorted(unknown)}; known: {', '.join(FORMATS)}")

    instance = Path(tempfile.mkdtemp(prefix="fuzz-importers-")) / "instance"
    os.environ.update(
        TRANSDESK_ENV="test",
        TRANSDESK_INSTANCE=str(instance),
        TRANSDESK_DATABASE_URL=f"sqlite:///{instance / 'transdesk.sqlite3'}",
        TRANSDESK_SECRET_KEY="fuzz-" + uuid.uuid4().hex,
    )
    from web import create_app  # after the environment: the app reads it
    from workflow.text import segmentation

    split = functools.lru_cache(maxsize=20_000)(segmentation._bounds)
    segmentation._bounds = lambda text, lang: list(split(text, lang))

    app = create_app()
    ctx = app.extensions["transdesk"]
    ctx.db.migrate()
    world = make_world(ctx)
    web = Web(app, world) if args.web_every else None
    print(
        f"instance {instance}; seeds: " + ", ".join(f"{f} {len(world.seeds[f])}" for f in formats)
    )

    failures: list[str] = []
    rows = []
    refusals: dict[str, Counter[str]] = {}
    for fmt in formats:
        counts: Counter[str] = Counter()
        kinds: Counter[str] = Counter()
        started = time.perf_counter()
        for case in cases(world, fmt, seed=args.seed, count=args.count):
            outcome = run_case(world, case)
            counts[outcome.kind] += 1
            counts["vague"] += outcome.vague
            if outcome.kind == "refused":
                kinds[outcome.detail] += 1
            elif outcome.kind == "failure":
                failures.append(save(args.save, case, outcome))
            if web is not None and case.number % args.web_every == 0:
                counts["web"] += 1
                web_outcome = web.send(case)
                counts[f"web-{web_outcome.detail}"] += 1
                if web_outcome.kind == "failure":
                    counts["failure"] += 1
                    failures.append(save(args.save, case, web_outcome))
        elapsed = time.perf_counter() - started
        rows.append((fmt, counts, elapsed))
        refusals[fmt] = kinds
        print(
            f"  {fmt:9} {args.count:6} inputs  {counts['accepted']:6} accepted"
            f"  {counts['refused']:6} refused  {counts['failure']:3} failures"
            f"  {args.count / elapsed:6.0f} inputs/s",
            flush=True,
        )

    print(f"\n{'format':9} {'inputs':>7} {'accepted':>9} {'refused':>8} {'no file':>8}", end="")
    print(f" {'failures':>9} {'inputs/s':>9}  web sample (status: count)")
    total_inputs = total_time = 0.0
    for fmt, counts, elapsed in rows:
        total_inputs += args.count
        total_time += elapsed
        web_counts = ", ".join(
            f"{k.removeprefix('web-')}: {n}" for k, n in sorted(counts.items()) if k[:4] == "web-"
        )
        print(
            f"{fmt:9} {args.count:7} {counts['accepted']:9} {counts['refused']:8}"
            f" {counts['vague']:8} {counts['failure']:9} {args.count / elapsed:9.0f}"
            f"  {web_counts}"
        )
    print(f"{'all':9} {total_inputs:7.0f} {'':9} {'':8} {'':8} {len(failures):9}", end="")
    print(f" {total_inputs / total_time:9.0f}   ({total_time:.0f} s)")
    print("\ncommonest refusals:")
    for fmt in formats:
        for kind, n in refusals[fmt].most_common(4):
            print(f"  {fmt:9} {n:6}  {kind}")
    print(f"\nfailures: {len(failures)}" + (f" (saved under {args.save})" if failures else ""))
    for text in failures[: args.show]:
        print(text)
    ctx.close()
    if not args.keep:
        shutil.rmtree(instance.parent, ignore_errors=True)  # ~150 MB after a full run
    return 1 if failures else 0


def save(folder: Path, case: Case, outcome: Outcome) -> str:
    """Keep a failing input and its traceback; returns a summary line and the trace."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = folder / f"{case.fmt}-{case.digest}"
    stem.with_suffix(".bin").write_bytes(case.data)
    summary = (
        f"{case.fmt} {case.digest} (case {case.number}, named {case.named}, pair {case.pair},"
        f" mutations {[name for name, _ in case.steps]}): {outcome.detail}"
    )
    stem.with_suffix(".txt").write_text(summary + "\n" + (outcome.trace or ""))
    print("  FAILURE " + summary, flush=True)
    return summary + "\n" + (outcome.trace or "")


class Web:
    """The upload endpoints through the test client, logged in as the world's editor."""

    def __init__(self, app: object, world: World) -> None:
        from click.testing import CliRunner

        from web.cli import main as cli

        self.app = app
        self.world = world
        self.client = app.test_client()  # type: ignore[attr-defined]
        self.runner = CliRunner(env=dict(os.environ))
        self.cli = cli
        token = self._token("/login")
        response = self.client.post(
            "/login", data={"name": EDITOR, "password": PASSWORD, "csrf_token": token}
        )
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        self.token = self._token("/")

    def _token(self, path: str) -> str:
        page = self.client.get(path).get_data(as_text=True)
        match = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert match, f"no CSRF token on {path}"
        return match.group(1)

    def send(self, case: Case) -> Outcome:
        """POST the case where a user would upload it; 5xx (or CLI status 1) is a failure."""
        from tests.workflow.test_importers_fuzz import ARTICLE_FORMATS, CATALOG_FORMATS, EXTENSIONS

        name = f"web-{case.fmt}-{case.number}{EXTENSIONS[case.fmt]}"
        before = fingerprint(self.world.ctx)
        if case.fmt == "tmx":
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / name
                path.write_bytes(case.data)
                result = self.runner.invoke(self.cli, ["tm", "import", str(path)])
            status = {0: 200, 2: 400}.get(result.exit_code, 500)
            detail = f"exit {result.exit_code}"
            trace = result.output + (
                "".join(__import__("traceback").format_exception(result.exc_info[1]))
                if result.exc_info and result.exit_code not in (0, 2)
                else ""
            )
        else:
            form: dict[str, object] = {
                "csrf_token": self.token,
                "file": (io.BytesIO(case.data), name),
                "format": case.named or "",
            }
            slug = self.world.slug
            if case.fmt in ARTICLE_FORMATS:
                form["locale"] = "en" if case.pair else case.locale
                path = f"/articles/{slug}/pair" if case.pair else "/articles/import"
            elif case.fmt in CATALOG_FORMATS:
                path = f"/articles/{slug}/en/upload"
            else:
                path = "/glossary/import"
            response = self.client.post(path, data=form, content_type="multipart/form-data")
            status = response.status_code
            detail = str(status)
            trace = response.get_data(as_text=True)[:2000]
        if status >= 500:
            return Outcome("failure", f"HTTP {detail}", trace)
        if status >= 400 and fingerprint(self.world.ctx) != before:
            return Outcome("failure", f"HTTP {detail} but stored something", trace)
        return Outcome("refused" if status >= 400 else "accepted", detail)


if __name__ == "__main__":
    raise SystemExit(main())
