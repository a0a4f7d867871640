"""Presence: who else has an article × locale open, and in which segment they are typing.

The editor polls every few seconds (:data:`POLL_SECONDS`); each poll reads the rows seen
within :data:`WINDOW` and writes (one upsert) only when the poller's own row is missing,
changed (another segment, typing or not) or older than :data:`REFRESH` — most polls are
reads only, which on SQLite take no write lock. It works with any number of web workers on
either database, and a closed tab disappears within the window (at once when the page says
goodbye: :func:`leave`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection

from workflow.errors import BadInput
from workflow.model import User
from workflow.security.passwords import secret_digest
from workflow.services.common import acting_user, visible_target
from workflow.services.context import Context
from workflow.services.sessions import live_session
from workflow.store import inbox, presence, sessions
from workflow.store.presence import Presence

POLL_SECONDS = 4
#: A presence not refreshed within this is stale: not shown.
WINDOW = timedelta(seconds=20)
#: An unchanged presence is written again after this: a visible tab (every 4 s) writes one
#: unchanged poll in three, a background tab (every 12 s) each of its polls, and either
#: stays within the window between two of them.
REFRESH = timedelta(seconds=12)


@dataclass(frozen=True)
class Heartbeat:
    """What a poll answers: the others in the article × locale, and the user's unread inbox
    count when the poll asked for it (the header badge rides on every few polls instead of
    costing a request of its own)."""

    others: list[Presence]
    unread: int | None = None


def heartbeat(
    ctx: Context,
    ref: str | int,
    locale: str,
    key: str | None,
    *,
    typing: bool = False,
    unread: bool = False,
    user_id: int,
) -> Heartbeat:
    """The user is in the article × locale (in segment ``key``, typing or not); the others
    who are, by name; with ``unread``, the user's unread inbox count too."""
    now = ctx.clock()
    with ctx.db.transaction(write=False) as conn:
        user = acting_user(conn, user_id)
        seen = _look(conn, user, ref, locale, key, now, unread=unread)
    if seen.due(key, typing, now):
        # A second, short transaction: the read above took no write lock (SQLite).
        with ctx.db.transaction() as conn:
            presence.touch(conn, user.id, seen.localization_id, key, typing, now)
    return seen.beat


def session_heartbeat(
    ctx: Context,
    session_key: str,
    ref: str | int,
    locale: str,
    key: str | None,
    *,
    typing: bool = False,
    unread: bool = False,
) -> tuple[User, Heartbeat] | None:
    """The browser's poll, which is its own session check: the session's user (None when
    the session is not live, as :func:`~workflow.services.sessions.session_user` says) and
    :func:`heartbeat`'s answer, read in one transaction. Polls are most of a desk's
    requests; this spares each one a connection, a transaction and the user's second
    lookup."""
    digest = secret_digest(session_key)
    now = ctx.clock()
    with ctx.db.transaction(write=False) as conn:
        live = live_session(conn, digest, now)
        if live is None:
            return None
        seen = _look(conn, live.user, ref, locale, key, now, unread=unread)
    write_presence = seen.due(key, typing, now)
    if live.stale or write_presence:
        with ctx.db.transaction() as conn:
            if live.stale:
                sessions.touch_session(conn, digest, now)
            if write_presence:
                presence.touch(conn, live.user.id, seen.localization_id, key, typing, now)
    return live.user, seen.beat


@dataclass(frozen=True)
class _Seen:
    """What a poll read: the answer, the article × locale, and the poller's own row."""

    beat: Heartbeat
    localization_id: int
    mine: Presence | None

    def due(self, key: str | None, typing: bool, now: datetime) -> bool:
        """Whether the poller's row must be written: missing, changed or near stale."""
        mine = self.mine
        return (
            mine is None
            or (mine.key, mine.typing) != (key, typing)
            or (now - mine.seen_at >= REFRESH)
        )


def _look(
    conn: Connection,
    user: User,
    ref: str | int,
    locale: str,
    key: str | None,
    now: datetime,
    *,
    unread: bool,
) -> _Seen:
    if key is not None and (len(key) > 40 or not key.strip()):
        raise BadInput("not a segment key", field="key")
    t = visible_target(conn, ref, locale, user)
    here = presence.present(conn, t.localization_id, now - WINDOW)
    count = inbox.unread_count(conn, user.id) if unread else None
    mine = next((p for p in here if p.user_id == user.id), None)
    others = [p for p in here if p.user_id != user.id]
    return _Seen(Heartbeat(others, count), t.localization_id, mine)


def leave(ctx: Context, ref: str | int, locale: str, *, user_id: int) -> None:
    """The user closed the article × locale."""
    with ctx.db.transaction() as conn:
        user = acting_user(conn, user_id)
        t = visible_target(conn, ref, locale, user)
        presence.leave(conn, user.id, t.localization_id)


def sweep(ctx: Context) -> int:
    """Forget stale presences (the worker's periodic task may call it)."""
    with ctx.db.transaction() as conn:
        return presence.sweep(conn, ctx.clock() - WINDOW)
