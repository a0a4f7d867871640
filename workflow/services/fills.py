"""Writing aligned text into translations: shared by pairing and the alignment review."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection

from workflow.errors import InvalidTransition
from workflow.model import SegmentedArticle, SegmentKind
from workflow.states import SegmentState
from workflow.store import repo


@dataclass(frozen=True)
class FillOutcome:
    filled: int  # segments whose text was set or changed
    kept: int  # segments left as they were (same text, or a person's own edit)


def apply_fills(
    conn: Connection,
    loc_id: int,
    fills: Mapping[str, tuple[str, float]],
    *,
    changed_by: int | None,
    actor: int | None,
    now: datetime,
    action: str,
) -> FillOutcome:
    """Set each key's aligned text as TRANSLATED (EMPTY if ""), with a revision, where it changes.

    A segment whose text is already the aligned one keeps its state (an approved pair
    stays approved); a segment a person edited (``origin="human"``) is never overwritten.
    ``changed_by`` becomes the translation's last editor (None for the aligner, so any
    editor may approve; the editor who re-aligned by hand, so four-eyes applies);
    ``actor`` is who the revision names.
    """
    filled = kept = 0
    for row in repo.translation_rows(conn, loc_id, lock=True):
        if row.key not in fills:
            continue
        text, confidence = fills[row.key]
        if row.text == text or row.origin == "human":
            kept += 1
            continue
        state = SegmentState.TRANSLATED if text else SegmentState.EMPTY
        ok = repo.change_translation(
            conn,
            row,
            {
                "text": text,
                "state": int(state),
                "confidence": confidence,
                "origin": "aligned",
                "updated_by": changed_by,
                "updated_at": now,
                "approved_by": None,
                "approved_at": None,
                "rejected_reason": None,
            },
            action=action,
            user_id=actor,
            now=now,
            note=f"confidence {confidence:.2f}",
        )
        if not ok:  # cannot happen while the rows are locked
            raise InvalidTransition(f"segment {row.key!r} changed meanwhile; pair again")
        filled += 1
    return FillOutcome(filled=filled, kept=kept)


def paragraph_starts(article: SegmentedArticle) -> list[int]:
    """Indices of the body sentences that start a paragraph."""
    return starts_of([s.paragraph for s in article.segments if s.kind is SegmentKind.BODY])


def starts_of(paragraphs: Sequence[int | None]) -> list[int]:
    """Indices where the paragraph number changes: the sentences that start a paragraph."""
    return [i for i, p in enumerate(paragraphs) if i == 0 or p != paragraphs[i - 1]]
