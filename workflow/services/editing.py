"""The translator's save, and a segment's history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection

import workflow.services.notify as notify
from workflow import states
from workflow.errors import BadInput, Message, VersionConflict
from workflow.model import Segment, Translation, User
from workflow.services.common import Target, acting_user, audit_transition, viewer, visible_target
from workflow.services.context import Context
from workflow.states import Action, SegmentState
from workflow.store import articles, localizations, translations
from workflow.text.clean import clean_text
from workflow.text.diff import Chunk, word_diff


@dataclass(frozen=True)
class Revision:
    version: int
    text: str
    state: SegmentState
    action: str
    user: str | None
    note: str | None
    at: datetime
    diff: tuple[Chunk, ...] = ()  # from the previous revision's text


@dataclass(frozen=True)
class SegmentHistory:
    key: str
    source: str
    revisions: tuple[Revision, ...]
    segment: Segment | None = None  # where it stands in the article, for people to read


def save_translation(
    ctx: Context,
    ref: str | int,
    locale: str,
    key: str,
    text: str,
    *,
    user_id: int,
    expected_version: int | None = None,
) -> Translation:
    """Save a translation: TRANSLATED (EMPTY if blank), version + 1, a revision recorded.

    With ``expected_version`` the save only happens if nobody saved in between; otherwise
    :class:`VersionConflict` carries the stored text. A save clears any approval: the
    changed text needs another person's review.
    """
    now = ctx.clock()
    with ctx.db.transaction() as conn:
        user = acting_user(conn, user_id)
        t = visible_target(
            conn, ref, locale, user, create=True, allowed=ctx.settings.target_locales
        )
        row = translations.translation_row(conn, t.localization_id, key, lock=True)
        after = write_text(
            conn, t, row, user, text, now, action=Action.SAVE, expected_version=expected_version
        )
        mail = notify.ready_if_complete(conn, t, row.state, after, user, now) if after else []
        saved = localizations.entry(conn, t.localization_id, t.locale, key).translation
    notify.send_mail(ctx, mail)
    return saved


def revert_translation(
    ctx: Context,
    ref: str | int,
    locale: str,
    key: str,
    to_version: int,
    *,
    user_id: int,
    expected_version: int | None = None,
) -> Translation:
    """Bring back the text of an earlier revision; a revert is a new revision."""
    now = ctx.clock()
    with ctx.db.transaction() as conn:
        user = acting_user(conn, user_id)
        t = visible_target(conn, ref, locale, user, allowed=ctx.settings.target_locales)
        row = translations.translation_row(conn, t.localization_id, key, lock=True)
        old = next(
            (r for r in translations.revisions_for(conn, row.id) if r.version == to_version), None
        )
        if old is None:
            raise BadInput(
                "segment %(key)r has no version %(to_version)s",
                key=key,
                to_version=to_version,
                field="version",
            )
        write_text(
            conn,
            t,
            row,
            user,
            old.text,
            now,
            action=Action.REVERT,
            expected_version=expected_version,
            note=Message("to version %(to_version)s", to_version=to_version),
            field="to_version",  # an old text stored before characters were checked
        )
        return localizations.entry(conn, t.localization_id, t.locale, key).translation


def write_text(
    conn: Connection,
    t: Target,
    row: translations.TranslationRecord,
    user: User,
    text: str,
    now: datetime,
    *,
    action: Action,
    expected_version: int | None,
    note: str | None = None,
    field: str = "text",
    batch: str | None = None,
) -> SegmentState | None:
    """A person's text into a translation: TRANSLATED (EMPTY if blank), a revision, audit
    (with ``batch``, the audit entry is part of a bulk act). The new state; None when
    nothing changed.

    The text is checked (``workflow.text.clean``): BadInput naming ``field`` for a forbidden
    character or more than ``MAX_TEXT`` characters.
    """
    text = clean_text(text.strip(), field=field)
    key = row.key
    if expected_version is not None and row.version != expected_version:
        raise VersionConflict(
            "segment %(key)r was saved by someone else meanwhile (version "
            "%(version)s, you edited version %(expected_version)s)",
            key=key,
            version=row.version,
            expected_version=expected_version,
            current_text=row.text,
            current_version=row.version,
        )
    move = states.revert if action is Action.REVERT else states.save
    event = move(SegmentState(row.state), text, key=key)
    if text == row.text and event.from_state >= event.to_state:
        return None
    ok = translations.update_translation(
        conn,
        row.id,
        row.version,
        translations.human_edit(text, int(event.state), user.id, now),
    )
    if not ok:  # another transaction changed the row between our read and our write
        now_row = translations.translation_row(conn, t.localization_id, key)
        raise VersionConflict(
            "segment %(key)r was saved by someone else meanwhile",
            key=key,
            current_text=now_row.text,
            current_version=now_row.version,
        )
    translations.insert_revision(
        conn,
        translation_id=row.id,
        version=row.version + 1,
        text=text,
        state=event.state,
        action=event.action.value,
        user_id=user.id,
        now=now,
        note=note,
    )
    localizations.bump_revision(conn, t.localization_id)
    audit_transition(conn, t, event, user_id=user.id, now=now, batch=batch)
    return event.state


def segment_history(
    ctx: Context, ref: str | int, locale: str, key: str, *, user_id: int | None = None
) -> SegmentHistory:
    """Every revision of a segment's translation, oldest first."""
    with ctx.db.transaction(write=False) as conn:
        t = visible_target(conn, ref, locale, viewer(conn, user_id))
        row = translations.translation_row(conn, t.localization_id, key)
        revs: list[Revision] = []
        previous = ""
        for r in translations.revisions_for(conn, row.id):
            revs.append(
                Revision(
                    version=r.version,
                    text=r.text,
                    state=SegmentState(r.state),
                    action=r.action,
                    user=r.user_name,
                    note=r.note,
                    at=r.created_at,
                    diff=word_diff(previous, r.text),
                )
            )
            previous = r.text
        return SegmentHistory(
            key=key,
            source=row.source,
            revisions=tuple(revs),
            segment=articles.segment_by_key(conn, t.article.id, key),
        )
