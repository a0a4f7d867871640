"""Presence: who else has an article × locale open, and in which segment they are typing.

The editor polls every few seconds (:data:`POLL_SECONDS`); each poll is one upsert of the
poller's row and one read of the others' rows seen within :data:`WINDOW`, so it works with
any number of web workers on either database, and a closed tab disappears within the window
(at once when the page says goodbye: :func:`leave`).
"""

from __future__ import annotations

from datetime import timedelta

from workflow.errors import BadInput
from workflow.services.common import acting_user, visible_target
from workflow.services.context import Context
from workflow.store import presence
from workflow.store.presence import Presence

POLL_SECONDS = 3
#: A presence not refreshed within this is stale: not shown, swept by the next poll.
WINDOW = timedelta(seconds=20)


def heartbeat(
    ctx: Context,
    ref: str | int,
    locale: str,
    key: str | None,
    *,
    typing: bool = False,
    user_id: int,
) -> list[Presence]:
    """The user is in the article × locale (in segment ``key``, typing or not); the others
    who are, by name."""
    if key is not None and (len(key) > 40 or not key.strip()):
        raise BadInput("not a segment key", field="key")
    now = ctx.clock()
    with ctx.db.transaction() as conn:
        user = acting_user(conn, user_id)
        t = visible_target(conn, ref, locale, user)
        presence.touch(conn, user.id, t.localization_id, key, typing, now)
        return presence.present(conn, t.localization_id, now - WINDOW, but=user.id)


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
