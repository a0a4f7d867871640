"""Replace batches: the ``replace_batches`` table, what a search and replace changed in an
article × locale (each segment's text before and after, and the version the replace wrote),
so that the whole replace can be undone as one step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, insert, select, update

from workflow.errors import NotFound
from workflow.store.rows import inserted_id, record
from workflow.store.tables import localizations, replace_batches


@dataclass(frozen=True)
class BatchChange:
    key: str
    before: str
    after: str
    version: int


@dataclass(frozen=True)
class ReplaceBatch:
    id: int
    localization_id: int
    article_id: int
    locale: str
    user_id: int | None
    find: str
    replace: str
    changes: tuple[BatchChange, ...]
    created_at: datetime
    undone_at: datetime | None


def add_batch(
    conn: Connection,
    *,
    loc_id: int,
    user_id: int,
    find: str,
    replace: str,
    changes: Sequence[BatchChange],
    now: datetime,
) -> int:
    data: list[dict[str, Any]] = [
        {"key": c.key, "before": c.before, "after": c.after, "version": c.version} for c in changes
    ]
    return inserted_id(
        conn,
        insert(replace_batches).values(
            localization_id=loc_id,
            user_id=user_id,
            find=find,
            replace=replace,
            changes=data,
            created_at=now,
        ),
    )


def batch(conn: Connection, batch_id: int, *, lock: bool = False) -> ReplaceBatch:
    q = (
        select(replace_batches, localizations.c.article_id, localizations.c.locale)
        .join(localizations, localizations.c.id == replace_batches.c.localization_id)
        .where(replace_batches.c.id == batch_id)
    )
    if lock:
        q = q.with_for_update(of=replace_batches)
    row = conn.execute(q).first()
    if row is None:
        raise NotFound("no replace number %(batch_id)s", batch_id=batch_id)
    changes = tuple(BatchChange(**c) for c in row.changes)
    return record(ReplaceBatch, row, changes=changes)


def mark_undone(conn: Connection, batch_id: int, now: datetime) -> bool:
    """False when it was undone already (by a concurrent undo)."""
    result = conn.execute(
        update(replace_batches)
        .where(and_(replace_batches.c.id == batch_id, replace_batches.c.undone_at.is_(None)))
        .values(undone_at=now)
    )
    return result.rowcount == 1
