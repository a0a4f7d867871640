"""Who does what by when: assignments, the review queue, "my work", the audit log."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import Connection

from workflow.errors import BadInput, Message, PermissionDenied
from workflow.model import User
from workflow.services.common import (
    acting_editor,
    acting_user,
    audit_about,
    may_see,
    viewer,
    visible_article,
    visible_desks,
    visible_target,
)
from workflow.services.context import Context
from workflow.services.qa import article_qa
from workflow.states import LocalizationState, SegmentState, localization_state_for
from workflow.store import articles, audit, inbox, localizations, queues, users


@dataclass(frozen=True)
class WorkItem:
    """An article × locale as a queue shows it."""

    article_id: int
    slug: str
    title: str
    locale: str
    state: LocalizationState
    counts: dict[SegmentState, int]
    translator: str | None
    reviewer: str | None
    deadline: datetime | None
    qa_errors: int = 0  # segments with an error-level QA finding (review queue only)
    qa_warnings: int = 0
    qa_overridden: int = 0  # segments with an error an editor overrode (review queue only)


def assign(
    ctx: Context,
    ref: str | int,
    locale: str,
    *,
    translator: str | None,
    reviewer: str | None,
    deadline: datetime | None,
    user_id: int,
) -> WorkItem:
    """Assign a translator and a reviewer with a deadline (editors and admins)."""
    now = ctx.clock()
    with ctx.db.transaction() as conn:
        user = acting_editor(conn, user_id)
        t = visible_target(
            conn, ref, locale, user, create=True, allowed=ctx.settings.target_locales
        )
        tr = _named(conn, translator, "translator")
        rv = _named(conn, reviewer, "reviewer")
        if rv is not None and not rv.role.can_review:
            raise BadInput(
                "%(name)r is a %(value)s and cannot review",
                name=rv.name,
                value=rv.role.value,
                field="reviewer",
            )
        for field, person in (("translator", tr), ("reviewer", rv)):
            if person is not None and not may_see(person, t.article):
                raise BadInput(
                    "%(name)r does not work on the %(desk)r desk",
                    name=person.name,
                    desk=t.article.desk,
                    field=field,
                )
        if deadline is not None and deadline.tzinfo is None:
            raise BadInput("a deadline needs a time zone", field="deadline")
        queues.assign(
            conn,
            t.localization_id,
            translator_id=tr.id if tr else None,
            reviewer_id=rv.id if rv else None,
            deadline=deadline,
        )
        audit.audit(
            conn,
            action="assign",
            now=now,
            detail=Message(
                "translator %(translator)s, reviewer %(reviewer)s, deadline %(deadline)s",
                translator=tr.name if tr else "-",
                reviewer=rv.name if rv else "-",
                deadline=deadline.isoformat() if deadline else "-",
            ),
            **audit_about(t, user),
        )
    return next(
        w
        for w in work_items(ctx, user_id=user_id)
        if w.article_id == t.article.id and w.locale == t.locale
    )


def work_items(ctx: Context, *, user_id: int | None = None) -> list[WorkItem]:
    """Every article × locale the user may see, soonest deadline first."""
    with ctx.db.transaction(write=False) as conn:
        desks = visible_desks(viewer(conn, user_id))
        counts = queues.state_counts(conn)
        flags = queues.publication_flags(conn)
        arts = {a.id: a for a in articles.list_articles(conn, desks=desks)}
        out = []
        for row in queues.localization_rows(conn):
            if row.article_id not in arts:
                continue
            key = (row.article_id, row.locale)
            c = counts.get(key, dict.fromkeys(SegmentState, 0))
            states = [s for s, n in c.items() for _ in range(n)]
            article = arts[row.article_id]
            out.append(
                WorkItem(
                    article_id=article.id,
                    slug=article.slug,
                    title=article.meta.title,
                    locale=row.locale,
                    state=localization_state_for(states, *flags.get(key, (False, False))),
                    counts=c,
                    translator=row.translator_name,
                    reviewer=row.reviewer_name,
                    deadline=row.deadline,
                )
            )
        return out


def review_queue(ctx: Context, *, user_id: int | None = None) -> list[WorkItem]:
    """What waits for an editor: anything the user may see with translated segments not
    yet approved, with its QA errors and warnings counted."""
    waiting = [w for w in work_items(ctx, user_id=user_id) if w.counts[SegmentState.TRANSLATED]]
    out = []
    with ctx.db.transaction(write=False) as conn:
        for w in waiting:
            article = articles.find_article(conn, w.article_id)
            qa = article_qa(conn, ctx, localizations.localized_article(conn, article, w.locale))
            every = [f for s in qa.values() for f in s.findings]
            findings = [f for f in every if not f.dismissed_by and not f.overridden]
            out.append(
                replace(
                    w,
                    qa_errors=len({f.key for f in findings if f.blocks}),
                    qa_warnings=len({f.key for f in findings if not f.blocks}),
                    qa_overridden=len({f.key for f in every if f.overridden}),
                )
            )
    return out


def my_work(ctx: Context, user_id: int) -> list[WorkItem]:
    """What the user is assigned to, as translator or reviewer, not yet published."""
    user = _user(ctx, user_id)
    with ctx.db.transaction(write=False) as conn:
        # Segments handed to the user count too; the soonest due time is the deadline.
        due: dict[tuple[int, str], datetime | None] = {}
        for a in inbox.open_assignments(conn, assignee_id=user.id):
            key = (a.article_id, a.locale)
            times = [d for d in (due.get(key), a.due) if d is not None]
            due[key] = min(times) if times else None
    out = []
    for w in work_items(ctx, user_id=user_id):
        key = (w.article_id, w.locale)
        if w.state is LocalizationState.PUBLISHED:
            continue
        if user.name in (w.translator, w.reviewer) or key in due:
            times = [d for d in (w.deadline, due.get(key)) if d is not None]
            out.append(replace(w, deadline=min(times) if times else None))
    return out


def audit_log(
    ctx: Context,
    *,
    article: str | None = None,
    user: str | None = None,
    action: str | None = None,
    limit: int = 200,
    user_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[audit.AuditEntry]:
    """The newest transitions first, filtered by article, user (a name), action and time
    (``since`` included, ``until`` not).

    ``user_id`` is who is asking: entries about articles of desks they do not work on
    are left out (None, the system, sees all).
    """
    with ctx.db.transaction(write=False) as conn:
        me = viewer(conn, user_id)
        article_id = visible_article(conn, article, me).id if article else None
        by_id = None
        if user:
            found = users.user_by_name(conn, user)
            if found is None:
                raise BadInput("no user named %(user)r", user=user, field="user")
            by_id = found[0].id
        return audit.audit_query(
            conn,
            article_id=article_id,
            user_id=by_id,
            action=action,
            limit=limit,
            desks=visible_desks(me),
            since=since,
            until=until,
        )


def _user(ctx: Context, user_id: int) -> User:
    with ctx.db.transaction(write=False) as conn:
        return acting_user(conn, user_id)


def _named(conn: Connection, name: str | None, field: str) -> User | None:
    if not name:
        return None
    found = users.user_by_name(conn, name)
    if found is None:
        raise BadInput("no user named %(name)r", name=name, field=field)
    if not found[0].active:
        raise PermissionDenied("user %(name)r is disabled", name=name)
    return found[0]
