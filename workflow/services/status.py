"""Where an article stands in every target locale: what the CMS polls."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from workflow.model import Article, LocalizedArticle
from workflow.services.common import viewer, visible_article
from workflow.services.context import Context
from workflow.states import SegmentState
from workflow.store import localizations


@dataclass(frozen=True)
class LocaleStatus:
    locale: str
    state: str
    revision: int
    published_at: datetime | None
    segments: int
    counts: dict[str, int]

    @classmethod
    def of(cls, la: LocalizedArticle) -> LocaleStatus:
        counts = la.counts()
        return cls(
            locale=la.locale,
            state=la.state.value,
            revision=la.revision,
            published_at=la.published_at,
            segments=len(la.entries),
            counts={s.label: counts[s] for s in SegmentState},
        )


@dataclass(frozen=True)
class ArticleStatus:
    article: Article
    translations: tuple[LocaleStatus, ...]


def article_status(ctx: Context, ref: str | int, *, user_id: int | None = None) -> ArticleStatus:
    """The article and the state of each of its translations, in one read."""
    with ctx.db.transaction(write=False) as conn:
        article = visible_article(conn, ref, viewer(conn, user_id))
        return ArticleStatus(
            article=article,
            translations=tuple(
                LocaleStatus.of(localizations.localized_article(conn, article, locale))
                for locale in localizations.localization_locales(conn, article.id)
            ),
        )
