"""A corrected original: re-import it the way msgmerge merges a new template."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection

from workflow import states
from workflow.catalog.corrections import Add, Edit, Keep, plan_update
from workflow.errors import InvalidTransition, Message
from workflow.services.articles import segment_file
from workflow.services.common import viewer, visible_article
from workflow.services.context import Context
from workflow.states import SegmentState
from workflow.store import articles, audit, localizations, translations


@dataclass(frozen=True)
class CorrectionResult:
    article: int
    slug: str
    kept: int
    edited: int
    added: int
    removed: int
    needs_update: tuple[str, ...]  # published locales that now need an update


def update_article(
    ctx: Context,
    ref: str | int,
    data: bytes,
    *,
    source: str,
    format: str | None = None,
    user_id: int | None = None,
) -> CorrectionResult:
    """Re-import a corrected original.

    An unchanged sentence keeps its key, translations and states; an edited one keeps
    its key, its translations become NEEDS_EDIT with the previous source kept (PO
    ``#| msgid``); a new sentence gets a new key and EMPTY translations; a removed one
    leaves the article and stays in the catalogs as obsolete. A published translation
    becomes "needs update".

    The file is read and segmented, and the update planned, outside the write transaction
    (on SQLite a write transaction stops every other writer); the write transaction checks
    that the stored segments are still those planned from, or raises InvalidTransition.
    """
    with ctx.db.transaction(write=False) as conn:
        article = visible_article(conn, ref, viewer(conn, user_id))
        old = articles.article_segments(conn, article.id)
        reserved = articles.obsolete_keys(conn, article.id)
    # a correction without a headline (plain text) keeps the article's title
    new = segment_file(
        ctx,
        data,
        source=source,
        locale=article.locale,
        format=format,
        fallback_title=article.meta.title,
    )
    plan = plan_update([s for _, s in old], new.segments, reserved=reserved)
    now = ctx.clock()
    with ctx.db.transaction() as conn:
        article = visible_article(conn, article.id, viewer(conn, user_id))
        if (
            articles.article_segments(conn, article.id) != old
            or articles.obsolete_keys(conn, article.id) != reserved
        ):
            raise InvalidTransition(
                "the original of %(slug)r changed while the correction was being read; "
                "nothing was updated: import the correction again",
                slug=article.slug,
            )
        for position, item in enumerate(plan.items):
            if isinstance(item, Keep):
                articles.place_segment(conn, article.id, item.key, item.draft, position)
            elif isinstance(item, Edit):
                seg_id = articles.place_segment(
                    conn,
                    article.id,
                    item.key,
                    item.draft,
                    position,
                    source=item.draft.text,
                    previous_source=item.previous_source,
                )
                for row in translations.segment_translations(conn, seg_id):
                    if row.text:
                        _needs_edit(conn, row, item.key, user_id, now, item.previous_source)
            elif isinstance(item, Add):
                articles.add_segment(conn, article.id, item.key, item.draft, position)
        for offset, removed in enumerate(plan.removed):
            articles.retire_segment(conn, article.id, removed.key, len(plan.items) + offset)
        articles.update_article_meta(conn, article.id, new.meta, new.layout)
        stale: list[str] = []
        if plan.changed:
            for loc_id, locale, published in localizations.localization_ids(conn, article.id):
                localizations.bump_revision(conn, loc_id)
                if published:
                    localizations.mark_needs_update(conn, loc_id)
                    stale.append(locale)
        summary = plan.summary()
        audit.audit(
            conn,
            action="update",
            now=now,
            user_id=user_id,
            article_id=article.id,
            detail=Message(
                "%(src)s: %(kept)s kept, %(edited)s edited, %(added)s added, %(removed)s removed",
                src=source,
                kept=summary["kept"],
                edited=summary["edited"],
                added=summary["added"],
                removed=summary["removed"],
            ),
        )
        return CorrectionResult(
            article=article.id,
            slug=article.slug,
            needs_update=tuple(stale),
            **summary,
        )


def _needs_edit(
    conn: Connection,
    row: translations.TranslationRecord,
    key: str,
    user_id: int | None,
    now: datetime,
    previous: str,
) -> None:
    """The source under a translation changed: it needs a translator's look (fuzzy)."""
    event = states.source_changed(SegmentState(row.state), key=key)
    ok = translations.change_translation(
        conn,
        row,
        {"state": int(event.state), "approved_by": None, "approved_at": None},
        action=event.action.value,
        user_id=user_id,
        now=now,
        note=Message("was: %(previous)s", previous=previous),
    )
    if not ok:  # cannot happen while the row is locked
        raise InvalidTransition(
            "segment %(id)s changed meanwhile; import the correction again", id=row.id
        )
