"""The day's edition (``transdesk edition export``): every published bundle of a KST day,
or of a list of articles, in one zip with an index; unpublished articles listed as missing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta, timezone

from workflow.errors import BadInput
from workflow.export.edition import EditionItem, edition_zip, reading_order
from workflow.services.common import require_reviewer, viewer, visible_article, visible_desks
from workflow.services.context import Context
from workflow.services.publishing import Export
from workflow.states import LocalizationState
from workflow.store import articles, localizations
from workflow.text.locales import parse_locale

__all__ = ["EditionExport", "export_edition"]

#: The newsroom's day: Korea Standard Time (no daylight saving).
KST = timezone(timedelta(hours=9), "KST")


@dataclass(frozen=True)
class EditionExport(Export):
    """The edition's zip, with what its index says: how many are in, which are missing."""

    published: int = 0
    missing: tuple[str, ...] = ()


def export_edition(
    ctx: Context,
    locale: str,
    *,
    day: date | None = None,
    refs: Sequence[str | int] = (),
    user_id: int | None = None,
) -> EditionExport:
    """The edition of ``day`` (articles whose original was posted that day in KST, or imported
    that day when it carries no time) or of the articles ``refs``, in ``locale``.

    Editors and the system only. Every article of the edition the user may see is in the
    index; those not published in ``locale`` are marked missing. Byte-identical on re-export.
    """
    lang = parse_locale(locale)
    if (day is None) == (not refs):
        raise BadInput("give either a date or article ids, not both and not neither")
    with ctx.db.transaction(write=False) as conn:
        user = viewer(conn, user_id)
        if user is not None:
            require_reviewer(user)
        if refs:
            chosen = {a.id: a for a in (visible_article(conn, r, user) for r in refs)}
            found = list(chosen.values())
        else:
            found = [
                a
                for a in articles.list_articles(conn, desks=visible_desks(user))
                if (a.meta.posted or a.created_at).astimezone(KST).date() == day
            ]
        items = []
        for article in found:
            if localizations.localization_row(conn, article.id, lang) is None:
                items.append(EditionItem(article, None, "none"))
                continue
            la = localizations.localized_article(conn, article, lang)
            published = la.state is LocalizationState.PUBLISHED
            items.append(EditionItem(article, la if published else None, la.state.value))
    label = day.isoformat() if day else "selection"
    data = edition_zip(
        items, locale=lang, label=label, day=day, exporters=ctx.exporters, timezone=KST
    )
    in_order = sorted(items, key=reading_order)
    return EditionExport(
        filename=f"edition-{label}.{lang}.zip",
        media_type="application/zip",
        data=data,
        published=sum(1 for i in items if i.localized is not None),
        missing=tuple(i.article.slug for i in in_order if i.localized is None),
    )
