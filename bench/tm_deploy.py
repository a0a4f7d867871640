"""The translation memory as deployed: gunicorn, 5 workers, PostgreSQL, 1,000,000 units.

Run through ``bench/tm.py --deploy URL`` (see there). The database named in ``URL`` is the
bench's own (``createdb -h 127.0.0.1 -U postgres tm1m``; made when missing); it is filled
once — ``transdesk init --demo``, then the synthetic units of ``bench/tm.py`` by COPY into
``tm_units`` — and kept for the next run. The instance folder (``--instance``) keeps the
memory's snapshots.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Sequence
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
