"""QA dismissals and overrides (``qa_dismissals``) and per-desk check settings
(``desk_checks``).

A dismissal of a warning, or an override of an error, holds for the text it was made on
(its digest; rows made before the digest was kept hold for their version): once the text
changes, the finding counts again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, delete, insert, select

from workflow.store.rows import record
from workflow.store.tables import desk_checks, qa_dismissals, segments, translations, users


def text_hash(text: str) -> str:
    """The digest a dismissal keeps of the text it was made on."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


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
        select(
            qa_dismissals,
            segments.c.key,
            users.c.name.label("user_name"),
            translations.c.text.label("current_text"),
            translations.c.version.label("current_version"),
        )
        .join(translations, translations.c.id == qa_dismissals.c.translation_id)
        .join(segments, segments.c.id == translations.c.segment_id)
        .outerjoin(users, users.c.id == qa_dismissals.c.user_id)
        .where(translations.c.localization_id == loc_id)
        .order_by(qa_dismissals.c.id)
    )
    out: dict[tuple[str, str], DismissalRecord] = {}
    digests: dict[str, str] = {}
    for r in rows:
        if r.text_hash is not None:
            current = digests.get(r.key)
            if current is None:
                current = digests[r.key] = text_hash(r.current_text)
            holds = r.text_hash == current
        else:
            holds = r.version == r.current_version
        if holds:
            out[r.key, r.check_id] = record(DismissalRecord, r)  # the latest one wins
    return out


def insert_dismissal(
    conn: Connection,
    *,
    translation_id: int,
    check_id: str,
    version: int,
    reason: str,
    user_id: int,
    now: datetime,
    text: str | None = None,
) -> None:
    conn.execute(
        insert(qa_dismissals).values(
            translation_id=translation_id,
            check_id=check_id,
            version=version,
            reason=reason,
            user_id=user_id,
            created_at=now,
            text_hash=None if text is None else text_hash(text),
        )
    )


@dataclass(frozen=True)
class DeskCheckRecord:
    """A desk's setting for one check: whether it runs and at which severity."""

    desk: str
    check_id: str
    enabled: bool
    severity: str


def desk_check_settings(conn: Connection, desk: str) -> dict[str, DeskCheckRecord]:
    """check id → the desk's setting for it; checks without a row run as they are."""
    rows = conn.execute(select(desk_checks).where(desk_checks.c.desk == desk))
    return {r.check_id: record(DeskCheckRecord, r) for r in rows}


def replace_desk_checks(
    conn: Connection,
    desk: str,
    settings: list[tuple[str, bool, str]],
    *,
    user_id: int,
    now: datetime,
) -> None:
    """The desk's settings become ``settings`` ((check id, enabled, severity) each)."""
    conn.execute(delete(desk_checks).where(desk_checks.c.desk == desk))
    if settings:
        conn.execute(
            insert(desk_checks),
            [
                {
                    "desk": desk,
                    "check_id": check_id,
                    "enabled": enabled,
                    "severity": severity,
                    "updated_by": user_id,
                    "updated_at": now,
                }
                for check_id, enabled, severity in settings
            ],
        )
