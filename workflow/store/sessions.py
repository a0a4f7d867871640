"""Browser sessions and API tokens: the ``sessions`` and ``api_tokens`` tables.

A session row is keyed by the SHA-256 of the cookie's random key; a token row keeps only
the SHA-256 of its secret and the first letters (``prefix``) to tell tokens apart. Ending
a user's sessions and revoking their tokens is how a disabled user or a changed password
takes effect at once.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection, Row, Select, bindparam, delete, insert, select, update

from workflow.errors import NotFound
from workflow.model import ApiToken, User
from workflow.store.rows import inserted_id, record
from workflow.store.tables import api_tokens, sessions, users
from workflow.store.users import user_from_row


@dataclass(frozen=True)
class SessionRecord:
    """A live session's user (active or not), when it began and when it was last seen."""

    user: User
    created_at: datetime
    seen_at: datetime

    @property
    def user_id(self) -> int:
        return self.user.id

    @property
    def active(self) -> bool:
        return self.user.active


def insert_session(conn: Connection, key: str, user_id: int, now: datetime) -> None:
    conn.execute(insert(sessions).values(id=key, user_id=user_id, created_at=now, seen_at=now))


def session_row(conn: Connection, key: str) -> SessionRecord | None:
    """The session with its user, in one query (every request of a browser asks it)."""
    query = _session_query()
    row = conn.execute(query, {"key": key}).first()
    if row is None:
        return None
    return SessionRecord(
        user=user_from_row(row), created_at=row.session_created_at, seen_at=row.session_seen_at
    )


@cache
def _session_query() -> Select[Any]:
    """Built once: the statement every request runs (SQLAlchemy caches its compiled form)."""
    user_columns = [users.c[f.name] for f in fields(User)]
    return (
        select(
            *user_columns,
            sessions.c.created_at.label("session_created_at"),
            sessions.c.seen_at.label("session_seen_at"),
        )
        .join(users, users.c.id == sessions.c.user_id)
        .where(sessions.c.id == bindparam("key"))
    )


def touch_session(conn: Connection, key: str, now: datetime) -> None:
    conn.execute(update(sessions).where(sessions.c.id == key).values(seen_at=now))


def delete_session(conn: Connection, key: str) -> None:
    conn.execute(delete(sessions).where(sessions.c.id == key))


def delete_user_sessions(conn: Connection, user_id: int) -> int:
    return conn.execute(delete(sessions).where(sessions.c.user_id == user_id)).rowcount or 0


def delete_sessions_seen_before(conn: Connection, cutoff: datetime) -> int:
    return conn.execute(delete(sessions).where(sessions.c.seen_at < cutoff)).rowcount or 0


# --- API tokens -------------------------------------------------------------------------


def _token(row: Row[Any]) -> ApiToken:
    return record(ApiToken, row, scopes=tuple(row.scopes.split()))


def insert_token(
    conn: Connection,
    *,
    user_id: int,
    name: str,
    prefix: str,
    token_hash: str,
    scopes: tuple[str, ...],
    now: datetime,
) -> ApiToken:
    key = inserted_id(
        conn,
        insert(api_tokens).values(
            user_id=user_id,
            name=name,
            prefix=prefix,
            token_hash=token_hash,
            scopes=" ".join(scopes),
            created_at=now,
        ),
    )
    return token_by_id(conn, key)


def token_by_id(conn: Connection, token_id: int) -> ApiToken:
    row = conn.execute(select(api_tokens).where(api_tokens.c.id == token_id)).first()
    if row is None:
        raise NotFound("no API token with id %(token_id)s", token_id=token_id)
    return _token(row)


def token_by_hash(conn: Connection, token_hash: str) -> ApiToken | None:
    row = conn.execute(select(api_tokens).where(api_tokens.c.token_hash == token_hash)).first()
    return _token(row) if row else None


def tokens_of(conn: Connection, user_id: int | None) -> list[ApiToken]:
    query = select(api_tokens).order_by(api_tokens.c.id)
    if user_id is not None:
        query = query.where(api_tokens.c.user_id == user_id)
    return [_token(r) for r in conn.execute(query)]


def touch_token(conn: Connection, token_id: int, now: datetime) -> None:
    conn.execute(update(api_tokens).where(api_tokens.c.id == token_id).values(last_used_at=now))


def revoke_token(conn: Connection, token_id: int, now: datetime) -> None:
    conn.execute(
        update(api_tokens)
        .where(api_tokens.c.id == token_id, api_tokens.c.revoked_at.is_(None))
        .values(revoked_at=now)
    )


def revoke_user_tokens(conn: Connection, user_id: int, now: datetime) -> int:
    result = conn.execute(
        update(api_tokens)
        .where(api_tokens.c.user_id == user_id, api_tokens.c.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return result.rowcount or 0
