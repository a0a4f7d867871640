"""The translation memory: approved and aligned pairs in, fuzzy matches and TMX out.

Lookups run on the trigram index (:class:`workflow.memory.index.TmIndex`), on SQLite and
PostgreSQL alike: one snapshot per server on disk, built by the job worker
(:func:`build_snapshot`) and mapped read-only by every process, plus a small tail in each
process (:class:`workflow.memory.cache.MemoryIndex`). Before every lookup the process takes
in the units stored since and the removals logged since (:func:`tm_remove`, a withdrawn
approval), so a change is seen by every process of every server at its next lookup.

Every lookup has a :class:`MemoryScope`: the units of the desks the user may see (editor
suggestions, ``tm search`` — the CLI, as the system, sees every desk; pre-fill and the
pairing's evidence: the article's own desk, since what they find becomes text that every
member of that desk sees), never those of an embargoed article other than the one being
translated. The scope is applied by the index at lookup time, so a lifted embargo or a
new desk member counts at once, in every process.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import BinaryIO, Final

from sqlalchemy import Connection

from workflow import states
from workflow.errors import BadInput, InvalidTransition, Message, NotFound
from workflow.memory.cache import MemoryView
from workflow.memory.snapshot import SnapshotBusy, SnapshotInfo, newest, write_snapshot
from workflow.memory.tmx import iter_tmx, write_tmx
from workflow.memory.units import DEFAULT_DESK, TmMatch, TmUnitDraft, similarity
from workflow.model import Article, Entry, LocalizedArticle, User
from workflow.services.common import desk_name as valid_desk_name
from workflow.services.common import viewer, visible_desks, visible_target
from workflow.services.context import Context
from workflow.services.fills import write_fill
from workflow.states import Action, SegmentState
from workflow.store import articles, audit, localizations, memory, translations
from workflow.text.clean import normalise_newlines, text_problem

logger = logging.getLogger("workflow.memory")

EXACT = 100.0
SNAPSHOT_AFTER: Final = 10_000
"""Units (stored or removed) beyond the newest snapshot that make a new one due; a large
TMX import asks for one at once."""
SNAPSHOT_AGE: Final = 6 * 3600
"""Seconds after which a snapshot with any change beyond it is due again."""


@dataclass(frozen=True)
class TmHit:
    """A concordance or fuzzy hit as ``transdesk tm search`` prints it."""

    source: str
    target: str
    score: float
    origin: str


@dataclass(frozen=True)
class MemoryScope:
    """What a lookup may return: units of ``desks`` (None: every desk), and none of the
    articles in ``hidden`` (slugs of embargoed articles)."""

    desks: tuple[str, ...] | None
    hidden: frozenset[str]

    @property
    def filters(self) -> dict[str, object]:
        """The scope as the memory index's filters (``search``, ``concordance``)."""
        return {"desks": self.desks, "hidden_articles": self.hidden}


def memory_scope(
    conn: Connection, *, desks: tuple[str, ...] | None, article: Article | None = None
) -> MemoryScope:
    """The scope for ``desks``; the units of embargoed articles are hidden, except those of
    ``article`` itself (the one being translated: its own repeated sentences are no leak)."""
    hidden = set(articles.embargoed_slugs(conn))
    if article is not None:
        hidden.discard(article.slug)
    return MemoryScope(desks=desks, hidden=frozenset(hidden))


def user_scope(conn: Connection, user: User | None, article: Article | None = None) -> MemoryScope:
    """The scope of the desks ``user`` sees (None, the system: all of them)."""
    return memory_scope(conn, desks=visible_desks(user), article=article)


def lookup(
    index: MemoryView,
    scope: MemoryScope,
    text: str,
    *,
    target_lang: str,
    source_lang: str | None = None,
    k: int = 5,
    min_score: float = 50.0,
    context: str | None = None,
) -> list[TmMatch]:
    """``index.search`` within ``scope``."""
    return index.search(
        text,
        target_lang=target_lang,
        source_lang=source_lang,
        k=k,
        min_score=min_score,
        context=context,
        **scope.filters,
    )


def seen_memory(ctx: Context, user_id: int | None) -> tuple[MemoryScope, MemoryView]:
    """The memory and the part of it ``user_id`` sees (None, the system: all of it)."""
    with ctx.db.transaction(write=False) as conn:
        scope = user_scope(conn, viewer(conn, user_id))
        return scope, ctx.memory.refresh(memory.StoreSource(conn))


def remember(
    conn: Connection,
    article: Article,
    locale: str,
    entries: Iterable[Entry],
    *,
    origin: str,
    approver: str | None,
) -> int:
    """Store pairs in the memory (approved on approval, aligned on pairing)."""
    stored = 0
    for e in entries:
        if not e.translation.text.strip():
            continue
        unit = TmUnitDraft(
            source=e.segment.source,
            target=e.translation.text,
            source_lang=article.locale,
            target_lang=locale,
            origin=origin,
            context=f"{article.slug}/{e.segment.key}",
            article=article.slug,
            translator=e.translation.updated_by,
            approver=approver,
            desk=article.desk,
        )
        stored += memory.insert_tm_unit(conn, unit, e.translation.updated_at or article.created_at)
    return stored


