"""Race: an editor approves all and publishes while a translator saves 0–30 ms later.

usage: python -m bench.publish_race [--rounds 200] [--pairs 2] [--workers 3]
                                    [--database-url postgresql://postgres@127.0.0.1:5432/test]

Starts gunicorn with ``gunicorn.conf.py`` against a fresh instance (SQLite inside it, or a
PostgreSQL schema of its own with ``--database-url``), seeded by ``transdesk init --demo``
plus copies of the sample pair. Each of ``--pairs`` editor × translator pairs works on its
own article, ``--rounds`` rounds each: the editor POSTs approve (all) and then publish; as
soon as the approval is answered, the translator waits 0–30 ms and POSTs a save of one
segment with a new text (the aligned text and a random word, so the QA checks stay quiet).

After every round the published files are read as a reader would (the bundle under
``published/``, its members, and the PO and MO under ``locales/``) and checked against the
revision history in the database: a text no editor ever approved must not be in any of
them, every PO entry must be a text an editor approved, and the database must never call
published a revision that has an unapproved segment. Exit status 1 when a check fails.

The same checks serve ``tests/workflow/services/test_publish_race.py``.
"""

from __future__ import annotations

import argparse
import io
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
from sqlalchemy import Connection, create_engine, select

if __package__ in (None, ""):  # python bench/publish_race.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench._serve import Client, Gunicorn, gunicorn_main, instance, marker, seed
from workflow.states import SegmentState
from workflow.store.tables import articles, localizations, revisions, segments, translations

LOCALE = "en"


# --- the checks, shared with the test suite ---------------------------------------------


def history(conn: Connection, slug: str, locale: str) -> tuple[dict[str, set[str]], set[str]]:
    """Per segment key the texts an editor approved, and the texts nobody ever approved."""
    rows = conn.execute(
        select(segments.c.key, revisions.c.text, revisions.c.state)
        .join(translations, translations.c.id == revisions.c.translation_id)
        .join(segments, segments.c.id == translations.c.segment_id)
        .join(localizations, localizations.c.id == translations.c.localization_id)
        .join(articles, articles.c.id == localizations.c.article_id)
        .where(articles.c.slug == slug, localizations.c.locale == locale)
    ).all()
    approved: dict[str, set[str]] = {}
    seen: dict[str, set[str]] = {}
    for key, text, state in rows:
        seen.setdefault(key, set()).add(text)
        if state == SegmentState.APPROVED:
            approved.setdefault(key, set()).add(text)
    never = {t for key, texts in seen.items() for t in texts - approved.get(key, set()) if t}
    return approved, never


def published_files(instance_folder: Path, slug: str, locale: str) -> dict[str, bytes]:
    """What a reader of ``published/`` and ``locales/`` gets: bundle members, PO and MO."""
    out: dict[str, bytes] = {}
    bundle = instance_folder / "published" / slug / locale / f"{slug}.{locale}.zip"
    if bundle.exists():
        with zipfile.ZipFile(io.BytesIO(bundle.read_bytes())) as zf:
            out |= {f"zip:{n}": zf.read(n) for n in zf.namelist()}
    messages = instance_folder / "locales" / locale / "LC_MESSAGES"
    for suffix in ("po", "mo"):
        path = messages / f"{slug}.{suffix}"
        if path.exists():
            out[f"locales:{path.name}"] = path.read_bytes()
    return out


def unapproved_in_files(
    files: dict[str, bytes], approved: dict[str, set[str]], never: set[str]
) -> list[str]:
    """Each place a published file holds a text that was not the approved one."""
    bad = []
    for name, data in files.items():
        bad += [f"{name}: {t!r} was never approved" for t in never if t.encode() in data]
        if name.endswith(".po"):
            for entry in polib.pofile(data.decode()):
                if not entry.obsolete and entry.msgstr not in approved.get(entry.msgctxt, set()):
                    bad.append(f"{name}: {entry.msgctxt} = {entry.msgstr!r} was never approved")
    return bad


def published_with_unapproved(conn: Connection, slug: str, locale: str) -> str | None:
    """A problem when the database calls a revision with an unapproved segment published."""
    loc = conn.execute(
        select(localizations)
        .join(articles, articles.c.id == localizations.c.article_id)
        .where(articles.c.slug == slug, localizations.c.locale == locale)
    ).one()
    states = conn.execute(
        select(translations.c.state)
        .join(segments, segments.c.id == translations.c.segment_id)
        .where(translations.c.localization_id == loc.id, segments.c.obsolete.is_(False))
    ).scalars()
    unapproved = sum(1 for s in states if s != SegmentState.APPROVED)
    if loc.published_revision == loc.revision and unapproved:
        return f"published revision {loc.revision} has {unapproved} unapproved segments"
    return None


def check_round(conn: Connection, instance_folder: Path, slug: str, locale: str) -> list[str]:
    """Every problem the files and the database show after a round."""
    approved, never = history(conn, slug, locale)
    problems = unapproved_in_files(published_files(instance_folder, slug, locale), approved, never)
    db = published_with_unapproved(conn, slug, locale)
    return problems + ([db] if db else [])


