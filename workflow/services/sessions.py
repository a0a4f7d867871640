"""Browser sessions kept on the server: logging out, disabling a user or changing a
password ends them, whatever a copied cookie says.

The cookie carries a random key; the database keeps only its SHA-256, so a leaked
database does not hand out live sessions.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection

from workflow.model import User
from workflow.security.passwords import secret_digest
from workflow.services.context import Context
from workflow.store import sessions

#: A session unused for this long is over (a newsroom shift and then some).
IDLE_TIMEOUT = timedelta(hours=12)
#: Whatever the use, a session ends after this long.
MAX_AGE = timedelta(days=7)
#: ``seen_at`` is written at most this often, so reading pages stays free of writes.
TOUCH_EVERY = timedelta(minutes=5)


def start_session(ctx: Context, user_id: int) -> str:
    """A new session for the user; returns the key the cookie carries."""
    key = secrets.token_urlsafe(32)
    now = ctx.clock()
    with ctx.db.transaction() as conn:
        sessions.delete_sessions_seen_before(conn, now - IDLE_TIMEOUT)
        sessions.insert_session(conn, secret_digest(key), user_id, now)
    return key


def session_user(ctx: Context, key: str) -> User | None:
    """The active user of a live session, or None (unknown, ended, expired, disabled)."""
    digest = secret_digest(key)
    now = ctx.clock()
    with ctx.db.transaction(write=False) as conn:
        live = live_session(conn, digest, now)
    if live is None:
        return None
    if live.stale:
        with ctx.db.transaction() as conn:
            sessions.touch_session(conn, digest, now)
    return live.user


@dataclass(frozen=True)
class LiveSession:
    """A session found live: its user, and whether its ``seen_at`` is due to be written."""

    user: User
    stale: bool


def live_session(conn: Connection, digest: str, now: datetime) -> LiveSession | None:
    """The session with this key digest if it is live and its user active, else None; for a
    service that checks the session inside a transaction of its own (the presence poll)."""
    row = sessions.session_row(conn, digest)
    if row is None or not row.active:
        return None
    if now - row.seen_at > IDLE_TIMEOUT or now - row.created_at > MAX_AGE:
        return None
    return LiveSession(row.user, now - row.seen_at > TOUCH_EVERY)


def end_session(ctx: Context, key: str) -> None:
    """Log out: the session is gone on the server, not just in the browser."""
    with ctx.db.transaction() as conn:
        sessions.delete_session(conn, secret_digest(key))