def memory_matches(
    conn: Connection, ctx: Context, la: LocalizedArticle, *, k: int = 3
) -> dict[str, list[TmMatch]]:
    """The best matches for every segment of an article × locale, from the units of the
    article's own desk (what pre-fill writes, every member of the desk sees)."""
    index = ctx.memory.refresh(memory.StoreSource(conn))
    scope = memory_scope(conn, desks=(la.article.desk,), article=la.article)
    return {
        e.segment.key: lookup(
            index,
            scope,
            e.segment.source,
            target_lang=la.locale,
            source_lang=la.article.locale,
            k=k,
            context=f"{la.article.slug}/{e.segment.key}",
        )
        for e in la.entries
    }


def tm_search(
    ctx: Context,
    text: str,
    *,
    locale: str | None = None,
    limit: int = 20,
    user_id: int | None = None,
) -> list[TmHit]:
    """Fuzzy matches of ``text`` as a source, and units containing it on either side, from
    the desks the user sees (None, the system: every desk); never of an embargoed article."""
    text = text.strip()
    if not text:
        return []
    scope, index = seen_memory(ctx, user_id)
    langs = [locale] if locale else index.target_langs() or ["en"]
    hits: dict[int, TmHit] = {}
    for lang in langs:
        for m in lookup(index, scope, text, target_lang=lang, k=limit, min_score=40):
            hits[m.unit.id] = TmHit(m.unit.source, m.unit.target, round(m.score, 1), m.unit.origin)
    for side in ("source", "target"):
        found = index.concordance(text, side=side, limit=limit, target_lang=locale, **scope.filters)
        for unit in found:
            if unit.id not in hits:
                other = unit.source if side == "source" else unit.target
                score = round(similarity(text, other), 1)
                hits[unit.id] = TmHit(unit.source, unit.target, score, unit.origin)
    return sorted(hits.values(), key=lambda h: -h.score)[:limit]


def tm_import(
    ctx: Context,
    stream: BinaryIO,
    *,
    source: str,
    source_lang: str = "ko",
    desk_name: str = DEFAULT_DESK,
) -> int:
    """Import a TMX 1.4b file (streamed) onto a desk (``desk_name``, "news" unless named:
    only that desk's members get its units as suggestions); a bad file imports nothing.
    One transaction."""
    section = valid_desk_name(desk_name)
    now = ctx.clock()
    stored = 0
    with ctx.db.transaction() as conn:
        for draft in iter_tmx(stream, source=source, source_lang=source_lang):
            stored += memory.insert_tm_unit(conn, replace(draft, desk=section), now)
        audit.audit(
            conn,
            action="tm-import",
            now=now,
            detail=Message(
                "%(src)s: %(stored)s units (%(section)s)",
                src=source,
                stored=stored,
                section=section,
            ),
        )
    return stored


def tm_export(ctx: Context, out: BinaryIO, *, source_lang: str = "ko") -> int:
    """Write every unit as TMX 1.4b, streaming; returns the number of units. Units of
    embargoed articles stay in the building (left out until the embargo is lifted)."""
    with ctx.db.transaction(write=False) as conn:
        hidden = set(articles.embargoed_slugs(conn))
        return write_tmx(
            (
                u
                for u in memory.tm_units_after(conn, 0)
                if u.source_lang == source_lang and u.article not in hidden
            ),
            out,
            source_lang=source_lang,
        )


def tm_prefill(ctx: Context, ref: str | int, locale: str, *, user_id: int | None = None) -> int:
    """Fill EMPTY segments that have a 100 % match as NEEDS_EDIT (never approved).

    The user who asked brought the text in: four-eyes counts them as its author (the
    system, ``user_id=None``, is nobody's). A unit whose text may not be stored (a
    control character, over ``MAX_TEXT``: ``workflow.text.clean``) fills nothing.
    """
    now = ctx.clock()
    filled = 0
    with ctx.db.transaction() as conn:
        user = viewer(conn, user_id)
        t = visible_target(
            conn, ref, locale, user, create=True, allowed=ctx.settings.target_locales
        )
        la = localizations.localized_article(conn, t.article, t.locale)
        matches = memory_matches(conn, ctx, la, k=1)
        rows = {r.key: r for r in translations.translation_rows(conn, t.localization_id, lock=True)}
        for e in la.entries:
            best = matches[e.segment.key]
            row = rows[e.segment.key]
            state = SegmentState(row.state)
            if not states.allowed(Action.MEMORY, state) or not best or best[0].score < EXACT:
                continue
            unit = best[0].unit
            text = normalise_newlines(unit.target)
            if text_problem(text) is not None:
                continue
            try:
                event = states.fill(state, text, key=row.key, by=Action.MEMORY)
            except InvalidTransition:  # a unit without text fills nothing
                continue
            ok = write_fill(
                conn,
                row,
                event,
                text,
                origin="tm",
                user_id=user_id,
                now=now,
                note=Message(
                    "100%% match (%(origin)s, %(context)s)",
                    origin=unit.origin,
                    context=unit.context or Message("no context"),
                ),
            )
            if ok:  # rows are locked, so this holds; a changed row is simply not filled
                filled += 1
        if filled:
            localizations.bump_revision(conn, t.localization_id)
    return filled


