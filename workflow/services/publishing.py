"""Publishing and exports: catalogs any time, bundles only of what is published."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from workflow import states
from workflow.catalog.po import catalog_bytes, mo_bytes
from workflow.errors import ChecksBlock, InvalidTransition, Message, PublishBlocked
from workflow.export import bundle_bytes
from workflow.export.base import EditionExporter
from workflow.model import LocalizedArticle
from workflow.services.common import (
    acting_editor,
    audit_transition,
    viewer,
    visible_target,
)
from workflow.services.context import Context
from workflow.services.publications import Layout, complete_publication
from workflow.services.qa import article_qa, blocking
from workflow.services.webhooks import enqueue, record_publication
from workflow.states import LocalizationState, SegmentState
from workflow.store import inbox, localizations, publications

logger = logging.getLogger("workflow.publishing")


@dataclass(frozen=True)
class Export:
    """A file to hand out: its name, media type and bytes."""

    filename: str
    media_type: str
    data: bytes


def publish(ctx: Context, ref: str | int, locale: str, *, user_id: int) -> LocalizedArticle:
    """Publish an article × locale: every segment must be APPROVED, whatever the caller says.

    One transaction locks the translations and then the localization row (a save's order),
    checks every segment APPROVED and free of QA errors, marks exactly that revision
    published, and records the bytes of its files — the bundle, and the PO and MO identical
    to the bundle's — built from those locked rows in the publication outbox, with the
    webhook's. After the commit the files are put in place from the outbox
    (``services/publications.py``): ``<instance>/published/<slug>/<locale>/<slug>.<locale>.zip``
    and ``<instance>/locales/<locale>/LC_MESSAGES/<slug>.po|.mo``, all three switched at
    once. If that fails or the process dies, the next start or the periodic job finishes it.
    """
    now = ctx.clock()
    with ctx.db.transaction() as conn:
        user = acting_editor(conn, user_id)
        t = visible_target(conn, ref, locale, user)
        # Held until the commit: no save, approval or rejection can slip in between the
        # checks below and the files built from the same rows.
        revision = publications.lock_for_publish(conn, t.localization_id)
        before = localizations.localized_article(conn, t.article, t.locale)
        pending = sum(1 for e in before.entries if e.translation.state < SegmentState.APPROVED)
        if pending:
            raise PublishBlocked(
                "%(count)s of %(n_entries)s segments are not approved yet; only an "
                "approved translation can be published",
                count=pending,
                n_entries=len(before.entries),
                pending=pending,
            )
        blocked = blocking(article_qa(conn, ctx, before), ctx)
        if blocked:
            first = tuple(
                Message("%(key)s: %(finding)s", key=k, finding=v[0]) for k, v in blocked.items()
            )
            raise ChecksBlock(
                "%(count)s segments have QA errors: %(found)s",
                count=len(blocked),
                found=first,
                findings=blocked,
            )
        event = states.publish(
            before.state,
            what=f"{t.article.slug} ({t.locale})",
            note=Message("revision %(revision)s", revision=revision),
        )
        publications.mark_published(conn, t.localization_id, revision, user.id, now)
        inbox.close_assignments(conn, t.localization_id, now)
        audit_transition(conn, t, event, user_id=user.id, now=now)
        # The same locked rows, now with the publication time the bundle carries.
        after = localizations.localized_article(conn, t.article, t.locale)
        publication = publications.insert_publication(
            conn,
            t.localization_id,
            revision,
            bundle=_bundle(ctx, after).data,
            po=ctx.exporters.get("po").render(after),
            mo=ctx.exporters.get("mo").render(after),
            now=now,
        )
        delivery = record_publication(conn, ctx, after, published_by=user.name, now=now)
    enqueue(ctx, delivery)
    try:
        complete_publication(ctx, publication)
    except Exception:  # committed: the next start or the periodic job writes the files
        logger.exception("publication %s committed; its files will be written later", publication)
    return after


def export_catalog(
    ctx: Context, ref: str | int, locale: str, *, user_id: int | None = None
) -> Export:
    """The PO catalog of an article × locale, in whatever state it is."""
    la = _localized(ctx, ref, locale, user_id)
    return Export(
        filename=f"{la.article.slug}.{la.locale}.po",
        media_type="text/x-gettext-translation; charset=utf-8",
        data=catalog_bytes(la),
    )


def export_mo(ctx: Context, ref: str | int, locale: str, *, user_id: int | None = None) -> Export:
    """The compiled MO catalog of an article × locale."""
    la = _localized(ctx, ref, locale, user_id)
    return Export(
        filename=f"{la.article.slug}.{la.locale}.mo",
        media_type="application/x-gettext-translation",
        data=mo_bytes(la),
    )


def export_bundle(
    ctx: Context, ref: str | int, locale: str, *, user_id: int | None = None
) -> Export:
    """The zip bundle of a published article × locale; byte-identical on every export."""
    la = _localized(ctx, ref, locale, user_id)
    if la.state is not LocalizationState.PUBLISHED:
        raise InvalidTransition(
            "%(slug)s (%(locale)s) is %(value)s, not published; publish it before "
            "exporting its bundle",
            slug=la.article.slug,
            locale=la.locale,
            value=la.state.value,
        )
    return _bundle(ctx, la)


def preview_html(
    ctx: Context, ref: str | int, locale: str, *, user_id: int | None = None
) -> Export:
    """The article as it will be published: the bundle's ``article.html``, rendered by the
    same exporter, from the current translations (TRANSLATED or APPROVED; the rest shows its
    source text, marked untranslated), whatever the article's state."""
    la = _localized(ctx, ref, locale, user_id)
    html = ctx.exporters.get("html")
    if isinstance(html, EditionExporter):
        html = html.showing(SegmentState.TRANSLATED)
    return Export(filename=html.filename(la), media_type=html.media_type, data=html.render(la))


def published_folder(ctx: Context, slug: str, locale: str) -> Path:
    """Where the published files of an article × locale live (every web node reads it)."""
    return Layout(ctx.settings.instance, slug, locale).folder


def _bundle(ctx: Context, la: LocalizedArticle) -> Export:
    return Export(
        filename=f"{la.article.slug}.{la.locale}.zip",
        media_type="application/zip",
        data=bundle_bytes(la, ctx.exporters),
    )


def _localized(ctx: Context, ref: str | int, locale: str, user_id: int | None) -> LocalizedArticle:
    with ctx.db.transaction(write=False) as conn:
        t = visible_target(conn, ref, locale, viewer(conn, user_id))
        return localizations.localized_article(conn, t.article, t.locale)
