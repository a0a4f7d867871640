"""One row of the editor after an action (save, approve, reject, revert, comment, dismiss),
and which segment needs the user next: what the editor's fetch calls get back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import Connection

from workflow.alignment.aligner import REVIEW_THRESHOLD
from workflow.errors import BadInput, NotFound
from workflow.model import Article, Bead, Entry, LocalizedArticle, SegmentKind, User
from workflow.services.comments import add_comment
from workflow.services.common import acting_user, visible_target
from workflow.services.context import Context
from workflow.services.editing import revert_translation, save_translation
from workflow.services.qa import SegmentQa, dismiss_warning, entries_qa
from workflow.services.review import approve, reject
from workflow.states import LocalizationState, SegmentState
from workflow.store import localizations, queues, translations

#: What a row's fetch may ask for.
ACTIONS = ("show", "save", "approve", "reject", "revert", "comment", "dismiss")


@dataclass(frozen=True)
class SegmentRequest:
    """What the person sent for one segment: the action and its fields."""

    action: str
    text: str = ""
    version: int | None = None
    reason: str = ""
    check: str = ""
    to_version: int | None = None
    body: str = ""


@dataclass(frozen=True)
class EditorRow:
    """A segment as the editor draws it, with the article's counts and what comes next."""

    article: Article
    locale: str
    state: LocalizationState  # of the article × locale, after the action
    counts: dict[SegmentState, int]  # segments by state, every state present
    entry: Entry
    index: int  # position among the article's entries
    thread: tuple[translations.Comment, ...]
    qa: SegmentQa
    user: User
    next_key: str | None  # the next segment needing this user (after this one, wrapping)
    next_index: int | None
    needing: int  # how many segments need this user, this one included if it does
    bead: int | None = None  # the low-confidence bead (1-based) holding this segment

    @property
    def mine(self) -> bool:
        """Whether this user made the last change (and so may not approve it)."""
        return self.entry.translation.updated_by == self.user.name


class Status(Protocol):
    """What "needs you" looks at: a :class:`Translation` or a store's ``SegmentStatus``."""

    @property
    def state(self) -> SegmentState: ...
    @property
    def updated_by(self) -> str | None: ...
    @property
    def origin(self) -> str | None: ...


def needs(t: Status, user: User, *, assigned: bool = False) -> bool:
    """Whether a segment waits for this user's action.

    A translator: empty, needs edit (rejected included), or pre-filled by a machine
    (alignment, memory, MT) in an article × locale assigned to them. An editor: translated
    by someone else and not yet approved.
    """
    if user.role.can_review:
        return t.state is SegmentState.TRANSLATED and t.updated_by != user.name
    if t.state < SegmentState.TRANSLATED:
        return True
    return assigned and t.state is SegmentState.TRANSLATED and t.origin != "human"


def needing_keys(
    conn: Connection, statuses: Sequence[Status], user: User, loc_id: int | None
) -> list[bool]:
    """For each segment (in article order), whether it needs ``user``."""
    assigned = loc_id is not None and queues.translator_of(conn, loc_id) == user.id
    return [needs(s, user, assigned=assigned) for s in statuses]


def low_beads(la: LocalizedArticle, keys: set[str] | None = None) -> dict[str, int]:
    """Segments (of ``keys``, or all) in a bead under the review threshold: key → bead number
    (1-based, as the alignment review numbers them)."""
    if not la.beads:
        return {}
    body = [e.segment.key for e in la.entries if e.segment.kind is SegmentKind.BODY]
    return _low_beads(la.beads, body, keys)


def _low_beads(beads: Sequence[Bead], body: Sequence[str], keys: set[str] | None) -> dict[str, int]:
    out: dict[str, int] = {}
    for n, bead in enumerate(beads, start=1):
        if bead.confidence >= REVIEW_THRESHOLD:
            continue
        for i in bead.source:
            if i < len(body) and (keys is None or body[i] in keys):
                out[body[i]] = n
    return out


def next_needing(flags: Sequence[bool], after: int) -> int | None:
    """The index of the first flagged entry after ``after``, wrapping round; never ``after``."""
    n = len(flags)
    for step in range(1, n):
        i = (after + step) % n
        if flags[i]:
            return i
    return None


def segment_act(
    ctx: Context, ref: str | int, locale: str, key: str, req: SegmentRequest, *, user_id: int
) -> EditorRow:
    """Do what ``req`` asks on one segment, then return its row as the editor draws it."""
    if req.action not in ACTIONS:
        raise BadInput("unknown action %(action)r", action=req.action, field="action")
    if req.action == "save":
        save_translation(
            ctx, ref, locale, key, req.text, user_id=user_id, expected_version=req.version
        )
    elif req.action == "approve":
        seen = {key: req.version} if req.version is not None else None
        approve(ctx, ref, locale, [key], user_id=user_id, seen_versions=seen)
    elif req.action == "reject":
        reject(ctx, ref, locale, key, req.reason, user_id=user_id)
    elif req.action == "revert":
        if req.to_version is None:
            raise BadInput("choose the version to bring back", field="to_version")
        revert_translation(
            ctx, ref, locale, key, req.to_version, user_id=user_id, expected_version=req.version
        )
    elif req.action == "comment":
        add_comment(ctx, ref, locale, key, req.body, user_id=user_id)
    elif req.action == "dismiss":
        dismiss_warning(ctx, ref, locale, key, req.check, req.reason, user_id=user_id)
    return editor_row(ctx, ref, locale, key, user_id=user_id)


def editor_row(ctx: Context, ref: str | int, locale: str, key: str, *, user_id: int) -> EditorRow:
    """One segment's row: its entry, thread and QA, the counts, and the next needing the user.

    Reads the one segment's texts and every segment's status, never every text."""
    with ctx.db.transaction(write=False) as conn:
        user = acting_user(conn, user_id)
        t = visible_target(conn, ref, locale, user)
        status = localizations.localization_status(conn, t.localization_id)
        index = next((i for i, s in enumerate(status.segments) if s.key == key), None)
        if index is None:
            raise NotFound("no segment with key %(key)r in this article", key=key)
        entry = localizations.entry(conn, t.localization_id, t.locale, key)
        qa = entries_qa(conn, ctx, t.article, t.locale, (entry,))[key]
        everyone = translations.comments_for(conn, t.localization_id)
        thread = tuple(c for c in everyone if c.key == key)
        flags = needing_keys(conn, status.segments, user, t.localization_id)
    nxt = next_needing(flags, index)
    counts = dict.fromkeys(SegmentState, 0)
    for s in status.segments:
        counts[s.state] += 1
    body = [s.key for s in status.segments if s.kind is SegmentKind.BODY] if status.beads else []
    return EditorRow(
        article=t.article,
        locale=t.locale,
        state=status.state,
        counts=counts,
        entry=entry,
        index=index,
        thread=thread,
        qa=qa,
        user=user,
        next_key=status.segments[nxt].key if nxt is not None else None,
        next_index=nxt,
        needing=sum(flags),
        bead=_low_beads(status.beads, body, {key}).get(key),
    )
