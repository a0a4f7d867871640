"""Migration 0007 on a database with data: memory units get their article's desk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, create_engine, inspect, text

from workflow.store.db import alembic_config


def _migrate(url: str, step: Callable[[Config, str], None], revision: str) -> None:
    """Run an Alembic ``step`` (upgrade or downgrade) to ``revision`` in one transaction."""
    engine = create_engine(url)
    with engine.begin() as conn:
        cfg = alembic_config(url)
        cfg.attributes["connection"] = conn
        step(cfg, revision)
    engine.dispose()


def upgrade(url: str, revision: str) -> None:
    _migrate(url, command.upgrade, revision)


def downgrade(url: str, revision: str) -> None:
    _migrate(url, command.downgrade, revision)


def test_units_are_backfilled_with_their_articles_desk(database_url: str, tmp_path: Path) -> None:
    (tmp_path / "instance").mkdir(exist_ok=True)
    upgrade(database_url, "0005")
    engine = create_engine(database_url)
    with engine.begin() as conn:
        for slug, desk in (("n1", "news"), ("s1", "sports")):
            conn.execute(
                text(
                    "INSERT INTO articles (slug, locale, format, title, images, layout,"
                    " created_at, embargoed, desk) VALUES (:slug, 'ko', 'json', 't', '[]', '[]',"
                    " '2024-01-01 00:00:00', false, :desk)"
                ),
                {"slug": slug, "desk": desk},
            )
        for i, article in enumerate(("n1", "s1", "gone", None)):
            conn.execute(
                text(
                    "INSERT INTO tm_units (digest, source, target, source_lang, target_lang,"
                    " origin, article, created_at) VALUES (:d, 's', 't', 'ko', 'en', 'approved',"
                    " :a, '2024-01-01 00:00:00')"
                ),
                {"d": f"{i:040d}", "a": article},
            )
    upgrade(database_url, "head")
    with engine.begin() as conn:
        desks = {r.digest: r.desk for r in conn.execute(text("SELECT digest, desk FROM tm_units"))}
        assert [desks[f"{i:040d}"] for i in range(4)] == ["news", "sports", "news", "news"]
        # one pair per desk and origin: the same pair may now be stored for another desk
        conn.execute(
            text(
                "INSERT INTO tm_units (digest, source, target, source_lang, target_lang, origin,"
                " created_at, desk) VALUES (:d, 's', 't', 'ko', 'en', 'approved',"
                " '2024-01-01 00:00:00', 'sports')"
            ),
            {"d": f"{0:040d}"},
        )
        assert "login_attempts" in _tables(conn) and "login_failures" not in _tables(conn)
    downgrade(database_url, "0005")
    with engine.begin() as conn:
        assert conn.execute(text("SELECT count(*) FROM tm_units")).scalar_one() == 4
        assert "login_failures" in _tables(conn) and "login_attempts" not in _tables(conn)
    upgrade(database_url, "head")
    engine.dispose()


def _tables(conn: Connection) -> set[str]:
    return set(inspect(conn).get_table_names())
