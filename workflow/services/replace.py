"""Search and replace across an article × locale (and, for editors, across articles).

A search looks in the source or the translation (case and whole-word options); a replace
changes translations only. Each change is a person's save — a new version, its revision and
audit entry — made only in segments the user may edit, and all of them share one batch: the
log shows them as one entry, and :func:`undo_replace` takes the whole replace back in one
step (a segment changed since is left alone and reported).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection

from workflow.errors import BadInput, Message, PermissionDenied, VersionConflict
from workflow.model import Segment, User
from workflow.services.common import (
    Target,
    acting_editor,
    acting_user,
    audit_about,
    viewer,
    visible_desks,
    visible_target,
)
from workflow.services.context import Context
from workflow.services.editing import write_text
from workflow.states import Action, SegmentState
from workflow.store import articles, audit, batches, inbox, localizations, translations
from workflow.store.batches import BatchChange
from workflow.text.clean import MAX_TEXT, clean_text

MAX_FIND = 200


@dataclass(frozen=True)
class Hit:
    """A segment where the text was found: its source and translation, and the segment
    (where it stands, for people to read)."""

    key: str
    source: str
    target: str
    state: SegmentState
    version: int
    segment: Segment


@dataclass(frozen=True)
class Skip:
    """A segment left alone, and why (a :class:`Message`: English, translatable)."""

    key: str
    reason: str


@dataclass(frozen=True)
class ReplaceResult:
    """What a replace changed (or, dry, would change) and what it left alone, why.
    ``batch``: the replace's number, for the undo (None for a dry run or no change);
    ``segments``: the article's segments by key, so that pages name them as people do."""

    changed: tuple[BatchChange, ...]
    skipped: tuple[Skip, ...]
    batch: int | None = None
    segments: Mapping[str, Segment] = field(default_factory=dict)


@dataclass(frozen=True)
class ArticleHits:
    """One article's hits in a search across articles."""

    article_id: int
    slug: str
    title: str
    hits: tuple[Hit, ...]


def pattern(find: str, *, case: bool = False, word: bool = False) -> re.Pattern[str]:
    """The literal ``find`` as a pattern; ``word``: not inside a longer word."""
    if not find.strip():
        raise BadInput("give the text to find", field="find")
    if len(find) > MAX_FIND:
        raise BadInput("at most %(MAX_FIND)s characters to find", MAX_FIND=MAX_FIND, field="find")
    body = re.escape(find)
    if word:
        body = rf"(?<!\w){body}(?!\w)"
    return re.compile(body, 0 if case else re.IGNORECASE)


def search_article(
    ctx: Context,
    ref: str | int,
    locale: str,
    find: str,
    *,
    in_source: bool = False,
    case: bool = False,
    word: bool = False,
    user_id: int | None = None,
) -> list[Hit]:
    """The segments whose translation (or source) contains ``find``, in order."""
    pat = pattern(find, case=case, word=word)
    with ctx.db.transaction(write=False) as conn:
        t = visible_target(conn, ref, locale, viewer(conn, user_id))
        return _hits(conn, t, pat, in_source)


def search_articles(
    ctx: Context,
    locale: str,
    find: str,
    *,
    in_source: bool = False,
    case: bool = False,
    word: bool = False,
    user_id: int,
) -> list[ArticleHits]:
    """Every article × locale of the editor's desks with hits, newest article first."""
    pat = pattern(find, case=case, word=word)
    with ctx.db.transaction(write=False) as conn:
        me = acting_editor(conn, user_id)
        out = []
        for a in articles.list_articles(conn, desks=visible_desks(me)):
            loc_id = localizations.localization_id(conn, a.id, locale)
            if loc_id is None:
                continue
            hits = _hits(conn, Target(a, locale, loc_id), pat, in_source)
            if hits:
                out.append(ArticleHits(a.id, a.slug, a.meta.title, tuple(hits)))
        return out


def replace_in_article(
    ctx: Context,
    ref: str | int,
    locale: str,
    find: str,
    replacement: str,
    *,
    case: bool = False,
    word: bool = False,
    keys: Sequence[str] | None = None,
    dry_run: bool = False,
    user_id: int,
) -> ReplaceResult:
    """Replace ``find`` with ``replacement`` in the translations (only ``keys`` if given);
    ``dry_run`` shows what would change and changes nothing."""
    pat = pattern(find, case=case, word=word)
    with ctx.db.transaction(write=not dry_run) as conn:
        user = acting_user(conn, user_id)
        t = visible_target(conn, ref, locale, user)
        return _replace(conn, ctx, t, user, pat, find, replacement, keys, dry_run)


def replace_in_articles(
    ctx: Context,
    refs: Sequence[str | int],
    locale: str,
    find: str,
    replacement: str,
    *,
    case: bool = False,
    word: bool = False,
    dry_run: bool = False,
    user_id: int,
) -> dict[str, ReplaceResult]:
    """The replace in each chosen article (editors), in one transaction; by slug."""
    pat = pattern(find, case=case, word=word)
    with ctx.db.transaction(write=not dry_run) as conn:
        user = acting_editor(conn, user_id)
        out = {}
        for ref in dict.fromkeys(refs):
            t = visible_target(conn, ref, locale, user)
            out[t.article.slug] = _replace(
                conn, ctx, t, user, pat, find, replacement, None, dry_run
            )
        return out


