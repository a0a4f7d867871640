"""Working together: assignments by picking (with a deadline), the inbox, e-mail settings.

An editor hands a person a whole article × locale, some of its segments, or several
articles at once; the person is told in their inbox (and by e-mail when they asked for it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

import workflow.services.notify as notify
from workflow.errors import BadInput, NotFound, PermissionDenied
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
from workflow.store import articles, audit, inbox, localizations, queues, translations, users
from workflow.store.inbox import KINDS, InboxEvent, NotifySettings, WorkAssignment

#: The newsroom's time: a deadline typed without an offset is read in it.
NEWSROOM_TZ = ZoneInfo("Asia/Seoul")
DUE = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(Z|[+-]\d{2}:?\d{2})?")
EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s]{1,190}\.[A-Za-z]{2,}")


@dataclass(frozen=True)
class Person:
    """A user of the desk as the assignment picker lists them: role and current load."""

    id: int
    name: str
    role: str
    desks: tuple[str, ...]
    load: int  # open assignments


@dataclass(frozen=True)
class PickerSegment:
    key: str
    where: str
    source: str


@dataclass(frozen=True)
class AssignmentPicker:
    """What the assignment page offers: the people with their load, the articles, and —
    for one article — its segments, to pick a range from."""

    people: tuple[Person, ...]
    articles: tuple[tuple[str, str], ...]  # (slug, title), newest first
    article: str | None
    segments: tuple[PickerSegment, ...]


def parse_due(text: str | None, *, field: str = "due") -> datetime | None:
    """``YYYY-MM-DDTHH:MM`` (newsroom time) or with an offset; None for nothing."""
    if text is None or not text.strip():
        return None
    m = DUE.fullmatch(text.strip())
    if m is None:
        raise BadInput("%(text)r is not a time like 2026-12-05T18:00", text=text, field=field)
    try:
        at = datetime.fromisoformat(f"{m[1]}T{m[2]}")
    except ValueError as exc:
        raise BadInput("%(text)r: %(exc)s", text=text, exc=exc, field=field) from None
    zone = m[3]
    if not zone:
        return at.replace(tzinfo=NEWSROOM_TZ)
    return datetime.fromisoformat(f"{m[1]}T{m[2]}{'+00:00' if zone == 'Z' else zone}")


def assign_work(
    ctx: Context,
    refs: Sequence[str | int],
    locale: str,
    *,
    to: str,
    keys: Sequence[str] | None = None,
    key_range: bool = False,
    due: datetime | None = None,
    user_id: int,
) -> list[WorkAssignment]:
    """Hand ``to`` the article(s) × locale, or some segments (``keys``, one article only),
    due by ``due``; editors and admins. The person is told in their inbox. A whole
    article × locale also names them its translator (a translator) or reviewer (an editor)
    and takes the deadline. With ``key_range``, ``keys`` are the first and last segment of
    a range, in either order."""
    if not refs:
        raise BadInput("name at least one article", field="articles")
    if keys and len(refs) > 1:
        raise BadInput("segments can be assigned in one article at a time", field="key")
    if due is not None and due.tzinfo is None:
        raise BadInput("a deadline needs a time zone", field="due")
    now = ctx.clock()
    mail: list[int] = []
    made: list[int] = []
    with ctx.db.transaction() as conn:
        user = acting_editor(conn, user_id)
        person = _person(conn, to)
        for ref in dict.fromkeys(refs):
            t = visible_target(
                conn, ref, locale, user, create=True, allowed=ctx.settings.target_locales
            )
            if not may_see(person, t.article):
                raise BadInput(
                    "%(name)r does not work on the %(desk)r desk",
                    name=person.name,
                    desk=t.article.desk,
                    field="to",
                )
            chosen = _keys(conn, t.localization_id, keys, key_range) if keys else None
            if chosen is None:
                translator, reviewer = inbox.localization_people(conn, t.localization_id)
                if person.role.can_review:
                    reviewer = person.id
                else:
                    translator = person.id
                queues.assign(
                    conn,
                    t.localization_id,
                    translator_id=translator,
                    reviewer_id=reviewer,
                    deadline=due or _deadline(conn, t.localization_id),
                )
            made.append(
                inbox.add_assignment(
                    conn,
                    loc_id=t.localization_id,
                    assignee_id=person.id,
                    assigned_by=user.id,
                    keys=chosen,
                    due=due,
                    now=now,
                )
            )
            summary = assignment_summary(len(chosen) if chosen else 0, due)
            audit.audit(
                conn,
                action="assign",
                now=now,
                target=person.name,
                detail=summary,
                **audit_about(t, user),
            )
            mail += notify.assigned(conn, t, person, user, chosen, summary, now)
        out = [a for a in inbox.open_assignments(conn, assignee_id=person.id) if a.id in made]
    notify.send_mail(ctx, mail)
    return out


def desk_people(ctx: Context, ref: str | int | None = None, *, user_id: int) -> list[Person]:
    """The active people who may work on the article (or on the asker's desks), with the
    number of open assignments each has: what the assignment picker lists."""
    with ctx.db.transaction(write=False) as conn:
        me = acting_user(conn, user_id)
        article = visible_article(conn, ref, me) if ref is not None else None
        desks = visible_desks(me)
        loads = inbox.open_loads(conn)
        out = []
        for u in users.list_users(conn):
            if not u.active:
                continue
            if article is not None and not may_see(u, article):
                continue
            if article is None and desks is not None and not set(u.desks) & set(desks):
                continue
            out.append(Person(u.id, u.name, u.role.value, u.desks, loads.get(u.id, 0)))
        return out


def assignment_picker(
    ctx: Context, ref: str | int | None, locale: str, *, user_id: int
) -> AssignmentPicker:
    """The people (with their load), the articles, and one article's segments to pick from."""
    people = tuple(desk_people(ctx, ref, user_id=user_id))
    with ctx.db.transaction(write=False) as conn:
        me = acting_editor(conn, user_id)
        arts = tuple(
            (a.slug, a.meta.title) for a in articles.list_articles(conn, desks=visible_desks(me))
        )
        segments: tuple[PickerSegment, ...] = ()
        slug = None
        if ref is not None:
            article = visible_article(conn, ref, me)
            slug = article.slug
            loc_id = localizations.localization_id(conn, article.id, locale)
            if loc_id is not None:
                segments = tuple(
                    PickerSegment(e.segment.key, e.segment.where, e.segment.source)
                    for e in localizations.localized_article(conn, article, locale).entries
                )
    return AssignmentPicker(people, arts, slug, segments)


def my_assignments(ctx: Context, *, user_id: int) -> list[WorkAssignment]:
    """The user's open assignments, soonest due first."""
    with ctx.db.transaction(write=False) as conn:
        me = acting_user(conn, user_id)
        return inbox.open_assignments(conn, assignee_id=me.id, desks=visible_desks(me))


def assignments_of(
    ctx: Context, ref: str | int, locale: str, *, user_id: int | None = None
) -> list[WorkAssignment]:
    """The open assignments of an article × locale."""
    with ctx.db.transaction(write=False) as conn:
        t = visible_target(conn, ref, locale, viewer(conn, user_id))
        return inbox.open_assignments(conn, loc_id=t.localization_id)


def inbox_of(
    ctx: Context, name: str | None = None, *, unread: bool = False, user_id: int | None = None
) -> list[InboxEvent]:
    """A person's inbox, newest first: ``name`` for the system (CLI), else the asker's own.
    Events about articles the person no longer sees are left out."""
    with ctx.db.transaction(write=False) as conn:
        if user_id is not None:
            person = acting_user(conn, user_id)
        else:
            person = _person(conn, name or "", field="user", active=False)
        desks = visible_desks(person)
        return [
            e
            for e in inbox.events(conn, person.id, unread=unread)
            if desks is None or e.article_id is None or _desk_ok(conn, e, desks)
        ]


def unread_count(ctx: Context, *, user_id: int) -> int:
    """How many unread events the header badge shows."""
    with ctx.db.transaction(write=False) as conn:
        return inbox.unread_count(conn, user_id)


def mark_read(
    ctx: Context, event_ids: Sequence[int] | None, *, read: bool = True, user_id: int
) -> int:
    """Mark the user's own events (``None``: all) read or unread; how many changed."""
    with ctx.db.transaction() as conn:
        me = acting_user(conn, user_id)
        if event_ids is not None:
            for event_id in event_ids:
                e = inbox.event_by_id(conn, event_id)
                if e is None or e.user_id != me.id:
                    raise NotFound("no inbox item %(event_id)s", event_id=event_id)
        return inbox.mark_read(conn, me.id, event_ids, ctx.clock(), read=read)


def notify_settings(ctx: Context, *, user_id: int) -> NotifySettings | None:
    with ctx.db.transaction(write=False) as conn:
        return inbox.notify_settings_for(conn, acting_user(conn, user_id).id)


def set_notify_settings(
    ctx: Context, email: str | None, kinds: Sequence[str], *, user_id: int
) -> NotifySettings | None:
    """The user's e-mail address and the inbox kinds they want by e-mail (none: no e-mail)."""
    email = (email or "").strip() or None
    if email is not None and not EMAIL.fullmatch(email):
        raise BadInput("%(email)r is not an e-mail address", email=email, field="email")
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise BadInput(
            "unknown kinds %(unknown)s; known: %(kinds)s",
            unknown=unknown,
            kinds=", ".join(KINDS),
            field="kinds",
        )
    with ctx.db.transaction() as conn:
        me = acting_user(conn, user_id)
        inbox.set_notify_settings(conn, me.id, email, [k for k in KINDS if k in kinds])
        return inbox.notify_settings_for(conn, me.id)


def overdue(due: datetime | None, now: datetime) -> bool:
    return due is not None and due < now


def due_soon(due: datetime | None, now: datetime, within: timedelta = timedelta(hours=2)) -> bool:
    return due is not None and now <= due < now + within


def _desk_ok(conn: Connection, e: InboxEvent, desks: Sequence[str]) -> bool:
    try:
        return visible_article(conn, e.article_id or 0, None).desk in desks
    except NotFound:
        return False


def _person(conn: Connection, name: str, *, field: str = "to", active: bool = True) -> User:
    found = users.user_by_name(conn, name.strip())
    if found is None:
        raise BadInput("no user named %(name)r", name=name, field=field)
    if active and not found[0].active:
        raise PermissionDenied("user %(name)r is disabled", name=name)
    return found[0]


def _keys(
    conn: Connection, loc_id: int, keys: Sequence[str], key_range: bool = False
) -> tuple[str, ...]:
    order = [r.key for r in translations.translation_rows(conn, loc_id)]
    missing = [k for k in keys if k not in order]
    if missing:
        raise BadInput("no segment with key %(key)r in this article", key=missing[0], field="key")
    if key_range:
        if len(keys) != 2:
            raise BadInput("a range is a first and a last segment", field="key")
        a, b = sorted(order.index(k) for k in keys)
        return tuple(order[a : b + 1])
    return tuple(dict.fromkeys(keys))


def _deadline(conn: Connection, loc_id: int) -> datetime | None:
    return next((r.deadline for r in queues.localization_rows(conn) if r.id == loc_id), None)


#: An assignment summed up as the audit log, the inbox and the e-mail store it (English).
_SUMMARY = re.compile(r"(?:(?P<n>\d+) segments|the whole article)(?:, due (?P<due>[\d-]+ [\d:]+))?")


def assignment_summary(count: int, due: datetime | None) -> str:
    """ "3 segments, due 2026-12-05 18:00" (newsroom time), or "the whole article"."""
    what = f"{count} segments" if count else "the whole article"
    return what + (f", due {due.astimezone(NEWSROOM_TZ):%Y-%m-%d %H:%M}" if due else "")


def read_assignment_summary(text: str) -> tuple[int, str | None] | None:
    """What :func:`assignment_summary` wrote: (segments, 0 for the whole article; the due
    time as written or None), or None for any other text."""
    match = _SUMMARY.fullmatch(text)
    if match is None:
        return None
    return int(match["n"] or 0), match["due"]
