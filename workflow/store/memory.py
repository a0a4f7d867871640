"""The translation memory's units: the ``tm_units`` table.

A unit is stored once per pair (a digest of languages, source and target), origin and
desk. Lookups do not run here: each process keeps an index
(:class:`workflow.memory.index.TmIndex`) fed by :func:`tm_units_after`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import Connection, and_, insert, select

from workflow.memory.units import TmUnit, TmUnitDraft
from workflow.store.tables import tm_units


def tm_digest(source: str, target: str, source_lang: str, target_lang: str) -> str:
    return hashlib.sha1(
        f"{source_lang}\x00{target_lang}\x00{source}\x00{target}".encode()
    ).hexdigest()


def insert_tm_unit(conn: Connection, unit: TmUnitDraft, now: datetime) -> bool:
    """Store a unit unless the same pair with the same origin is there for its desk; True if
    stored."""
    digest = tm_digest(unit.source, unit.target, unit.source_lang, unit.target_lang)
    exists = conn.execute(
        select(tm_units.c.id).where(
            and_(
                tm_units.c.digest == digest,
                tm_units.c.origin == unit.origin,
                tm_units.c.desk == unit.desk,
            )
        )
    ).first()
    if exists is not None:
        return False
    conn.execute(
        insert(tm_units).values(
            digest=digest,
            source=unit.source,
            target=unit.target,
            source_lang=unit.source_lang,
            target_lang=unit.target_lang,
            origin=unit.origin,
            context=unit.context,
            article=unit.article,
            translator=unit.translator,
            approver=unit.approver,
            created_at=unit.created_at or now,
            desk=unit.desk,
        )
    )
    return True


def tm_units_after(conn: Connection, last_id: int) -> Iterator[TmUnit]:
    """Units with an id above ``last_id``, in id order, streamed."""
    rows = conn.execute(
        select(tm_units)
        .where(tm_units.c.id > last_id)
        .order_by(tm_units.c.id)
        .execution_options(yield_per=5000)
    )
    for r in rows:
        yield TmUnit(
            id=r.id,
            source=r.source,
            target=r.target,
            source_lang=r.source_lang,
            target_lang=r.target_lang,
            origin=r.origin,
            context=r.context,
            article=r.article,
            translator=r.translator,
            approver=r.approver,
            created_at=r.created_at,
            desk=r.desk,
        )
