"""Helpers shared by the use cases: looking up the acting user and the article × locale."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from workflow.errors import BadInput, NotFound, PermissionDenied
from workflow.locales import parse_locale
from workflow.model import Article, User
from workflow.store import repo


@dataclass(frozen=True)
class Target:
    """An article × target locale as the services need it."""

    article: Article
    locale: str
    localization_id: int


def acting_user(conn: Connection, user_id: int) -> User:
    """The active user doing the action; a disabled one may do nothing."""
    try:
        user = repo.user_by_id(conn, user_id)
    except NotFound:
        raise PermissionDenied("unknown user") from None
    if not user.active:
        raise PermissionDenied(f"user {user.name!r} is disabled")
    return user


def require_reviewer(user: User) -> None:
    if not user.role.can_review:
        raise PermissionDenied(f"{user.name!r} is a {user.role.value}; only editors may review")


def target(conn: Connection, ref: str | int, locale: str, *, create: bool = False) -> Target:
    """The article × target locale; NotFound unless it exists or ``create`` is set."""
    lang = parse_locale(locale)
    article = repo.find_article(conn, ref)
    if lang == article.locale:
        raise BadInput(f"{lang!r} is the original's locale, not a target locale", field="locale")
    row = repo.localization_row(conn, article.id, lang)
    if row is not None:
        return Target(article=article, locale=lang, localization_id=int(row.id))
    if not create:
        raise NotFound(f"article {article.slug!r} has no {lang!r} translation yet")
    loc_id = repo.ensure_localization(conn, article.id, lang, article.created_at)
    return Target(article=article, locale=lang, localization_id=loc_id)
