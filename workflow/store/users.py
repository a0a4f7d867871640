"""Users and login throttling: the ``users`` and ``login_attempts`` tables.

A user row carries the role, the password hash (read only by :func:`user_by_name`), the
desks the user belongs to and the UI language. Login attempts are counters over a fixed
window, one per (name as typed, client address) and one per address (:data:`ADDRESS_ROW`),
each counted by one atomic upsert before the password is checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import (
    Connection,
    Row,
    Select,
    bindparam,
    case,
    delete,
    insert,
    literal,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from workflow.errors import NotFound
from workflow.model import User
from workflow.states import Role
from workflow.store.rows import inserted_id, record
from workflow.store.tables import UTCDateTime, login_attempts, users


def user_from_row(row: Row[Any]) -> User:
    """The user of a row that has the ``users`` table's columns (or labels of their names)."""
    return record(User, row, role=Role(row.role), desks=desks_from_text(row.desks))


def desks_from_text(text: str | None) -> tuple[str, ...]:
    """The stored comma-separated desk names as a tuple (``"news,sports"``)."""
    return tuple(d for d in (text or "").split(",") if d)


def set_user_desks(conn: Connection, user_id: int, desks: Sequence[str]) -> None:
    conn.execute(update(users).where(users.c.id == user_id).values(desks=",".join(desks)))


def set_ui_lang(conn: Connection, user_id: int, lang: str | None) -> None:
    conn.execute(update(users).where(users.c.id == user_id).values(ui_lang=lang))


def set_user_active(conn: Connection, user_id: int, active: bool) -> None:
    conn.execute(update(users).where(users.c.id == user_id).values(active=active))


def insert_user(
    conn: Connection,
    name: str,
    role: Role,
    password_hash: str,
    now: datetime,
    desks: Sequence[str] = ("news",),
) -> User:
    uid = inserted_id(
        conn,
        insert(users).values(
            name=name,
            role=role.value,
            password_hash=password_hash,
            active=True,
            created_at=now,
            desks=",".join(desks),
        ),
    )
    return User(id=uid, name=name, role=role, desks=tuple(desks))


def user_by_name(conn: Connection, name: str) -> tuple[User, str] | None:
    """The user and their password hash, or None."""
    row = conn.execute(select(users).where(users.c.name == name)).first()
    return (user_from_row(row), row.password_hash) if row else None


def user_by_id(conn: Connection, user_id: int) -> User:
    row = conn.execute(_by_id_query(), {"id": user_id}).first()
    if row is None:
        raise NotFound("no user with id %(user_id)s", user_id=user_id)
    return user_from_row(row)


@cache
def _by_id_query() -> Select[Any]:
    """Built once: every service call reads its acting user."""
    return select(users).where(users.c.id == bindparam("id"))


def list_users(conn: Connection) -> list[User]:
    return [user_from_row(r) for r in conn.execute(select(users).order_by(users.c.name))]


def set_password(conn: Connection, user_id: int, password_hash: str) -> None:
    conn.execute(update(users).where(users.c.id == user_id).values(password_hash=password_hash))


# --- login throttling ------------------------------------------------------------------


#: The name of the per-address counter's row; no user name can be "*" (``users.NAME``).
ADDRESS_ROW = "*"


@dataclass(frozen=True)
class AttemptCount:
    """A throttling counter after an attempt was counted: how many in its window, since when."""

    attempts: int
    window_start: datetime


def count_login_attempt(
    conn: Connection, name: str, address: str, now: datetime, window: timedelta
) -> AttemptCount:
    """Count one attempt for (``name``, ``address``) in one atomic statement and return the
    new count; a window older than ``window`` starts again at 1.

    ``INSERT … ON CONFLICT DO UPDATE … RETURNING``: concurrent callers on either database
    each see a different count, so no more than the limit get past a check of it.
    """
    table = login_attempts
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    at = literal(now, UTCDateTime())
    expired = table.c.window_start < literal(now - window, UTCDateTime())
    stmt = dialect.insert(table).values(name=name, address=address, attempts=1, window_start=now)
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.name, table.c.address],
        set_={
            "attempts": case((expired, 1), else_=table.c.attempts + 1),
            "window_start": case((expired, at), else_=table.c.window_start),
        },
    ).returning(table.c.attempts, table.c.window_start)
    row = conn.execute(stmt).one()
    return AttemptCount(attempts=row.attempts, window_start=row.window_start)


def uncount_login_attempt(conn: Connection, name: str, address: str) -> None:
    """Take one counted attempt back (the per-address count of a login that succeeded)."""
    table = login_attempts
    conn.execute(
        update(table)
        .where(table.c.name == name, table.c.address == address, table.c.attempts > 0)
        .values(attempts=table.c.attempts - 1)
    )


def clear_login_attempts(conn: Connection, name: str, address: str) -> None:
    """Forget the attempts for ``name`` from ``address`` (a login that succeeded)."""
    table = login_attempts
    conn.execute(delete(table).where(table.c.name == name, table.c.address == address))


def unlock_login(conn: Connection, name: str) -> int:
    """Forget every attempt for ``name`` and the per-address counters of the addresses they
    came from (an administrator lifting a lock); returns the number of rows removed."""
    table = login_attempts
    addresses = list(conn.execute(select(table.c.address).where(table.c.name == name)).scalars())
    removed = 0
    if addresses:  # address rows first: the order in which a login counts them
        where = (table.c.name == ADDRESS_ROW, table.c.address.in_(addresses))
        removed += conn.execute(delete(table).where(*where)).rowcount or 0
    removed += conn.execute(delete(table).where(table.c.name == name)).rowcount or 0
    return removed


def locked_logins(conn: Connection, limit: int, since: datetime) -> dict[str, datetime]:
    """Names with at least ``limit`` attempts from some address in a window that began at
    or after ``since``, each with the start of its latest such window."""
    table = login_attempts
    query = select(table.c.name, table.c.window_start).where(
        table.c.name != ADDRESS_ROW, table.c.attempts >= limit, table.c.window_start >= since
    )
    locked: dict[str, datetime] = {}
    for row in conn.execute(query):
        locked[row.name] = max(locked.get(row.name, row.window_start), row.window_start)
    return locked


def prune_login_attempts(conn: Connection, before: datetime) -> int:
    """Delete counters whose window began before ``before`` (they count nothing any more).

    Rows another transaction holds are skipped (``FOR UPDATE SKIP LOCKED`` on PostgreSQL),
    so pruning never waits for, or deadlocks with, a login being counted.
    """
    table = login_attempts
    stale = (
        select(table.c.id)
        .where(table.c.window_start < before)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    return conn.execute(delete(table).where(table.c.id.in_(stale))).rowcount or 0
