"""The audit log: the ``audit_log`` table, one entry for every act worth answering for.

Entries name who did what to which article × locale and segment, the states before and
after, and a detail; they are written in the transaction of the act they record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, and_, insert, or_, select

from workflow.store.rows import record
from workflow.store.tables import articles, audit_log, segments, users


@dataclass(frozen=True)
class AuditEntry:
    """An audit entry as read: its user's name and its article's slug (None when there is
    none, or it is gone)."""

    at: datetime
    user: str | None
    slug: str | None
    locale: str | None
    action: str
    target: str | None
    from_state: str | None
    to_state: str | None
    detail: str | None
    batch: str | None = None  # shared by the entries of one bulk act
    id: int = 0
    # Where the segment named by ``target`` is (for sentences: "¶2 sentence 1").
    kind: str | None = None
    paragraph: int | None = None
    sentence: int | None = None


AUDIT_TARGET_CHARS = 80  # audit_log.target is String(80)


def audit(
    conn: Connection,
    *,
    action: str,
    now: datetime,
    user_id: int | None = None,
    article_id: int | None = None,
    locale: str | None = None,
    target: str | None = None,
    from_state: str | None = None,
    to_state: str | None = None,
    detail: str | None = None,
    batch: str | None = None,
) -> None:
    """One audit entry; a ``target`` longer than its column is shortened with "…"."""
    width = AUDIT_TARGET_CHARS
    if target is not None and len(target) > width:
        target = target[: width - 1] + "…"
    conn.execute(
        insert(audit_log).values(
            created_at=now,
            user_id=user_id,
            article_id=article_id,
            locale=locale,
            action=action,
            target=target,
            from_state=from_state,
            to_state=to_state,
            detail=detail,
            batch=batch,
        )
    )


def audit_query(
    conn: Connection,
    *,
    article_id: int | None = None,
    user_id: int | None = None,
    action: str | None = None,
    limit: int = 200,
    desks: Sequence[str] | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[AuditEntry]:
    """Newest first; with ``desks``, entries about other desks' articles are left out;
    ``since`` (inclusive) and ``until`` (exclusive) bound the time. An entry whose target is
    a segment's key comes with where the segment is."""
    q = (
        select(
            audit_log,
            users.c.name.label("user_name"),
            articles.c.slug,
            segments.c.kind,
            segments.c.paragraph,
            segments.c.sentence,
        )
        .outerjoin(users, users.c.id == audit_log.c.user_id)
        .outerjoin(articles, articles.c.id == audit_log.c.article_id)
        .outerjoin(
            segments,
            and_(
                segments.c.article_id == audit_log.c.article_id,
                segments.c.key == audit_log.c.target,
            ),
        )
        .order_by(audit_log.c.id.desc())
        .limit(limit)
    )
    if since is not None:
        q = q.where(audit_log.c.created_at >= since)
    if until is not None:
        q = q.where(audit_log.c.created_at < until)
    if article_id is not None:
        q = q.where(audit_log.c.article_id == article_id)
    if user_id is not None:
        q = q.where(audit_log.c.user_id == user_id)
    if action:
        q = q.where(audit_log.c.action == action)
    if desks is not None:
        q = q.where(or_(audit_log.c.article_id.is_(None), articles.c.desk.in_(list(desks))))
    return [record(AuditEntry, r, at=r.created_at, user=r.user_name) for r in conn.execute(q)]