# --- the run over HTTP ------------------------------------------------------------------


@dataclass
class RaceReport:
    rounds: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    saves_acknowledged: int = 0
    rounds_with_bad_files: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.problems and self.outcomes["published"] > 0

    def lines(self) -> list[str]:
        out = [
            f"rounds                          {self.rounds}",
            f"publishes answered 'published'  {self.outcomes['published']}",
            f"publishes refused (409)         {self.outcomes['refused']}",
            f"translator saves acknowledged   {self.saves_acknowledged}",
            f"rounds with a problem           {self.rounds_with_bad_files}",
            f"problems (files or database)    {len(self.problems)}",
            f"seconds                         {self.seconds:.1f}",
        ]
        other = {k: n for k, n in self.outcomes.items() if k not in ("published", "refused")}
        out += [f"  other outcome {k}: {n}" for k, n in sorted(other.items())]
        out += [f"  PROBLEM {p}" for p in self.problems[:20]]
        out.append("OK" if self.ok else "FAILED")
        return out


def _pair(
    server: Gunicorn,
    engine_url: str,
    folder: Path,
    slug: str,
    editor: str,
    translator: str,
    keys: list[str],
    texts: dict[tuple[str, str], str],
    rounds: int,
    report: RaceReport,
    lock: threading.Lock,
) -> None:
    boss, writer = Client(server.url, editor), Client(server.url, translator)
    boss.login()
    writer.login()
    engine = create_engine(engine_url)
    rng = random.Random()
    base = f"/articles/{slug}/{LOCALE}"
    try:
        for n in range(rounds):
            key = keys[n % len(keys)]
            text = f"{texts[(slug, key)]} {marker()}"
            approved = threading.Event()
            saved: list[bool] = []

            def save(
                text: str = text,
                key: str = key,
                approved: threading.Event = approved,
                saved: list[bool] = saved,
            ) -> None:
                approved.wait()
                time.sleep(rng.uniform(0, 0.03))
                try:
                    r = writer.post(f"{base}/segments/{key}", {"text": text})
                except requests.RequestException:
                    saved.append(False)
                    return
                saved.append(r.status_code == 302 and "/login" not in r.headers["Location"])

            t = threading.Thread(target=save)
            t.start()
            try:
                r = boss.post(f"{base}/approve", {})
            finally:
                approved.set()
            if r.status_code != 302:
                with lock:
                    report.outcomes[f"approve HTTP {r.status_code}"] += 1
            r = boss.post(f"{base}/publish", {})
            if r.status_code == 302 and "/login" not in r.headers.get("Location", ""):
                outcome = "published"
            elif r.status_code == 409:
                outcome = "refused"
            else:
                outcome = f"publish HTTP {r.status_code}"
            t.join(timeout=60)
            with engine.connect() as conn:
                problems = check_round(conn, folder, slug, LOCALE)
            with lock:
                report.rounds += 1
                report.outcomes[outcome] += 1
                report.saves_acknowledged += sum(saved)
                if problems:
                    report.rounds_with_bad_files += 1
                    report.problems += [f"{slug} round {n}: {p}" for p in problems]
    finally:
        engine.dispose()
        boss.http.close()
        writer.http.close()


def run(
    rounds: int = 200,
    *,
    pairs: int = 2,
    workers: int = 3,
    database_url: str | None = None,
    say: Callable[[str], None] = print,
) -> RaceReport:
    """``rounds`` rounds for each of ``pairs`` editor × translator pairs; returns the figures."""
    report = RaceReport()
    with (
        tempfile.TemporaryDirectory(prefix="transdesk-race-") as tmp,
        instance(Path(tmp), database_url) as env,
    ):
        say("seeding (transdesk init --demo, users, copies of the pair)…")
        seeded = seed(env, copies=pairs, translators=pairs, editors=pairs)
        folder = Path(env["TRANSDESK_INSTANCE"])
        with Gunicorn(env, workers=workers) as server:
            say(f"gunicorn at {server.url}, {workers} workers; {pairs} pairs × {rounds} rounds…")
            started = time.monotonic()
            lock = threading.Lock()
            threads = [
                threading.Thread(
                    target=_pair,
                    args=(
                        server,
                        env["TRANSDESK_DATABASE_URL"],
                        folder,
                        seeded.slugs[i + 1],
                        seeded.editors[i],
                        seeded.translators[i],
                        seeded.keys[seeded.slugs[i + 1]],
                        seeded.texts,
                        rounds,
                        report,
                        lock,
                    ),
                )
                for i in range(pairs)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            report.seconds = time.monotonic() - started
    return report


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--rounds", type=int, default=200, help="rounds per pair (default 200)")
    parser.add_argument("--pairs", type=int, default=2, help="editor × translator pairs")


def main(argv: list[str] | None = None) -> int:
    return gunicorn_main(
        __doc__,
        argv,
        _arguments,
        lambda args: run(
            args.rounds, pairs=args.pairs, workers=args.workers, database_url=args.database_url
        ),
    )


if __name__ == "__main__":
    sys.exit(main())
