"""QA dismissals: the ``qa_dismissals`` table.

A dismissal of a warning holds for the translation's version it was made on: once the
text changes, the warning counts again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, and_, insert, select

from workflow.store.rows import record
from workflow.store.tables import qa_dismissals, segments, translations, users


@dataclass(frozen=True)
class DismissalRecord:
    """A dismissed warning: which segment and check, on which version, by whom and why."""

    id: int
    translation_id: int
    key: str
    check_id: str
    version: int
    reason: str
    user_id: int | None
    user_name: str | None
    created_at: datetime


def dismissals(conn: Connection, loc_id: int) -> dict[tuple[str, str], DismissalRecord]:
    """(segment key, check id) → the dismissal valid for the translation's current version."""
    rows = conn.execute(
        select(qa_dismissals, segments.c.key, users.c.name.label("user_name"))
        .join(translations, translations.c.id == qa_dismissals.c.translation_id)
        .join(segments, segments.c.id == translations.c.segment_id)
        .outerjoin(users, users.c.id == qa_dismissals.c.user_id)
        .where(
            and_(
                translations.c.localization_id == loc_id,
                qa_dismissals.c.version == translations.c.version,
            )
        )
    )
    return {(r.key, r.check_id): record(DismissalRecord, r) for r in rows}


def insert_dismissal(
    conn: Connection,
    *,
    translation_id: int,
    check_id: str,
    version: int,
    reason: str,
    user_id: int,
    now: datetime,
) -> None:
    conn.execute(
        insert(qa_dismissals).values(
            translation_id=translation_id,
            check_id=check_id,
            version=version,
            reason=reason,
            user_id=user_id,
            created_at=now,
        )
    )