def undo_replace(ctx: Context, batch_id: int, *, user_id: int) -> ReplaceResult:
    """Take a replace back in one step: every segment it changed gets its text before the
    replace back, unless changed since (then skipped). The one who replaced, or an editor."""
    now = ctx.clock()
    with ctx.db.transaction() as conn:
        user = acting_user(conn, user_id)
        b = batches.batch(conn, batch_id, lock=True)
        if b.user_id != user.id and not user.role.can_review:
            raise PermissionDenied("only the one who replaced, or an editor, may undo it")
        if b.undone_at is not None or not batches.mark_undone(conn, b.id, now):
            raise BadInput(
                "replace %(batch_id)s was undone already", batch_id=batch_id, field="batch"
            )
        t = visible_target(conn, b.article_id, b.locale, user)
        tag = f"undo-{uuid.uuid4().hex[:12]}"
        changed: list[BatchChange] = []
        skipped: list[Skip] = []
        for c in b.changes:
            row = translations.translation_row(conn, t.localization_id, c.key, lock=True)
            if row.version != c.version:
                skipped.append(
                    Skip(
                        c.key,
                        Message(
                            "changed since the replace (version %(version)s)",
                            version=row.version,
                        ),
                    )
                )
                continue
            write_text(
                conn,
                t,
                row,
                user,
                c.before,
                now,
                action=Action.REVERT,
                expected_version=c.version,
                note=f"undo of replace {b.id}",
                batch=tag,
            )
            changed.append(BatchChange(c.key, c.after, c.before, row.version + 1))
        audit.audit(
            conn,
            action="undo_replace",
            now=now,
            target=f"{len(changed)} segments",
            detail=f"{b.find}\u2192{b.replace}",
            batch=tag,
            **audit_about(t, user),
        )
        return ReplaceResult(
            tuple(changed), tuple(skipped), b.id, articles.segments_by_key(conn, t.article.id)
        )


def _hits(conn: Connection, t: Target, pat: re.Pattern[str], in_source: bool) -> list[Hit]:
    found = [
        r
        for r in translations.translation_rows(conn, t.localization_id)
        if pat.search(r.source if in_source else r.text)
    ]
    places = articles.segments_by_key(conn, t.article.id) if found else {}
    return [Hit(r.key, r.source, r.text, r.state, r.version, places[r.key]) for r in found]


def _replace(
    conn: Connection,
    ctx: Context,
    t: Target,
    user: User,
    pat: re.Pattern[str],
    find: str,
    replacement: str,
    keys: Sequence[str] | None,
    dry_run: bool,
) -> ReplaceResult:
    now: datetime = ctx.clock()
    chosen = set(keys) if keys is not None else None
    others = _assigned_to_others(conn, t.localization_id, user)
    rows = translations.translation_rows(conn, t.localization_id, lock=not dry_run)
    tag = f"replace-{uuid.uuid4().hex[:12]}"
    changed: list[BatchChange] = []
    skipped: list[Skip] = []
    for r in rows:
        if (chosen is not None and r.key not in chosen) or not pat.search(r.text):
            continue
        after = pat.sub(lambda _m: replacement, r.text).strip()
        reason = _refusal(r, user, others, after)
        if reason:
            skipped.append(Skip(r.key, reason))
            continue
        if after == r.text:
            continue
        if not dry_run:
            try:
                write_text(
                    conn,
                    t,
                    r,
                    user,
                    after,
                    now,
                    action=Action.SAVE,
                    expected_version=r.version,
                    note=f"replace {find!r} with {replacement!r}",
                    batch=tag,
                )
            except VersionConflict:
                skipped.append(Skip(r.key, Message("saved by someone else meanwhile")))
                continue
        changed.append(BatchChange(r.key, r.text, after, r.version + (0 if dry_run else 1)))
    places = articles.segments_by_key(conn, t.article.id) if changed or skipped else {}
    if dry_run or not changed:
        return ReplaceResult(tuple(changed), tuple(skipped), segments=places)
    batch_id = batches.add_batch(
        conn,
        loc_id=t.localization_id,
        user_id=user.id,
        find=find,
        replace=replacement,
        changes=changed,
        now=now,
    )
    audit.audit(
        conn,
        action="replace",
        now=now,
        target=f"{len(changed)} segments",
        detail=f"{find}\u2192{replacement}",
        batch=tag,
        **audit_about(t, user),
    )
    return ReplaceResult(tuple(changed), tuple(skipped), batch_id, places)


def _refusal(
    r: translations.TranslationRecord, user: User, others: dict[str, str], after: str
) -> str | None:
    if not user.role.can_review and r.state is SegmentState.APPROVED:
        return Message("approved: only an editor may change it")
    if not user.role.can_review and r.key in others:
        return Message("assigned to %(name)s", name=others[r.key])
    if not after:
        return Message("the replace would leave it empty")
    if len(after) > MAX_TEXT:
        return Message("longer than %(limit)s characters after the replace", limit=MAX_TEXT)
    try:
        clean_text(after, field="replace")
    except BadInput as exc:
        return exc.text
    return None


def _assigned_to_others(conn: Connection, loc_id: int, user: User) -> dict[str, str]:
    """Segment keys assigned (by segment) to someone other than the user, with their name."""
    out: dict[str, str] = {}
    for a in inbox.open_assignments(conn, loc_id=loc_id):
        if a.keys is not None and a.assignee != user.name:
            for key in a.keys:
                out.setdefault(key, a.assignee)
    return out
