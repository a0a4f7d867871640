"""Translation-memory lookup inside PostgreSQL with ``pg_trgm``, re-ranked in Python.

For a deployment of several servers that would rather not keep a memory per process: the
``pg_trgm`` GIN index on the source column yields the candidates (``source % query`` under
``pg_trgm.similarity_threshold``), best trigram similarity first, and rapidfuzz re-scores
them with the memory's own similarity % (:func:`workflow.memory.units.similarity`).

The table needs the columns ``id, source, target, source_lang, target_lang, origin, context,
created_at``; its name is a parameter (``tm_units`` in the application, ``tm_units_bench`` in
``bench/tm.py``). Trigram extraction in ``pg_trgm`` treats Hangul as word characters only
when the database's ``LC_CTYPE`` is not ``C``/``POSIX`` (``C.UTF-8`` works).
"""

from __future__ import annotations

import re
from typing import Final

from sqlalchemy import Connection, text

from workflow.memory.units import ORIGINS, normalize, similarity

DEFAULT_THRESHOLD: Final = 0.3
"""``pg_trgm`` similarity a candidate needs; lower finds more, slower."""

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?")

PgHit = tuple[int, str, str, float]  # id, source, target, similarity %


def quoted_table(table_name: str) -> str:
    """``table_name`` (optionally ``schema.table``) double-quoted; ``ValueError`` if odd."""
    if not _NAME.fullmatch(table_name):
        raise ValueError(f"not a plain table name: {table_name!r}")
    return ".".join(f'"{part}"' for part in table_name.split("."))


def index_statements(table_name: str) -> list[str]:
    """SQL that makes ``table_name`` searchable: the extension and a GIN trigram index."""
    table = quoted_table(table_name)
    bare = table_name.split(".")[-1]
    return [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        f'CREATE INDEX IF NOT EXISTS "{bare}_source_trgm" ON {table} '
        "USING gin (source gin_trgm_ops)",
    ]


def create_indexes(conn: Connection, table_name: str) -> None:
    """Run :func:`index_statements` on ``conn`` (in the caller's transaction)."""
    for statement in index_statements(table_name):
        conn.execute(text(statement))


def pg_search(
    conn: Connection,
    table_name: str,
    query: str,
    target_lang: str,
    k: int = 5,
    *,
    min_score: float = 50.0,
    threshold: float = DEFAULT_THRESHOLD,
    candidates: int = 50,
) -> list[PgHit]:
    """The ``k`` best units for ``query``: ``(id, source, target, similarity %)``, best first.

    Candidates are the ``candidates`` rows of highest trigram similarity at or above
    ``threshold`` (set for the current transaction only); they are re-scored and ranked by
    similarity %, then origin (approved, imported, aligned), then newest, and those below
    ``min_score`` dropped.
    """
    q = normalize(query)
    if not q or k <= 0:
        return []
    table = quoted_table(table_name)
    conn.execute(
        text("SELECT set_config('pg_trgm.similarity_threshold', :t, true)"),
        {"t": str(threshold)},
    )
    rows = conn.execute(
        text(
            f"SELECT id, source, target, origin, created_at FROM {table} "
            "WHERE source % :q AND target_lang = :tl "
            "ORDER BY similarity(source, :q) DESC LIMIT :n"
        ),
        {"q": q, "tl": target_lang, "n": max(candidates, k)},
    ).all()
    scored = []
    for unit_id, source, target, origin, created_at in rows:
        score = similarity(q, normalize(source))
        if score >= min_score:
            rank = ORIGINS.index(origin) if origin in ORIGINS else len(ORIGINS)
            when = created_at.timestamp() if created_at is not None else float("-inf")
            scored.append(((-score, rank, -when), (int(unit_id), source, target, score)))
    scored.sort(key=lambda item: item[0])
    return [hit for _, hit in scored[:k]]
