"""Telling people: inbox events for assignments, rejections, ``@mentions`` and work ready
for review, written in the transaction of the act; their e-mails are sent by the job worker
after the commit (:func:`send_mail`), never by the request.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import Connection

from workflow.model import User
from workflow.services.common import Target, may_see
from workflow.services.context import Context
from workflow.states import SegmentState
from workflow.store import inbox, queues, users

#: ``@name`` in a comment: a user name as the desk allows it (letters, digits, ``._-``).
MENTION = re.compile(r"(?<![\w@])@([\w][\w.-]{0,79})")


def _event(
    conn: Connection,
    recipients: Iterable[int],
    kind: str,
    t: Target,
    *,
    by: User | None,
    now: datetime,
    key: str | None = None,
    text: str | None = None,
) -> list[int]:
    out = []
    for uid in dict.fromkeys(recipients):
        if by is not None and uid == by.id:
            continue  # nobody is told of their own act
        out.append(
            inbox.add_event(
                conn,
                user_id=uid,
                kind=kind,
                now=now,
                article_id=t.article.id,
                locale=t.locale,
                key=key,
                by_id=by.id if by else None,
                text=text,
            )
        )
    return out


def assigned(
    conn: Connection,
    t: Target,
    assignee: User,
    by: User,
    keys: Sequence[str] | None,
    text: str,
    now: datetime,
) -> list[int]:
    return _event(
        conn, [assignee.id], "assigned", t, by=by, now=now, key=keys[0] if keys else None, text=text
    )


def rejected(
    conn: Connection,
    t: Target,
    key: str,
    author_id: int | None,
    by: User,
    reason: str,
    now: datetime,
) -> list[int]:
    """The segment's last author is told (the system's text: the assigned translator)."""
    recipients = [author_id] if author_id is not None else []
    if not recipients:
        translator = inbox.localization_people(conn, t.localization_id)[0]
        recipients = [translator] if translator is not None else []
    return _event(conn, recipients, "rejected", t, by=by, now=now, key=key, text=reason)


def mentions(
    conn: Connection, t: Target, key: str, body: str, by: User, now: datetime
) -> list[int]:
    """Everyone named ``@name`` in a comment who exists, is active and sees the article."""
    recipients = []
    for name in dict.fromkeys(MENTION.findall(body)):
        found = users.user_by_name(conn, name.rstrip(".-"))
        if found is None:
            continue
        person = found[0]
        if person.active and may_see(person, t.article):
            recipients.append(person.id)
    return _event(conn, recipients, "mention", t, by=by, now=now, key=key, text=body)


def ready_if_complete(
    conn: Connection, t: Target, before: SegmentState, after: SegmentState, by: User, now: datetime
) -> list[int]:
    """When a person's save translated the last segment that wanted it, the editors are told:
    the article × locale's reviewer, else every active editor of its desk."""
    if before >= SegmentState.TRANSLATED or after is not SegmentState.TRANSLATED:
        return []
    counts = queues.state_counts(conn).get((t.article.id, t.locale), {})
    if counts.get(SegmentState.EMPTY, 0) or counts.get(SegmentState.NEEDS_EDIT, 0):
        return []
    reviewer = inbox.localization_people(conn, t.localization_id)[1]
    if reviewer is not None:
        recipients = [reviewer]
    else:
        recipients = [
            u.id
            for u in users.list_users(conn)
            if u.active and u.role.can_review and not u.role.can_manage and may_see(u, t.article)
        ]
    return _event(conn, recipients, "ready", t, by=by, now=now)


def send_mail(ctx: Context, event_ids: Sequence[int]) -> None:
    """Hand the events' e-mails to the job worker (after the commit); nothing without SMTP."""
    if not event_ids or not ctx.settings.smtp_url or ctx.mt.mail_task is None:
        return
    for event_id in event_ids:
        ctx.mt.mail_task(event_id)
