"""pg_trgm lookup against a real PostgreSQL, in a schema of its own that is dropped after.

Skipped when PostgreSQL is unreachable, except on CI (``CI=true``), where that fails.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.exc import OperationalError

from bench.tm_pg import create_indexes, index_statements, pg_search, quoted_table

PG_URL = (
    os.environ.get("TRANSDESK_DATABASE_URL", "").replace(
        "postgresql://", "postgresql+psycopg://", 1
    )
    or "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
T0 = datetime(2024, 1, 1, tzinfo=UTC)

ROWS = [
    (1, "정부는 내년 예산안을 국회에 제출했다.", "The government sent the budget.", "approved"),
    (2, "정부는 내년 예산안을 국회에 제출했다.", "Gov't sent the budget to parliament.", "aligned"),
    (3, "한국은행은 기준금리를 동결했다.", "The BOK froze its base rate.", "approved"),
    (4, "한국은행은 기준금리를 인상했다.", "The BOK raised its base rate.", "imported"),
    (5, "서울 아파트 가격이 3주 연속 하락했다.", "Seoul apartment prices fell.", "approved"),
]


@pytest.fixture
def conn() -> Iterator[tuple[Connection, str]]:
    if not PG_URL.startswith("postgresql"):
        pytest.skip("TRANSDESK_DATABASE_URL is not PostgreSQL")
    engine = create_engine(PG_URL)
    try:
        with engine.connect() as probe:
            probe.execute(text("SELECT 1"))
    except OperationalError as exc:
        engine.dispose()
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is unreachable on CI: {exc}")
        pytest.skip(f"PostgreSQL is unreachable: {exc}")
    schema = f"tm_test_{uuid.uuid4().hex[:12]}"
    table = f"{schema}.tm_units"
    with engine.begin() as c:
        c.execute(text(f'CREATE SCHEMA "{schema}"'))
        c.execute(
            text(
                f"CREATE TABLE {quoted_table(table)} (id bigint PRIMARY KEY, source text NOT NULL,"
                " target text NOT NULL, source_lang text NOT NULL, target_lang text NOT NULL,"
                " origin text NOT NULL, context text, created_at timestamptz)"
            )
        )
        create_indexes(c, table)
        for i, source, target, origin in ROWS:
            c.execute(
                text(
                    f"INSERT INTO {quoted_table(table)} VALUES "
                    "(:i, :s, :t, 'ko', 'en', :o, NULL, :d)"
                ),
                {"i": i, "s": source, "t": target, "o": origin, "d": T0 + timedelta(days=i)},
            )
    try:
        with engine.connect() as c:
            yield c, table
    finally:
        with engine.begin() as c:
            c.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


def test_exact_match_first_and_approved_before_aligned(conn: tuple[Connection, str]) -> None:
    c, table = conn
    hits = pg_search(c, table, "정부는 내년 예산안을 국회에 제출했다.", "en", 5)
    assert [(h[0], h[3]) for h in hits[:2]] == [(1, 100.0), (2, 100.0)]
    assert hits[0][2] == "The government sent the budget."


def test_fuzzy_match_with_its_percentage(conn: tuple[Connection, str]) -> None:
    c, table = conn
    hits = pg_search(c, table, "한국은행이 기준금리를 동결했다.", "en", 5)
    assert hits[0][0] == 3
    assert 85 <= hits[0][3] < 100
    assert [h[0] for h in hits] == [3, 4]
    assert hits[0][3] > hits[1][3]


def test_nothing_for_other_languages_or_unrelated_text(conn: tuple[Connection, str]) -> None:
    c, table = conn
    assert pg_search(c, table, "정부는 내년 예산안을 국회에 제출했다.", "ja", 5) == []
    assert pg_search(c, table, "완전히 다른 이야기를 하고 있다", "en", 5) == []
    assert pg_search(c, table, "  ", "en", 5) == []


def test_the_threshold_is_local_to_the_transaction(conn: tuple[Connection, str]) -> None:
    c, table = conn
    pg_search(c, table, "서울 아파트 가격", "en", 5, threshold=0.1)
    c.commit()
    assert c.execute(text("SHOW pg_trgm.similarity_threshold")).scalar() == "0.3"


def test_table_names_are_checked() -> None:
    assert quoted_table("tm_units") == '"tm_units"'
    assert quoted_table("s.tm_units") == '"s"."tm_units"'
    with pytest.raises(ValueError):
        quoted_table("tm_units; DROP TABLE x")
    assert "gin_trgm_ops" in index_statements("tm_units")[1]
