"""Writing aligned text into translations: shared by pairing and the alignment review."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from workflow import states
from workflow.errors import BadInput, InvalidTransition, Message
from workflow.model import SegmentedArticle, SegmentKind
from workflow.states import Action, SegmentState, Transition
from workflow.store import translations
from workflow.text.clean import text_problem


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
    action: Action,
) -> FillOutcome:
    """Set each key's aligned text as TRANSLATED (EMPTY if ""), with a revision, where it changes.

    A segment whose text is already the aligned one keeps its state (an approved pair
    stays approved); a segment a person edited (``origin="human"``) is never overwritten.
    ``changed_by`` becomes the translation's last editor: whoever brought the text in (the
    editor who paired the translation or re-aligned it by hand), so that four-eyes has
    another editor approve it; None only when the system paired it. ``actor`` is who the
    revision names.

    A text that would be written is checked like any other (``workflow.text.clean``): joined
    sentences longer than ``MAX_TEXT`` raise BadInput naming the segment, nothing written.
    """
    kept = 0
    changes: list[tuple[translations.TranslationRecord, dict[str, Any], str | None]] = []
    for row in translations.translation_rows(conn, loc_id, lock=True):
        if row.key not in fills:
            continue
        text, confidence = fills[row.key]
        if row.text == text or row.origin == "human":
            kept += 1
            continue
        problem = text_problem(text)
        if problem is not None:
            raise BadInput("the aligned text: %(problem)s", problem=problem, field=row.key)
        event = states.fill(SegmentState(row.state), text, key=row.key, by=action)
        values = {
            "text": text,
            "state": int(event.state),
            "confidence": confidence,
            "origin": "aligned",
            "updated_by": changed_by,
            "updated_at": now,
            "approved_by": None,
            "approved_at": None,
            "rejected_reason": None,
        }
        changes.append(
            (
                row,
                values,
                Message("confidence %(confidence)s", confidence=format(confidence, ".2f")),
            )
        )
    if not translations.change_translations(
        conn, changes, action=action.value, user_id=actor, now=now
    ):
        # cannot happen while the rows are locked
        raise InvalidTransition("a segment changed meanwhile; pair again")
    filled = len(changes)
    return FillOutcome(filled=filled, kept=kept)


def write_fill(
    conn: Connection,
    row: translations.TranslationRecord,
    event: Transition[SegmentState],
    text: str,
    *,
    origin: str,
    user_id: int | None,
    now: datetime,
    note: str,
    **extra: Any,
) -> bool:
    """Write a text filled in by a machine (``states.fill``'s ``event``), ``user_id`` its
    author, with its revision; ``extra`` are more columns to set. False, with nothing
    written, when someone else changed the row since it was read."""
    return translations.change_translation(
        conn,
        row,
        {
            "text": text,
            "state": int(event.state),
            "origin": origin,
            "updated_by": user_id,
            "updated_at": now,
            **extra,
        },
        action=event.action.value,
        user_id=user_id,
        now=now,
        note=note,
    )


def paragraph_starts(article: SegmentedArticle) -> list[int]:
    """Indices of the body sentences that start a paragraph."""
    return starts_of([s.paragraph for s in article.segments if s.kind is SegmentKind.BODY])


def starts_of(paragraphs: Sequence[int | None]) -> list[int]:
    """Indices where the paragraph number changes: the sentences that start a paragraph."""
    return [i for i, p in enumerate(paragraphs) if i == 0 or p != paragraphs[i - 1]]
