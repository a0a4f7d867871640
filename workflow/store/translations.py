"""Translations with their history and threads: the ``translations``, ``revisions`` and
``comments`` tables.

A translation is a segment × target locale with a ``version``. Every change is a
compare-and-set on that version (``UPDATE … WHERE id = ? AND version = ?``): when another
transaction changed the row first, nothing is written and the caller is told (False), so a
save never overwrites what it did not see. Each change appends a revision (the text and
state at the new version). Writers that change what they read pass ``lock=True``
(``FOR UPDATE OF translations`` on PostgreSQL, in segment order).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, Select, and_, bindparam, false, insert, select, update

from workflow.errors import NotFound
from workflow.states import SegmentState
from workflow.store.rows import record
from workflow.store.tables import comments, revisions, segments, translations, users


@dataclass(frozen=True, slots=True)  # slots: a pairing reads tens of thousands at once
class TranslationRecord:
    """A translation as a write reads it: what a compare-and-set and its revision need,
    with the segment's key and source. ``updated_by`` is the last editor's user id (None:
    the system)."""

    id: int
    key: str
    source: str
    text: str
    state: SegmentState
    version: int
    origin: str | None
    updated_by: int | None


@dataclass(frozen=True)
class RevisionRecord:
    """A translation's text and state at one version, who made it and why."""

    id: int
    translation_id: int
    version: int
    text: str
    state: SegmentState
    action: str
    user_id: int | None
    user_name: str | None
    note: str | None
    created_at: datetime


@dataclass(frozen=True)
class Comment:
    """A comment in a segment's thread: the segment's key, the author's name, when."""

    key: str
    user: str | None
    body: str
    at: datetime


def _translation(r: Row[Any]) -> TranslationRecord:
    # Unpacked in the order of _with_segment's columns: faster than attribute access by
    # name over the tens of thousands of rows of a pairing.
    id_, key, source, text, state, version, origin, updated_by = tuple(r)
    return TranslationRecord(
        id_, key, source, text, SegmentState(state), version, origin, updated_by
    )


def _with_segment() -> Select[Any]:
    """The columns of a :class:`TranslationRecord`: a translation and its segment."""
    return select(
        translations.c.id,
        segments.c.key,
        segments.c.source,
        translations.c.text,
        translations.c.state,
        translations.c.version,
        translations.c.origin,
        translations.c.updated_by,
    ).join(segments, segments.c.id == translations.c.segment_id)


def translation_row(
    conn: Connection, loc_id: int, key: str, *, lock: bool = False
) -> TranslationRecord:
    """One segment's translation; ``lock`` holds the row (``FOR UPDATE``) until the commit.

    Write services that change a row they read pass ``lock=True``: on PostgreSQL a
    concurrent writer then waits instead of changing the row between the read and the
    compare-and-set (SQLite's write transaction already holds the whole database).
    """
    query = _with_segment().where(
        and_(translations.c.localization_id == loc_id, segments.c.key == key)
    )
    if lock:
        query = query.with_for_update(of=translations)
    row = conn.execute(query).first()
    if row is None:
        raise NotFound("no segment with key %(key)r in this article", key=key)
    return _translation(row)


def translation_rows(
    conn: Connection, loc_id: int, *, lock: bool = False
) -> list[TranslationRecord]:
    """The article's current translations in order; ``lock`` as in :func:`translation_row`."""
    query = (
        _with_segment()
        .where(and_(translations.c.localization_id == loc_id, segments.c.obsolete == false()))
        .order_by(segments.c.position)
    )
    if lock:
        query = query.with_for_update(of=translations)
    return [_translation(r) for r in conn.execute(query)]


def segment_translations(conn: Connection, segment_id: int) -> list[TranslationRecord]:
    """A segment's translations in every locale, locked (``FOR UPDATE``) for the caller's write."""
    query = (
        _with_segment()
        .where(translations.c.segment_id == segment_id)
        .with_for_update(of=translations)
    )
    return [_translation(r) for r in conn.execute(query)]


def update_translation(
    conn: Connection, translation_id: int, expected_version: int, values: dict[str, Any]
) -> bool:
    """Compare-and-set on ``version``: False, with nothing written, when the row is no longer
    at ``expected_version`` (someone else changed it first)."""
    result = conn.execute(
        update(translations)
        .where(
            and_(translations.c.id == translation_id, translations.c.version == expected_version)
        )
        .values(version=expected_version + 1, **values)
    )
    return result.rowcount == 1


