"""Who does what by when, and the figures over it: assignments on ``localizations``, and
the reads behind the queues and the dashboard (segment states per article × locale,
publication flags and times, revisions over a period).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, false, func, select, update
from sqlalchemy.orm import aliased

from workflow.states import SegmentState
from workflow.store.rows import record
from workflow.store.tables import articles, localizations, revisions, segments, translations, users


@dataclass(frozen=True)
class AssignmentRecord:
    """An article × locale with its assignees (ids and names) and deadline."""

    id: int
    article_id: int
    locale: str
    deadline: datetime | None
    translator_id: int | None
    reviewer_id: int | None
    translator_name: str | None
    reviewer_name: str | None


@dataclass(frozen=True)
class RevisionEvent:
    """When a revision was made, the state it left, what made it and who."""

    created_at: datetime
    state: SegmentState
    action: str
    user_name: str | None


@dataclass(frozen=True)
class PublicationTime:
    """An article × locale's import time and first publication time."""

    slug: str
    locale: str
    created_at: datetime
    published_at: datetime


def assign(
    conn: Connection,
    loc_id: int,
    *,
    translator_id: int | None,
    reviewer_id: int | None,
    deadline: datetime | None,
) -> None:
    conn.execute(
        update(localizations)
        .where(localizations.c.id == loc_id)
        .values(translator_id=translator_id, reviewer_id=reviewer_id, deadline=deadline)
    )


def translator_of(conn: Connection, loc_id: int) -> int | None:
    """The id of the translator assigned to an article × locale, if any."""
    found = conn.execute(
        select(localizations.c.translator_id).where(localizations.c.id == loc_id)
    ).scalar_one_or_none()
    return int(found) if found is not None else None


def localization_rows(conn: Connection) -> list[AssignmentRecord]:
    """Every article × locale with its assignees and deadline, soonest deadline first."""
    translator = aliased(users)
    reviewer = aliased(users)
    query = (
        select(
            localizations.c.id,
            localizations.c.article_id,
            localizations.c.locale,
            localizations.c.deadline,
            localizations.c.translator_id,
            localizations.c.reviewer_id,
            translator.c.name.label("translator_name"),
            reviewer.c.name.label("reviewer_name"),
        )
        .outerjoin(translator, translator.c.id == localizations.c.translator_id)
        .outerjoin(reviewer, reviewer.c.id == localizations.c.reviewer_id)
        .order_by(localizations.c.deadline.is_(None), localizations.c.deadline)
    )
    return [record(AssignmentRecord, r) for r in conn.execute(query)]


def state_counts(conn: Connection) -> dict[tuple[int, str], dict[SegmentState, int]]:
    """Segments by state for every article × locale, in one query."""
    rows = conn.execute(
        select(
            localizations.c.article_id,
            localizations.c.locale,
            translations.c.state,
            func.count(),
        )
        .join(translations, translations.c.localization_id == localizations.c.id)
        .join(segments, segments.c.id == translations.c.segment_id)
        .where(segments.c.obsolete == false())
        .group_by(localizations.c.article_id, localizations.c.locale, translations.c.state)
    )
    out: dict[tuple[int, str], dict[SegmentState, int]] = {}
    for article_id, locale, state, n in rows:
        counts = out.setdefault((article_id, locale), dict.fromkeys(SegmentState, 0))
        counts[SegmentState(state)] = n
    return out


def publication_flags(conn: Connection) -> dict[tuple[int, str], tuple[bool, bool]]:
    """(published, needs update) for every article × locale."""
    rows = conn.execute(
        select(
            localizations.c.article_id,
            localizations.c.locale,
            localizations.c.revision,
            localizations.c.published_revision,
            localizations.c.needs_update,
        )
    )
    return {
        (a, loc): (pub is not None and pub == rev, bool(stale)) for a, loc, rev, pub, stale in rows
    }


def revisions_since(
    conn: Connection, since: datetime, *, desks: Sequence[str] | None = None
) -> list[RevisionEvent]:
    """(created_at, state, action, user name) of every revision since ``since``;
    with ``desks``, only of those desks' articles."""
    q = (
        select(
            revisions.c.created_at,
            revisions.c.state,
            revisions.c.action,
            users.c.name.label("user_name"),
        )
        .outerjoin(users, users.c.id == revisions.c.user_id)
        .where(revisions.c.created_at >= since)
    )
    if desks is not None:
        q = (
            q.join(translations, translations.c.id == revisions.c.translation_id)
            .join(localizations, localizations.c.id == translations.c.localization_id)
            .join(articles, articles.c.id == localizations.c.article_id)
            .where(articles.c.desk.in_(list(desks)))
        )
    return [record(RevisionEvent, r, state=SegmentState(r.state)) for r in conn.execute(q)]


def publication_times(
    conn: Connection, *, desks: Sequence[str] | None = None
) -> list[PublicationTime]:
    """Import and first publication time of every published article × locale
    (with ``desks``, of those desks' articles)."""
    q = (
        select(
            articles.c.slug,
            localizations.c.locale,
            articles.c.created_at,
            localizations.c.published_at,
        )
        .join(articles, articles.c.id == localizations.c.article_id)
        .where(localizations.c.published_at.is_not(None))
    )
    if desks is not None:
        q = q.where(articles.c.desk.in_(list(desks)))
    return [record(PublicationTime, r) for r in conn.execute(q)]
