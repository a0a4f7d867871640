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
from datetime import timedelta

from workflow.errors import BadInput
from workflow.services.common import acting_user, visible_target
from workflow.services.context import Context
from workflow.store import inbox, presence
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
    if key is not None and (len(key) > 40 or not key.strip()):
        raise BadInput("not a segment key", field="key")
    now = ctx.clock()
    with ctx.db.transaction(write=False) as conn:
        user = acting_user(conn, user_id)
        t = visible_target(conn, ref, locale, user)
        here = presence.present(conn, t.localization_id, now - WINDOW)
        count = inbox.unread_count(conn, user.id) if unread else None
    mine = next((p for p in here if p.user_id == user.id), None)
    if mine is None or (mine.key, mine.typing) != (key, typing) or now - mine.seen_at >= REFRESH:
        # A second, short transaction: the read above took no write lock (SQLite).
        with ctx.db.transaction() as conn:
            presence.touch(conn, user.id, t.localization_id, key, typing, now)
    return Heartbeat([p for p in here if p.user_id != user.id], count)


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
