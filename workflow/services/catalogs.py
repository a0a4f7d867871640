"""Catalog round trips: download in PO or XLIFF, upload with a three-way merge."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from workflow import states
from workflow.catalog.formats import catalog_formats, export_as, read_as
from workflow.catalog.merge import Change, Conflict, MergeReport, ServerEntry, merge
from workflow.errors import BadInput, Message
from workflow.model import Segment
from workflow.services.common import acting_user, audit_about, viewer, visible_target
from workflow.services.context import Context
from workflow.services.publishing import Export
from workflow.states import Action, SegmentState
from workflow.store import articles, audit, localizations, translations
from workflow.text.clean import file_name

MAX_UPLOAD = 5_000_000


@dataclass(frozen=True)
class UploadResult:
    """What an upload did; ``report`` is the merge with late conflicts folded in;
    ``segments``: the article's segments by key when there are conflicts, so that the report
    names them as people do."""

    report: MergeReport
    format: str
    segments: Mapping[str, Segment] = field(default_factory=dict)


def export_catalog_as(
    ctx: Context, ref: str | int, locale: str, fmt: str = "po", *, user_id: int | None = None
) -> Export:
    """The article × locale as a PO, XLIFF 2.0 or XLIFF 1.2 file, carrying what a merge needs."""
    formats = catalog_formats(generator=ctx.settings.generator)
    catalog_format = formats.get(fmt)
    with ctx.db.transaction(write=False) as conn:
        t = visible_target(conn, ref, locale, viewer(conn, user_id))
        la = localizations.localized_article(conn, t.article, t.locale)
    return Export(
        filename=catalog_format.filename(la),
        media_type=catalog_format.media_type,
        data=export_as(la, fmt, formats=formats),
    )


def import_catalog(
    ctx: Context,
    ref: str | int,
    locale: str,
    data: bytes,
    *,
    source: str,
    user_id: int,
    fmt: str | None = None,
) -> UploadResult:
    """Merge an uploaded catalog: base (as downloaded), server (now), upload.

    Changed only in the upload → applied (an approved segment changed needs approval
    again); changed only on the server → kept; changed on both → a conflict, nothing
    applied for it. A bad file applies nothing. The uploader is the author of what is
    applied (four-eyes: another editor approves it). The file is read and checked before
    the write transaction, which only merges and writes.
    """
    source = file_name(source)
    formats = catalog_formats(generator=ctx.settings.generator)
    allowed = ctx.settings.target_locales
    with ctx.db.transaction(write=False) as conn:  # 404 or a refused locale before the file
        t = visible_target(conn, ref, locale, acting_user(conn, user_id), allowed=allowed)
    upload = read_as(
        data, fmt, source=source, locale=t.locale, max_bytes=MAX_UPLOAD, formats=formats
    )
    if upload.article is not None and upload.article != t.article.slug:
        raise BadInput(
            "this catalog is for article %(article)r, not %(slug)r",
            article=upload.article,
            slug=t.article.slug,
            source=source,
        )
    now = ctx.clock()
    with ctx.db.transaction() as conn:
        user = acting_user(conn, user_id)
        t = visible_target(conn, t.article.id, t.locale, user, allowed=allowed)
        rows = {r.key: r for r in translations.translation_rows(conn, t.localization_id, lock=True)}
        server = {
            key: ServerEntry(
                key=key,
                source=r.source,
                text=r.text,
                state=SegmentState(r.state),
                version=r.version,
            )
            for key, r in rows.items()
        }

        def base_text(key: str, version: int) -> str | None:
            return translations.revision_text(conn, rows[key].id, version)

        report = merge(upload.entries, server, base_text)
        applied: list[Change] = []
        late: list[Conflict] = []
        for change in report.changes:
            row = rows[change.key]
            event = states.fill(
                SegmentState(row.state),
                change.text,
                key=change.key,
                by=Action.UPLOAD,
                fuzzy=change.state is SegmentState.NEEDS_EDIT,
            )
            ok = translations.update_translation(
                conn,
                row.id,
                change.expected_version,
                translations.human_edit(change.text, int(event.state), user.id, now),
            )
            if not ok:  # saved by someone else since we read it
                current = translations.translation_row(conn, t.localization_id, change.key)
                late.append(
                    Conflict(
                        key=change.key,
                        base=row.text,
                        server=current.text,
                        upload=change.text,
                        server_version=current.version,
                    )
                )
                continue
            translations.insert_revision(
                conn,
                translation_id=row.id,
                version=change.expected_version + 1,
                text=change.text,
                state=event.state,
                action=event.action.value,
                user_id=user.id,
                now=now,
                note=source,
            )
            applied.append(change)
        if applied:
            localizations.bump_revision(conn, t.localization_id)
        final = MergeReport(
            changes=tuple(applied),
            unchanged=report.unchanged,
            conflicts=report.conflicts + tuple(late),
            unknown=report.unknown,
        )
        audit.audit(
            conn,
            action="upload",
            now=now,
            detail=Message(
                "%(src)s (%(format)s): %(n_applied)s applied, %(unchanged)s unchanged, "
                "%(n_conflicts)s conflicts, %(n_unknown)s unknown",
                src=source,
                format=upload.format,
                n_applied=len(applied),
                unchanged=final.unchanged,
                n_conflicts=len(final.conflicts),
                n_unknown=len(final.unknown),
            ),
            **audit_about(t, user),
        )
        places = articles.segments_by_key(conn, t.article.id) if final.conflicts else {}
        return UploadResult(report=final, format=upload.format, segments=places)
