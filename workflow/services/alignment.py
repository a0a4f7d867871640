"""Alignment review: the beads of a paired article × locale, and an editor's corrections."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from workflow.alignment.aligner import REVIEW_THRESHOLD
from workflow.alignment.beads import BeadOp, apply_op, check_beads, fills_from_beads
from workflow.errors import InvalidTransition, Message, NotFound, VersionConflict
from workflow.model import Bead, Segment, SegmentKind
from workflow.services.common import (
    Target,
    acting_editor,
    audit_about,
    viewer,
    visible_target,
)
from workflow.services.context import Context
from workflow.services.fills import FillOutcome, apply_fills
from workflow.states import Action
from workflow.store import articles, audit, localizations


@dataclass(frozen=True)
class AlignmentView:
    """Both sides' body sentences and the beads between them."""

    slug: str
    locale: str
    source_locale: str
    source: tuple[Segment, ...]
    target: tuple[str, ...]
    target_breaks: tuple[int, ...]
    beads: tuple[Bead, ...]
    revision: int
    threshold: float

    def flagged(self, bead: Bead) -> bool:
        """Whether a bead needs a person's look (confidence under the threshold)."""
        return bead.confidence < self.threshold


@dataclass(frozen=True)
class AlignmentEdit:
    view: AlignmentView
    outcome: FillOutcome


def alignment_view(
    ctx: Context, ref: str | int, locale: str, *, user_id: int | None = None
) -> AlignmentView:
    with ctx.db.transaction(write=False) as conn:
        return _view(conn, visible_target(conn, ref, locale, viewer(conn, user_id)))


def edit_alignment(
    ctx: Context,
    ref: str | int,
    locale: str,
    op: BeadOp | str,
    index: int,
    *,
    user_id: int,
    revision: int | None = None,
) -> AlignmentEdit:
    """Merge, split or move sentences between beads; the translations follow.

    Segments whose aligned text changes become TRANSLATED with this editor as their last
    editor (so another person approves them); a translator's own edits are kept.
    ``revision`` binds the edit to the alignment the editor saw.
    """
    now = ctx.clock()
    with ctx.db.transaction() as conn:
        user = acting_editor(conn, user_id)
        t = visible_target(conn, ref, locale, user)
        view = _view(conn, t)
        if revision is not None and revision != view.revision:
            raise VersionConflict(
                "the alignment changed since you loaded it; reload to see the current beads",
                current_text="",
                current_version=view.revision,
            )
        beads = apply_op(view.beads, op, index)
        check_beads(beads, len(view.source), len(view.target))
        keys = [s.key for s in view.source]
        # A source sentence left without target text (now 1-0, or the second of a 2-1)
        # loses the aligned text it had: it is the translator's to write.
        fills = dict.fromkeys(keys, ("", 1.0)) | fills_from_beads(beads, keys, view.target)
        localizations.set_beads(conn, t.localization_id, beads)
        outcome = apply_fills(
            conn,
            t.localization_id,
            fills,
            changed_by=user.id,
            actor=user.id,
            now=now,
            action=Action.REALIGN,
        )
        localizations.bump_revision(conn, t.localization_id)
        audit.audit(
            conn,
            action="realign",
            now=now,
            target=f"bead {index + 1}",
            detail=Message(
                "%(value)s: %(filled)s segments changed",
                value=BeadOp(op).value,
                filled=outcome.filled,
            ),
            **audit_about(t, user),
        )
        return AlignmentEdit(view=_view(conn, t), outcome=outcome)


def _view(conn: Connection, t: Target) -> AlignmentView:
    row = localizations.localization_row(conn, t.article.id, t.locale)
    assert row is not None
    if row.target_sentences is None:
        raise InvalidTransition(
            "%(slug)s (%(locale)s) was not paired with a published translation; "
            "there is no alignment to review",
            slug=t.article.slug,
            locale=t.locale,
        )
    body = tuple(
        s for _, s in articles.article_segments(conn, t.article.id) if s.kind is SegmentKind.BODY
    )
    beads = row.beads
    if not beads and (body or row.target_sentences):
        raise NotFound(
            "%(slug)s (%(locale)s) has no alignment", slug=t.article.slug, locale=t.locale
        )
    return AlignmentView(
        slug=t.article.slug,
        locale=t.locale,
        source_locale=t.article.locale,
        source=body,
        target=tuple(row.target_sentences),
        target_breaks=tuple(row.target_breaks or ()),
        beads=beads,
        revision=int(row.revision),
        threshold=REVIEW_THRESHOLD,
    )
