"""The term base: the ``terms`` table.

A term is unique by its source and language pair: :func:`upsert_term` replaces the one
that is there. Terms come back as :class:`workflow.glossary.Term` values with their ids.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, and_, delete, insert, select, update

from workflow.glossary import Term
from workflow.store.rows import record
from workflow.store.tables import terms


def _term(r: Row[Any]) -> Term:
    return record(Term, r, forbidden=tuple(r.forbidden or ()))


def list_terms(
    conn: Connection, *, source_lang: str | None = None, target_lang: str | None = None
) -> list[tuple[int, Term]]:
    q = select(terms).order_by(terms.c.source, terms.c.id)
    if source_lang:
        q = q.where(terms.c.source_lang == source_lang)
    if target_lang:
        q = q.where(terms.c.target_lang == target_lang)
    return [(int(r.id), _term(r)) for r in conn.execute(q)]


def upsert_term(conn: Connection, term: Term, user_id: int | None, now: datetime) -> bool:
    """Insert a term, or replace the one with the same source and languages; True if new."""
    values = {
        "source": term.source,
        "target": term.target,
        "source_lang": term.source_lang,
        "target_lang": term.target_lang,
        "note": term.note,
        "pos": term.pos,
        "forbidden": list(term.forbidden),
        "updated_by": user_id,
        "updated_at": now,
    }
    existing = conn.execute(
        select(terms.c.id).where(
            and_(
                terms.c.source == term.source,
                terms.c.source_lang == term.source_lang,
                terms.c.target_lang == term.target_lang,
            )
        )
    ).first()
    if existing is None:
        conn.execute(insert(terms).values(**values))
        return True
    conn.execute(update(terms).where(terms.c.id == existing.id).values(**values))
    return False


def delete_term(conn: Connection, term_id: int) -> bool:
    return conn.execute(delete(terms).where(terms.c.id == term_id)).rowcount == 1
