"""Store tests run the store's functions on a real, migrated database (SQLite, or a
PostgreSQL schema of the test's own) with no service in between."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from workflow.model import ArticleMeta, SegmentDraft, SegmentKind
from workflow.services import Context
from workflow.store import Database, articles, localizations

NOW = datetime(2024, 4, 28, 9, 30, tzinfo=UTC)

SENTENCES = ("첫 문장이다.", "둘째 문장이다.", "셋째 문장이다.")


@dataclass(frozen=True)
class Stored:
    """An article with a title and three body sentences, and its English localization."""

    db: Database
    article_id: int
    loc_id: int


def add_article(db: Database, slug: str = "a", *, desk: str = "news", locale: str = "en") -> Stored:
    drafts = [SegmentDraft(SegmentKind.TITLE, "제목")] + [
        SegmentDraft(SegmentKind.BODY, text, 1, n) for n, text in enumerate(SENTENCES, 1)
    ]
    with db.transaction() as conn:
        article_id = articles.insert_article(
            conn,
            slug=slug,
            locale="ko",
            fmt="json",
            meta=ArticleMeta(title="제목"),
            layout=(),
            now=NOW,
            desk=desk,
        )
        articles.insert_segments(conn, article_id, drafts)
        loc_id = localizations.ensure_localization(conn, article_id, locale, NOW)
    return Stored(db=db, article_id=article_id, loc_id=loc_id)


@pytest.fixture
def db(ctx: Context) -> Database:
    return ctx.db


@pytest.fixture
def stored(db: Database) -> Stored:
    return add_article(db)
