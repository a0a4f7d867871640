"""Working together: the ``assignments``, ``inbox_events`` and ``notify_settings`` tables.

An assignment hands a person a whole article × locale (``keys`` None) or some of its
segments, with a due time; it is open until the article × locale is published. An inbox
event is what a person is told (assigned, rejected, mention, ready), unread until read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Row,
    Select,
    and_,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.orm import aliased

from workflow.store.rows import inserted_id, record
from workflow.store.tables import (
    articles,
    assignments,
    inbox_events,
    localizations,
    notify_settings,
    segments,
    users,
)

#: The kinds of inbox events, in the order the settings page lists them.
KINDS = ("assigned", "rejected", "mention", "ready")


@dataclass(frozen=True)
class WorkAssignment:
    """Work handed to a person: an article × locale or some of its segments, due when."""

    id: int
    localization_id: int
    article_id: int
    slug: str
    locale: str
    assignee: str
    assigned_by: str | None
    keys: tuple[str, ...] | None  # None: the whole article × locale
    due: datetime | None
    created_at: datetime
    done_at: datetime | None


@dataclass(frozen=True)
class InboxEvent:
    """One line of a person's inbox."""

    id: int
    user_id: int
    kind: str
    article_id: int | None
    slug: str | None
    locale: str | None
    key: str | None
    by: str | None
    text: str | None
    created_at: datetime
    read_at: datetime | None
    # Where the segment stands (``segments.kind``, paragraph, sentence), for people to read.
    segment_kind: str | None = None
    paragraph: int | None = None
    sentence: int | None = None


@dataclass(frozen=True)
class NotifySettings:
    """Where a person's e-mail goes and which inbox kinds they want by e-mail."""

    user_id: int
    email: str
    kinds: tuple[str, ...]


# --- assignments ------------------------------------------------------------------------


def add_assignment(
    conn: Connection,
    *,
    loc_id: int,
    assignee_id: int,
    assigned_by: int | None,
    keys: Sequence[str] | None,
    due: datetime | None,
    now: datetime,
) -> int:
    return inserted_id(
        conn,
        insert(assignments).values(
            localization_id=loc_id,
            assignee_id=assignee_id,
            assigned_by=assigned_by,
            segment_keys=list(keys) if keys is not None else None,
            due=due,
            created_at=now,
        ),
    )


def _assignment_query() -> Select[Any]:
    assignee = aliased(users)
    by = aliased(users)
    return (
        select(
            assignments.c.id,
            assignments.c.localization_id,
            localizations.c.article_id,
            articles.c.slug,
            localizations.c.locale,
            assignee.c.name.label("assignee"),
            by.c.name.label("assigned_by"),
            assignments.c.segment_keys,
            assignments.c.due,
            assignments.c.created_at,
            assignments.c.done_at,
        )
        .join(localizations, localizations.c.id == assignments.c.localization_id)
        .join(articles, articles.c.id == localizations.c.article_id)
        .join(assignee, assignee.c.id == assignments.c.assignee_id)
        .outerjoin(by, by.c.id == assignments.c.assigned_by)
    )


def _assignment(r: Row[Any]) -> WorkAssignment:
    keys = r.segment_keys
    return record(WorkAssignment, r, keys=tuple(keys) if keys is not None else None)


def open_assignments(
    conn: Connection,
    *,
    assignee_id: int | None = None,
    loc_id: int | None = None,
    desks: Sequence[str] | None = None,
) -> list[WorkAssignment]:
    """Open assignments (not done), soonest due first (none due last)."""
    q = _assignment_query().where(assignments.c.done_at.is_(None))
    if assignee_id is not None:
        q = q.where(assignments.c.assignee_id == assignee_id)
    if loc_id is not None:
        q = q.where(assignments.c.localization_id == loc_id)
    if desks is not None:
        q = q.where(articles.c.desk.in_(list(desks)))
    q = q.order_by(assignments.c.due.is_(None), assignments.c.due, assignments.c.id)
    return [_assignment(r) for r in conn.execute(q)]


def open_loads(conn: Connection) -> dict[int, int]:
    """The number of open assignments per assignee id."""
    rows = conn.execute(
        select(assignments.c.assignee_id, func.count())
        .where(assignments.c.done_at.is_(None))
        .group_by(assignments.c.assignee_id)
    )
    return {uid: n for uid, n in rows}


