"""The translation memory's units and change log: ``tm_units``, ``tm_changes``.

A unit is stored once per pair (a digest of languages, source and target), origin and
desk. Lookups do not run here: each process keeps a snapshot and a tail
(:class:`workflow.memory.cache.MemoryIndex`) fed through :class:`StoreSource` — units by
id (:func:`tm_units_after`, streamed with a server-side cursor), removals from the change
log (:func:`delete_tm_units` writes both).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, and_, delete, func, insert, select

from workflow.memory.units import TmUnit, TmUnitDraft
from workflow.store.tables import tm_changes, tm_units


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


def tm_units_after(conn: Connection, last_id: int, limit: int | None = None) -> Iterator[TmUnit]:
    """Units with an id above ``last_id``, in id order, at most ``limit``, streamed (a
    server-side cursor on PostgreSQL: never a list of every unit)."""
    query = select(tm_units).where(tm_units.c.id > last_id).order_by(tm_units.c.id)
    if limit is not None:
        query = query.limit(limit)
    rows = conn.execute(query.execution_options(yield_per=5000))
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


def delete_tm_units(conn: Connection, unit_ids: Iterable[int], now: datetime) -> list[int]:
    """Delete these units and log each removal (for every process's memory); the ids that
    were there."""
    wanted = sorted(set(unit_ids))
    if not wanted:
        return []
    found = [
        int(r.id) for r in conn.execute(select(tm_units.c.id).where(tm_units.c.id.in_(wanted)))
    ]
    if found:
        conn.execute(delete(tm_units).where(tm_units.c.id.in_(found)))
        conn.execute(
            insert(tm_changes),
            [{"unit_id": i, "kind": "removed", "created_at": now} for i in found],
        )
    return found


def tm_unit_ids(
    conn: Connection, *, context: str, origin: str, target: str | None = None
) -> list[int]:
    """Ids of the units of one segment (``context``) and origin (and target, if given)."""
    query = select(tm_units.c.id).where(
        and_(tm_units.c.context == context, tm_units.c.origin == origin)
    )
    if target is not None:
        query = query.where(tm_units.c.target == target)
    return [int(r.id) for r in conn.execute(query)]


def removals_after(conn: Connection, last_change_id: int) -> list[tuple[int, int]]:
    """``(change id, unit id)`` of the removals logged after ``last_change_id``."""
    rows = conn.execute(
        select(tm_changes.c.id, tm_changes.c.unit_id)
        .where(tm_changes.c.id > last_change_id)
        .order_by(tm_changes.c.id)
    )
    return [(int(r.id), int(r.unit_id)) for r in rows]


def last_change_id(conn: Connection) -> int:
    return int(conn.execute(select(func.coalesce(func.max(tm_changes.c.id), 0))).scalar_one())


def count_after(conn: Connection, last_id: int, last_change: int) -> tuple[int, int]:
    """Units stored above ``last_id`` and removals logged above ``last_change``."""
    units = conn.execute(select(func.count()).where(tm_units.c.id > last_id)).scalar_one()
    changes = conn.execute(select(func.count()).where(tm_changes.c.id > last_change)).scalar_one()
    return int(units), int(changes)


def window_start(conn: Connection, after_id: int, newest: int) -> int:
    """The id below the ``newest`` highest unit ids above ``after_id`` (``after_id`` when
    there are no more than that)."""
    found = conn.execute(
        select(tm_units.c.id)
        .where(tm_units.c.id > after_id)
        .order_by(tm_units.c.id.desc())
        .limit(1)
        .offset(newest)
    ).scalar()
    return after_id if found is None else int(found)


@dataclass(frozen=True)
class StoreSource:
    """The store as :class:`workflow.memory.cache.MemorySource`, in one transaction."""

    conn: Connection

    def units_after(self, last_id: int, limit: int | None) -> Iterator[TmUnit]:
        return tm_units_after(self.conn, last_id, limit)

    def removals_after(self, last_change_id: int) -> list[tuple[int, int]]:
        return removals_after(self.conn, last_change_id)

    def window_start(self, after_id: int, newest: int) -> int:
        return window_start(self.conn, after_id, newest)
