"""Helpers shared by the use cases: the acting user, what they may see, the article × locale.

Object-level checks live here and nowhere else: :func:`may_see` decides whether a user
sees an article (admins every desk, others the desks they belong to), and
:func:`visible_article` / :func:`visible_target` are how every service that reads or
writes an article on someone's behalf finds it. An article of another desk is answered
with the same NotFound as a missing one, so that an id or slug tells nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypedDict

from sqlalchemy import Connection

from workflow.errors import BadInput, Message, NotFound, PermissionDenied
from workflow.model import Article, User
from workflow.states import Transition
from workflow.store import articles, audit, localizations, users
from workflow.text.clean import MAX_NOTE, clean_text
from workflow.text.locales import parse_locale, target_locale


@dataclass(frozen=True)
class Target:
    """An article × target locale as the services need it."""

    article: Article
    locale: str
    localization_id: int


def acting_user(conn: Connection, user_id: int) -> User:
    """The active user doing the action; a disabled one may do nothing."""
    try:
        user = users.user_by_id(conn, user_id)
    except NotFound:
        raise PermissionDenied("unknown user") from None
    if not user.active:
        raise PermissionDenied("user %(name)r is disabled", name=user.name)
    return user


def viewer(conn: Connection, user_id: int | None) -> User | None:
    """The user on whose behalf a read runs; None (the system: CLI, jobs) sees everything."""
    return None if user_id is None else acting_user(conn, user_id)


def may_see(user: User | None, article: Article) -> bool:
    """Whether the user may read or change the article: the system and admins see every
    desk, everyone else the desks they belong to."""
    return user is None or user.role.can_manage or article.desk in user.desks


def visible_desks(user: User | None) -> tuple[str, ...] | None:
    """The desks whose articles the user sees, for filtering lists; None means all."""
    return None if user is None or user.role.can_manage else user.desks


def visible_article(conn: Connection, ref: str | int, user: User | None) -> Article:
    """The article by id or slug; NotFound, as for a missing one, if the user may not see it."""
    return _seen(articles.find_article(conn, ref), ref, user)


def _seen(article: Article, ref: str | int, user: User | None) -> Article:
    """``article`` if ``user`` may see it; else NotFound, as for one that does not exist."""
    if not may_see(user, article):
        raise articles.article_not_found(ref)
    return article


def note_text(text: str, empty: Message, *, field: str) -> str:
    """A note a person writes (a comment, a reason): stripped and cleaned, at most
    ``MAX_NOTE`` characters; BadInput with the message ``empty`` when nothing is left."""
    text = text.strip()
    if not text:
        raise BadInput(empty, field=field)
    return clean_text(text, field=field, limit=MAX_NOTE)


DESK_NAME = re.compile(r"[a-z0-9-]{2,40}")


def desk_name(name: str, *, field: str = "desk") -> str:
    """A desk (newsroom section) name: 2–40 lower-case letters, digits and dashes."""
    name = name.strip()
    if not DESK_NAME.fullmatch(name):
        raise BadInput(
            "desk %(name)r must be 2–40 lower-case letters, digits and dashes",
            name=name,
            field=field,
        )
    return name


def desk_names(names: str | Iterable[str], *, field: str = "desks") -> tuple[str, ...]:
    """Desk names from ``"news,sports"`` or a sequence: validated, duplicates dropped,
    at least one."""
    items = names.split(",") if isinstance(names, str) else list(names)
    out: list[str] = []
    for item in items:
        if item.strip():
            name = desk_name(item, field=field)
            if name not in out:
                out.append(name)
    if not out:
        raise BadInput("name at least one desk", field=field)
    return tuple(out)


def require_reviewer(user: User) -> None:
    if not user.role.can_review:
        raise PermissionDenied(
            "%(name)r is a %(value)s; only editors may review",
            name=user.name,
            value=user.role.value,
        )


def acting_editor(conn: Connection, user_id: int) -> User:
    """:func:`acting_user`, who must be an editor (or an administrator)."""
    user = acting_user(conn, user_id)
    require_reviewer(user)
    return user


def require_desk_member(user: User, section: str) -> None:
    """Only a member of ``section`` (or an administrator) brings articles onto that desk."""
    if not user.role.can_manage and section not in user.desks:
        raise PermissionDenied(
            "%(name)r does not work on the %(section)r desk", name=user.name, section=section
        )


def target(
    conn: Connection,
    ref: str | int,
    locale: str,
    *,
    create: bool = False,
    allowed: Sequence[str] | None = None,
) -> Target:
    """The article × target locale for the system (jobs, CLI): every desk is visible."""
    return visible_target(conn, ref, locale, None, create=create, allowed=allowed)


def visible_target(
    conn: Connection,
    ref: str | int,
    locale: str,
    user: User | None,
    *,
    create: bool = False,
    allowed: Sequence[str] | None = None,
) -> Target:
    """The article × target locale as the user may see it; NotFound unless it exists (or
    ``create`` is set) and the article is on one of the user's desks (None: the system).

    Every service that brings text into a translation passes ``allowed``, the settings'
    target locales (``TRANSDESK_TARGET_LOCALES``): the locale must then be one of them and
    not the original's language nor a variant of it, or BadInput names it and the allowed
    ones. Only such a write may ``create`` the article × locale.
    """
    if create and allowed is None:
        raise ValueError("only a write that names the allowed target locales may create one")
    lang = parse_locale(locale)
    article, loc_id = articles.find_article_in(conn, ref, lang)
    _seen(article, ref, user)
    if allowed is not None:
        asked, lang = lang, target_locale(lang, allowed=allowed, source=article.locale)
        if lang != asked:
            loc_id = localizations.localization_id(conn, article.id, lang)
    elif lang == article.locale:
        raise BadInput(
            "%(lang)r is the original's locale, not a target locale", lang=lang, field="locale"
        )
    if loc_id is not None:
        return Target(article=article, locale=lang, localization_id=loc_id)
    if not create:
        raise NotFound(
            "article %(slug)r has no %(lang)r translation yet", slug=article.slug, lang=lang
        )
    loc_id = localizations.ensure_localization(conn, article.id, lang, article.created_at)
    return Target(article=article, locale=lang, localization_id=loc_id)


class AuditAbout(TypedDict):
    """Who acted on which article × locale: the columns :func:`audit.audit` takes for it."""

    user_id: int | None
    article_id: int | None
    locale: str | None


def audit_about(t: Target, user: User) -> AuditAbout:
    """The audit entry's columns for an act ``user`` did on the article × locale ``t``."""
    return {"user_id": user.id, "article_id": t.article.id, "locale": t.locale}


def audit_transition(
    conn: Connection,
    t: Target,
    event: Transition[Any],
    *,
    user_id: int,
    now: datetime,
    batch: str | None = None,
) -> None:
    """The audit entry of a state change a person made to ``t`` (``batch``: one bulk act)."""
    audit.audit(
        conn,
        now=now,
        user_id=user_id,
        article_id=t.article.id,
        locale=t.locale,
        batch=batch,
        **event.audit(),
    )