class Suggestions(list[TmMatch]):
    """Matches, best first; ``warming`` while the memory is still being read (no snapshot
    yet): the matches come from the units read so far."""

    def __init__(self, matches: Iterable[TmMatch], *, warming: bool) -> None:
        super().__init__(matches)
        self.warming = warming


def segment_suggestions(
    ctx: Context, ref: str | int, locale: str, key: str, *, user_id: int | None = None
) -> Suggestions:
    """The memory's best matches for one segment, same context and exact first, from the
    desks the user sees (never from an embargoed article but this one)."""
    with ctx.db.transaction(write=False) as conn:
        user = viewer(conn, user_id)
        t = visible_target(conn, ref, locale, user)
        entry = localizations.entry(conn, t.localization_id, t.locale, key)
        scope = user_scope(conn, user, t.article)
        index = ctx.memory.refresh(memory.StoreSource(conn))
    found = lookup(
        index,
        scope,
        entry.segment.source,
        target_lang=t.locale,
        source_lang=t.article.locale,
        k=5,
        context=f"{t.article.slug}/{key}",
    )
    return Suggestions(found, warming=index.warming)


def warm_memory(ctx: Context) -> None:
    """Map the newest snapshot, read the tail and run one lookup before any request asks (a
    web worker's start, in a thread of its own: requests are accepted meanwhile, and a
    lookup that comes first simply waits for the memory's lock). Never builds a snapshot."""
    try:
        with ctx.db.transaction(write=False) as conn:
            view = ctx.memory.refresh(memory.StoreSource(conn))
            scope = memory_scope(conn, desks=None)
        for lang in view.target_langs()[:1]:
            lookup(view, scope, "워밍업 warm-up", target_lang=lang)
            lookup(view, replace(scope, desks=(DEFAULT_DESK,)), "워밍업", target_lang=lang)
    except Exception:  # the database not reachable yet: the first lookup does it instead
        logger.exception("memory warm-up failed")


def forget_approval(conn: Connection, slug: str, key: str, text: str, now: datetime) -> int:
    """A withdrawn approval: the unit it made leaves the memory (of every process)."""
    ids = memory.tm_unit_ids(conn, context=f"{slug}/{key}", origin="approved", target=text)
    return len(memory.delete_tm_units(conn, ids, now))


def tm_remove(ctx: Context, unit_ids: Iterable[int]) -> list[int]:
    """Delete units from the memory; every process stops suggesting them at its next
    lookup. NotFound when none of them exists."""
    wanted = [int(i) for i in unit_ids]
    if not wanted:
        raise BadInput("no unit id given", field="id")
    now = ctx.clock()
    with ctx.db.transaction() as conn:
        removed = memory.delete_tm_units(conn, wanted, now)
        if not removed:
            raise NotFound(
                "no memory unit with id %(ids)s",
                ids=", ".join(map(str, wanted)),
            )
        audit.audit(
            conn, action="tm-remove", now=now, detail=f"units {', '.join(map(str, removed))}"
        )
    return removed


def snapshot_due(ctx: Context) -> bool:
    """Whether the memory folder's newest snapshot is missing or too far behind the store."""
    info = newest(ctx.memory_dir)
    with ctx.db.transaction(write=False) as conn:
        units, changes = memory.count_after(
            conn, info.last_unit_id if info else 0, info.last_change_id if info else 0
        )
    behind = units + changes
    if info is None:
        return units >= SNAPSHOT_AFTER
    age = (ctx.clock() - datetime.fromisoformat(info.created_at)).total_seconds()
    return behind >= SNAPSHOT_AFTER or (behind > 0 and age >= SNAPSHOT_AGE)


def build_snapshot(ctx: Context, *, if_due: bool = False) -> SnapshotInfo | None:
    """Write a new snapshot of every unit into the memory folder (streamed; the job
    worker's task, ``transdesk tm snapshot``); None when not due (``if_due``) or another
    build is running. Processes switch to it at their next lookup."""
    if if_due and not snapshot_due(ctx):
        return None
    with ctx.db.transaction(write=False) as conn:
        last_change = memory.last_change_id(conn)  # before the units: later removals apply
        try:
            return write_snapshot(
                ctx.memory_dir,
                memory.tm_units_after(conn, 0),
                last_change_id=last_change,
                now=ctx.clock(),
            )
        except SnapshotBusy:
            return None


def memory_status(ctx: Context) -> dict[str, object]:
    """This process's memory (snapshot in use, tail) after a refresh, and the folder's
    newest snapshot."""
    with ctx.db.transaction(write=False) as conn:
        view = ctx.memory.refresh(memory.StoreSource(conn))
    info = newest(ctx.memory_dir)
    return {
        **ctx.memory.status(),
        "units": len(view),
        "newest_snapshot": info.to_dict() if info else None,
    }