def localization_people(conn: Connection, loc_id: int) -> tuple[int | None, int | None]:
    """The article × locale's translator and reviewer ids."""
    row = conn.execute(
        select(localizations.c.translator_id, localizations.c.reviewer_id).where(
            localizations.c.id == loc_id
        )
    ).one()
    return row.translator_id, row.reviewer_id


def close_assignments(conn: Connection, loc_id: int, now: datetime) -> None:
    """Every open assignment of the article × locale done (it was published)."""
    conn.execute(
        update(assignments)
        .where(and_(assignments.c.localization_id == loc_id, assignments.c.done_at.is_(None)))
        .values(done_at=now)
    )


# --- inbox ------------------------------------------------------------------------------


def add_event(
    conn: Connection,
    *,
    user_id: int,
    kind: str,
    now: datetime,
    article_id: int | None = None,
    locale: str | None = None,
    key: str | None = None,
    by_id: int | None = None,
    text: str | None = None,
) -> int:
    if kind not in KINDS:
        raise ValueError(f"unknown inbox kind {kind!r}")
    return inserted_id(
        conn,
        insert(inbox_events).values(
            user_id=user_id,
            kind=kind,
            article_id=article_id,
            locale=locale,
            key=key,
            by_id=by_id,
            text=text,
            created_at=now,
        ),
    )


def _event_query(condition: ColumnElement[bool]) -> Select[Any]:
    by = aliased(users)
    return (
        select(
            inbox_events.c.id,
            inbox_events.c.user_id,
            inbox_events.c.kind,
            inbox_events.c.article_id,
            articles.c.slug,
            inbox_events.c.locale,
            inbox_events.c.key,
            by.c.name.label("by"),
            inbox_events.c.text,
            inbox_events.c.created_at,
            inbox_events.c.read_at,
            segments.c.kind.label("segment_kind"),
            segments.c.paragraph,
            segments.c.sentence,
        )
        .outerjoin(articles, articles.c.id == inbox_events.c.article_id)
        .outerjoin(by, by.c.id == inbox_events.c.by_id)
        .outerjoin(
            segments,
            and_(
                segments.c.article_id == inbox_events.c.article_id,
                segments.c.key == inbox_events.c.key,
            ),
        )
        .where(condition)
    )


def events(
    conn: Connection, user_id: int, *, unread: bool = False, limit: int = 500
) -> list[InboxEvent]:
    """A person's inbox, newest first."""
    q = _event_query(inbox_events.c.user_id == user_id)
    if unread:
        q = q.where(inbox_events.c.read_at.is_(None))
    q = q.order_by(inbox_events.c.id.desc()).limit(limit)
    return [record(InboxEvent, r) for r in conn.execute(q)]


def event_by_id(conn: Connection, event_id: int) -> InboxEvent | None:
    row = conn.execute(_event_query(inbox_events.c.id == event_id)).first()
    return None if row is None else record(InboxEvent, row)


def unread_count(conn: Connection, user_id: int) -> int:
    return int(
        conn.execute(
            select(func.count()).where(
                and_(inbox_events.c.user_id == user_id, inbox_events.c.read_at.is_(None))
            )
        ).scalar_one()
    )


def mark_read(
    conn: Connection, user_id: int, event_ids: Sequence[int] | None, now: datetime, *, read: bool
) -> int:
    """Mark the user's events (``None``: all) read or unread; the number changed."""
    q = update(inbox_events).where(inbox_events.c.user_id == user_id)
    if event_ids is not None:
        q = q.where(inbox_events.c.id.in_(list(event_ids)))
    q = q.where(inbox_events.c.read_at.is_(None) if read else inbox_events.c.read_at.is_not(None))
    return conn.execute(q.values(read_at=now if read else None)).rowcount


# --- e-mail settings --------------------------------------------------------------------


def notify_settings_for(conn: Connection, user_id: int) -> NotifySettings | None:
    row = conn.execute(select(notify_settings).where(notify_settings.c.user_id == user_id)).first()
    if row is None:
        return None
    kinds = tuple(k for k in row.kinds.split(",") if k)
    return NotifySettings(user_id=row.user_id, email=row.email, kinds=kinds)


def set_notify_settings(
    conn: Connection, user_id: int, email: str | None, kinds: Sequence[str]
) -> None:
    """Store (or, with no address, drop) a person's e-mail settings."""
    conn.execute(delete(notify_settings).where(notify_settings.c.user_id == user_id))
    if email:
        conn.execute(
            insert(notify_settings).values(user_id=user_id, email=email, kinds=",".join(kinds))
        )