def human_edit(text: str, state: int, user_id: int, now: datetime) -> dict[str, Any]:
    """The values of a person's edit: their text in ``state``, any approval or rejection gone."""
    return {
        "text": text,
        "state": state,
        "origin": "human",
        "updated_by": user_id,
        "updated_at": now,
        "approved_by": None,
        "approved_at": None,
        "rejected_reason": None,
    }


def change_translation(
    conn: Connection,
    row: TranslationRecord,
    values: dict[str, Any],
    *,
    action: str,
    user_id: int | None,
    now: datetime,
    note: str | None = None,
) -> bool:
    """Compare-and-set a translation read earlier, and record the revision.

    False, with nothing written, when someone else changed the row since it was read.
    """
    if not update_translation(conn, row.id, row.version, values):
        return False
    insert_revision(
        conn,
        translation_id=row.id,
        version=row.version + 1,
        text=values.get("text", row.text),
        state=SegmentState(values.get("state", row.state)),
        action=action,
        user_id=user_id,
        now=now,
        note=note,
    )
    return True


def change_translations(
    conn: Connection,
    changes: Sequence[tuple[TranslationRecord, dict[str, Any], str | None]],
    *,
    action: str,
    user_id: int | None,
    now: datetime,
) -> bool:
    """:func:`change_translation` for many rows read (and locked) earlier, as two batched
    statements: ``(row, values, note)`` each, every ``values`` with the same keys.

    False when a row was changed by someone else since it was read; the caller must then
    roll back (which rows is not known). A pairing of 20,000 sentences writes in well
    under a second this way, where one statement a row kept SQLite's write lock for ~25 s.
    """
    if not changes:
        return True
    names = list(changes[0][1])
    result = conn.execute(
        update(translations)
        .where(
            and_(translations.c.id == bindparam("_id"), translations.c.version == bindparam("_v"))
        )
        .values(version=bindparam("_next"), **{n: bindparam(f"set_{n}") for n in names}),
        [
            {"_id": row.id, "_v": row.version, "_next": row.version + 1}
            | {f"set_{n}": values[n] for n in names}
            for row, values, _ in changes
        ],
    )
    if result.rowcount != len(changes):
        return False
    conn.execute(
        insert(revisions),
        [
            {
                "translation_id": row.id,
                "version": row.version + 1,
                "text": values.get("text", row.text),
                "state": int(values.get("state", row.state)),
                "action": action,
                "user_id": user_id,
                "note": note,
                "created_at": now,
            }
            for row, values, note in changes
        ],
    )
    return True


# --- revisions --------------------------------------------------------------------------


def insert_revision(
    conn: Connection,
    *,
    translation_id: int,
    version: int,
    text: str,
    state: SegmentState,
    action: str,
    user_id: int | None,
    now: datetime,
    note: str | None = None,
) -> None:
    conn.execute(
        insert(revisions).values(
            translation_id=translation_id,
            version=version,
            text=text,
            state=int(state),
            action=action,
            user_id=user_id,
            note=note,
            created_at=now,
        )
    )


def revisions_for(conn: Connection, translation_id: int) -> list[RevisionRecord]:
    """A translation's revisions, oldest first."""
    rows = conn.execute(
        select(revisions, users.c.name.label("user_name"))
        .outerjoin(users, users.c.id == revisions.c.user_id)
        .where(revisions.c.translation_id == translation_id)
        .order_by(revisions.c.id)
    )
    return [record(RevisionRecord, r, state=SegmentState(r.state)) for r in rows]


def revision_text(conn: Connection, translation_id: int, version: int) -> str | None:
    """The translation's text at ``version`` from its history; None if unknown."""
    if version == 0:
        return ""
    row = conn.execute(
        select(revisions.c.text).where(
            and_(revisions.c.translation_id == translation_id, revisions.c.version == version)
        )
    ).first()
    return None if row is None else str(row.text)


# --- comments ---------------------------------------------------------------------------


def insert_comment(
    conn: Connection, translation_id: int, user_id: int, body: str, now: datetime
) -> None:
    conn.execute(
        insert(comments).values(
            translation_id=translation_id, user_id=user_id, body=body, created_at=now
        )
    )


def comments_for(conn: Connection, loc_id: int) -> list[Comment]:
    """Every comment of an article × locale with its segment key, oldest first."""
    rows = conn.execute(
        select(comments, users.c.name.label("user_name"), segments.c.key)
        .join(translations, translations.c.id == comments.c.translation_id)
        .join(segments, segments.c.id == translations.c.segment_id)
        .outerjoin(users, users.c.id == comments.c.user_id)
        .where(translations.c.localization_id == loc_id)
        .order_by(comments.c.id)
    )
    return [record(Comment, r, user=r.user_name, at=r.created_at) for r in rows]
