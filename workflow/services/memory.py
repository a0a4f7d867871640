"""The translation memory: approved and aligned pairs in, fuzzy matches and TMX out.

Lookups run on an in-memory trigram index (:class:`workflow.memory.index.TmIndex`) in each
process, on SQLite and PostgreSQL alike: ``bench/tm.py`` measured it at p95 12.6 ms for
1M units where pg_trgm took 463 ms (docs/architecture.md). Before every lookup the index
takes in the units other processes stored since (ids above its high-water mark), so a new
unit is searchable at once, without a rebuild.

Every lookup has a :class:`MemoryScope`: the units of the desks the user may see (editor
suggestions, ``tm search`` — the CLI, as the system, sees every desk; pre-fill and the
pairing's evidence: the article's own desk, since what they find becomes text that every
member of that desk sees), never those of an embargoed article other than the one being
translated. The scope is applied by the index at lookup time, so a lifted embargo or a
new desk member counts at once, in every process.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import partial
from typing import BinaryIO

from sqlalchemy import Connection

from workflow import states
from workflow.errors import InvalidTransition, Message
from workflow.memory.index import TmIndex
from workflow.memory.tmx import iter_tmx, write_tmx
from workflow.memory.units import DEFAULT_DESK, TmMatch, TmUnitDraft, similarity
from workflow.model import Article, Entry, LocalizedArticle, User
from workflow.services.common import desk_name as valid_desk_name
from workflow.services.common import viewer, visible_desks, visible_target
from workflow.services.context import Context
from workflow.states import Action, SegmentState
from workflow.store import articles, audit, localizations, memory, translations
from workflow.text.clean import normalise_newlines, text_problem

EXACT = 100.0


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
    index: TmIndex,
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
        desks=scope.desks,
        hidden_articles=scope.hidden,
    )


def remember(
    conn: Connection,
    la: LocalizedArticle,
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
            source_lang=la.article.locale,
            target_lang=la.locale,
            origin=origin,
            context=f"{la.article.slug}/{e.segment.key}",
            article=la.article.slug,
            translator=e.translation.updated_by,
            approver=approver,
            desk=la.article.desk,
        )
        stored += memory.insert_tm_unit(
            conn, unit, e.translation.updated_at or la.article.created_at
        )
    return stored


def memory_matches(
    conn: Connection, ctx: Context, la: LocalizedArticle, *, k: int = 3
) -> dict[str, list[TmMatch]]:
    """The best matches for every segment of an article × locale, from the units of the
    article's own desk (what pre-fill writes, every member of the desk sees)."""
    index = ctx.memory.refresh(partial(memory.tm_units_after, conn))
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
    with ctx.db.transaction(write=False) as conn:
        scope = user_scope(conn, viewer(conn, user_id))
        index = ctx.memory.refresh(partial(memory.tm_units_after, conn))
    langs = [locale] if locale else index.target_langs() or ["en"]
    hits: dict[int, TmHit] = {}
    for lang in langs:
        for m in lookup(index, scope, text, target_lang=lang, k=limit, min_score=40):
            hits[m.unit.id] = TmHit(m.unit.source, m.unit.target, round(m.score, 1), m.unit.origin)
    for side in ("source", "target"):
        found = index.concordance(
            text,
            side=side,
            limit=limit,
            target_lang=locale,
            desks=scope.desks,
            hidden_articles=scope.hidden,
        )
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
            ok = translations.change_translation(
                conn,
                row,
                {
                    "text": text,
                    "state": int(event.state),
                    "origin": "tm",
                    "updated_by": user_id,
                    "updated_at": now,
                },
                action=event.action.value,
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


def segment_suggestions(
    ctx: Context, ref: str | int, locale: str, key: str, *, user_id: int | None = None
) -> list[TmMatch]:
    """The memory's best matches for one segment, same context and exact first, from the
    desks the user sees (never from an embargoed article but this one)."""
    with ctx.db.transaction(write=False) as conn:
        user = viewer(conn, user_id)
        t = visible_target(conn, ref, locale, user)
        entry = localizations.entry(conn, t.localization_id, t.locale, key)
        scope = user_scope(conn, user, t.article)
        index = ctx.memory.refresh(partial(memory.tm_units_after, conn))
    return lookup(
        index,
        scope,
        entry.segment.source,
        target_lang=t.locale,
        source_lang=t.article.locale,
        k=5,
        context=f"{t.article.slug}/{key}",
    )
