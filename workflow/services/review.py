"""The editor's review: approve (four-eyes, bound to the version seen) or reject with a reason."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

import workflow.services.notify as notify
from workflow import states
from workflow.errors import ChecksBlock, FourEyes, InvalidTransition, Message, NotFound
from workflow.model import Entry, Translation, User
from workflow.services.common import (
    Target,
    acting_editor,
    audit_transition,
    note_text,
    visible_target,
)
from workflow.services.context import Context
from workflow.services.memory import forget_approval, remember
from workflow.services.qa import blocking, entries_qa
from workflow.states import Action, SegmentState, Transition
from workflow.store import localizations, translations


@dataclass(frozen=True)
class Skipped:
    key: str
    reason: str


@dataclass(frozen=True)
class ApprovalResult:
    approved: tuple[str, ...]
    skipped: tuple[Skipped, ...]


def approve(
    ctx: Context,
    ref: str | int,
    locale: str,
    keys: Sequence[str] | None,
    *,
    user_id: int,
    seen_versions: Mapping[str, int] | None = None,
) -> ApprovalResult:
    """Approve segments; ``keys=None`` approves every TRANSLATED one the user may approve.

    Four-eyes: the user who last changed a translation cannot approve it, and a segment with
    an error-level QA finding cannot be approved. With named keys
    every one must be approvable, or nothing is approved; with ``keys=None`` the others
    are skipped and reported. ``seen_versions`` binds the approval to the versions the
    reviewer saw: a segment changed since is skipped as changed.
    """
    now = ctx.clock()
    with ctx.db.transaction() as conn:
        user = acting_editor(conn, user_id)
        t = visible_target(conn, ref, locale, user)
        rows = translations.translation_rows(conn, t.localization_id, lock=True)
        by_key = {r.key: r for r in rows}
        # QA of the segments to approve: of all of them, or of the few named (a check sees
        # one segment alone, so their findings are the same either way).
        blocked = blocking(entries_qa(conn, ctx, t.article, t.locale, _entries(conn, t, keys)), ctx)
        approved: dict[str, Transition[SegmentState]] = {}  # by key, in order
        skipped: list[Skipped] = []
        if keys is None:
            for r in rows:
                if not states.allowed(Action.APPROVE, SegmentState(r.state)):
                    continue
                reason = _refusal(r, user, seen_versions)
                if reason is None and r.key in blocked:
                    reason = Message("QA error: %(found)s", found=tuple(blocked[r.key]))
                if reason:
                    skipped.append(Skipped(r.key, reason))
                else:
                    approved[r.key] = states.approve(SegmentState(r.state), key=r.key)
        else:
            for key in keys:
                if key not in by_key:
                    raise NotFound("no segment with key %(key)r in this article", key=key)
                r = by_key[key]
                if r.state == SegmentState.APPROVED:
                    continue  # approving twice changes nothing
                event = states.approve(SegmentState(r.state), key=key)
                reason = _refusal(r, user, seen_versions)
                if reason and reason.startswith("four-eyes"):
                    raise FourEyes("segment %(key)r: %(reason)s", key=key, reason=reason)
                if reason:
                    raise InvalidTransition("segment %(key)r: %(reason)s", key=key, reason=reason)
                if key in blocked:
                    raise ChecksBlock(
                        "segment %(key)r has QA errors: %(found)s",
                        key=key,
                        found=tuple(blocked[key]),
                        findings={key: blocked[key]},
                    )
                approved[key] = event
        # Approving several at once is one act: its audit entries share a batch.
        batch = f"approve-{uuid.uuid4().hex[:12]}" if len(approved) > 1 else None
        for key, event in approved.items():
            _set_state(conn, t, by_key[key], user, event, now, batch=batch)
        if approved:
            localizations.bump_revision(conn, t.localization_id)
            remember(
                conn,
                t.article,
                t.locale,
                _entries(conn, t, list(approved)),
                origin="approved",
                approver=user.name,
            )
        return ApprovalResult(approved=tuple(approved), skipped=tuple(skipped))


#: Up to this many named segments are read one by one; more, and the whole article is read.
FEW = 200


def _entries(conn: Connection, t: Target, keys: Sequence[str] | None) -> Sequence[Entry]:
    """The entries of ``keys`` (every one when None), in article order."""
    if keys is not None and len(keys) <= FEW:
        return localizations.entries_of(conn, t.localization_id, t.locale, keys)
    entries = localizations.localized_article(conn, t.article, t.locale).entries
    if keys is None:
        return entries
    wanted = set(keys)
    return [e for e in entries if e.segment.key in wanted]


def reject(
    ctx: Context, ref: str | int, locale: str, key: str, reason: str, *, user_id: int
) -> Translation:
    """Send a translation back to NEEDS_EDIT with a reason the translator sees."""
    reason = note_text(reason, Message("a rejection needs a reason"), field="reason")
    now = ctx.clock()
    with ctx.db.transaction() as conn:
        user = acting_editor(conn, user_id)
        t = visible_target(conn, ref, locale, user)
        row = translations.translation_row(conn, t.localization_id, key, lock=True)
        event = states.reject(SegmentState(row.state), reason, key=key)
        _set_state(conn, t, row, user, event, now)
        if row.state == SegmentState.APPROVED:  # the approval is withdrawn: so is its unit
            forget_approval(conn, t.article.slug, key, row.text, now)
        localizations.bump_revision(conn, t.localization_id)
        mail = notify.rejected(conn, t, key, row.updated_by, user, reason, now)
        rejected = localizations.entry(conn, t.localization_id, t.locale, key).translation
    notify.send_mail(ctx, mail)
    return rejected


def _refusal(
    row: translations.TranslationRecord, user: User, seen: Mapping[str, int] | None
) -> str | None:
    if row.updated_by is not None and row.updated_by == user.id:
        return Message("four-eyes: you made the last change, another editor must approve it")
    if seen is not None and row.key in seen and seen[row.key] != row.version:
        return Message(
            "changed since you loaded it (version %(seen)s → %(version)s)",
            seen=seen[row.key],
            version=row.version,
        )
    return None


def _set_state(
    conn: Connection,
    t: Target,
    row: translations.TranslationRecord,
    user: User,
    event: Transition[SegmentState],
    now: Any,
    *,
    batch: str | None = None,
) -> None:
    """Write an approval or a rejection: the row, its revision and the audit entry."""
    values: dict[str, Any] = {"state": int(event.state)}
    if event.state is SegmentState.APPROVED:
        values |= {"approved_by": user.id, "approved_at": now, "rejected_reason": None}
    else:
        values |= {"approved_by": None, "approved_at": None, "rejected_reason": event.note}
    ok = translations.change_translation(
        conn, row, values, action=event.action.value, user_id=user.id, now=now, note=event.note
    )
    if not ok:  # cannot happen while the row is locked; refuse rather than guess
        raise InvalidTransition(
            "segment %(key)r changed meanwhile; reload and try again", key=row.key
        )
    audit_transition(conn, t, event, user_id=user.id, now=now, batch=batch)
