"""Who has an article × locale open: the ``presence`` table, one row per person and article ×
locale, refreshed by each poll with one atomic upsert (both databases, any number of
workers); a row older than the window is stale and not shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection, Insert, Select, and_, bindparam, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from workflow.store.rows import record
from workflow.store.tables import presence, users


@dataclass(frozen=True)
class Presence:
    """A person in an article × locale: the segment they are in (None: none), typing or not."""

    user: str
    key: str | None
    typing: bool
    seen_at: datetime
    user_id: int = 0


def touch(
    conn: Connection, user_id: int, loc_id: int, key: str | None, typing: bool, now: datetime
) -> None:
    """The person is here now (``INSERT … ON CONFLICT DO UPDATE``)."""
    values = {"user_id": user_id, "loc_id": loc_id, "key": key, "typing": typing, "now": now}
    conn.execute(_touch_statement(conn.dialect.name), values)


@cache
def _touch_statement(dialect_name: str) -> Insert:
    """Built once per dialect: most polls of a person in a segment write it."""
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    stmt = dialect.insert(presence).values(
        user_id=bindparam("user_id"),
        localization_id=bindparam("loc_id"),
        key=bindparam("key"),
        typing=bindparam("typing"),
        seen_at=bindparam("now", type_=presence.c.seen_at.type),
    )
    upsert: Insert = stmt.on_conflict_do_update(
        index_elements=[presence.c.user_id, presence.c.localization_id],
        set_={
            "key": stmt.excluded.key,
            "typing": stmt.excluded.typing,
            "seen_at": stmt.excluded.seen_at,
        },
    )
    return upsert


def leave(conn: Connection, user_id: int, loc_id: int) -> None:
    conn.execute(
        delete(presence).where(
            and_(presence.c.user_id == user_id, presence.c.localization_id == loc_id)
        )
    )


def present(conn: Connection, loc_id: int, since: datetime) -> list[Presence]:
    """Everyone seen in the article × locale since ``since`` whose account is active, by
    name."""
    rows = conn.execute(_present_query(), {"loc_id": loc_id, "since": since})
    return [record(Presence, r) for r in rows]


@cache
def _present_query() -> Select[Any]:
    """Built once: every editor polls it every few seconds."""
    return (
        select(
            users.c.name.label("user"),
            presence.c.key,
            presence.c.typing,
            presence.c.seen_at,
            presence.c.user_id,
        )
        .join(users, users.c.id == presence.c.user_id)
        .where(
            and_(
                presence.c.localization_id == bindparam("loc_id"),
                presence.c.seen_at >= bindparam("since", type_=presence.c.seen_at.type),
                users.c.active.is_(True),  # a disabled account is nobody's colleague now
            )
        )
        .order_by(users.c.name)
    )


def sweep(conn: Connection, before: datetime) -> int:
    """Drop rows not refreshed since ``before``; how many."""
    return conn.execute(delete(presence).where(presence.c.seen_at < before)).rowcount
