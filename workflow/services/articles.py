"""Use cases of articles: segment a file, import an original, pair a published translation."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import PurePath

from sqlalchemy import Connection

from workflow.alignment.aligner import align
from workflow.alignment.beads import fills_from_beads
from workflow.errors import BadInput, InvalidTransition, Message
from workflow.importers import read_article
from workflow.model import (
    Article,
    ArticleMeta,
    Bead,
    Entry,
    LocalizedArticle,
    SegmentedArticle,
    SegmentKind,
    Translation,
)
from workflow.services.align_evidence import gather, machine_evidence
from workflow.services.common import desk_name as valid_desk_name
from workflow.services.common import (
    require_desk_member,
    require_reviewer,
    viewer,
    visible_article,
    visible_desks,
)
from workflow.services.context import Context
from workflow.services.fills import apply_fills, paragraph_starts, starts_of
from workflow.services.memory import remember
from workflow.states import Action, LocalizationState, SegmentState, localization_state_for
from workflow.store import articles, audit, localizations, queues
from workflow.text.clean import file_name
from workflow.text.locales import parse_locale, target_locale
from workflow.text.segmentation import segment_article


@dataclass(frozen=True)
class ImportResult:
    id: int
    slug: str
    locale: str
    title: str
    segments: int
    desk: str = "news"


@dataclass(frozen=True)
class PairResult:
    article: int
    slug: str
    locale: str
    beads: tuple[Bead, ...]
    prefilled: int
    kept: int = 0
    memory_hits: int = 0  # source sentences whose approved or imported translation was known
    mt_hits: int = 0  # source sentences compared through machine translation
    terms: int = 0  # glossary terms offered as a lexicon
    mt_failed: str | None = None  # the MT provider's error, when it stopped early


@dataclass(frozen=True)
class LocaleProgress:
    locale: str
    state: LocalizationState
    counts: dict[SegmentState, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class ArticleOverview:
    article: Article
    locales: tuple[LocaleProgress, ...]


def segment_file(
    ctx: Context,
    data: bytes,
    *,
    source: str,
    locale: str,
    format: str | None = None,
    title: str | None = None,
    require_title: bool = True,
    fallback_title: str | None = None,
) -> SegmentedArticle:
    """Read and segment a file without storing anything (``transdesk segment``).

    ``title`` is the headline given by the person (it wins over the file's);
    ``fallback_title`` is used only when the file has none; a file without one raises
    ``TitleMissing`` unless ``require_title`` is False (the title segment is then empty)."""
    source = file_name(source)
    lang = parse_locale(locale)
    parsed = read_article(
        data,
        source=source,
        format=format,
        registry=ctx.importers,
        title=title,
        require_title=require_title and not fallback_title,
    )
    if not parsed.meta.title and fallback_title:
        parsed = replace(parsed, meta=replace(parsed.meta, title=fallback_title))
    return segment_article(parsed, lang)


def import_article(
    ctx: Context,
    data: bytes,
    *,
    source: str,
    locale: str,
    format: str | None = None,
    slug: str | None = None,
    user_id: int | None = None,
    desk_name: str = "news",
    title: str | None = None,
) -> ImportResult:
    """Import an original article onto a newsroom desk (``desk_name``, e.g. ``sports``);
    its segments get stable keys. ``title`` is the headline when the file has none (plain
    text) or a different one is wanted; a file without a headline and no ``title`` is
    refused (``TitleMissing``), never given its first sentence as headline. The importing
    user must work on that desk; admins and the system (``user_id=None``) import onto any
    desk that exists (someone works on it, or it has articles). Stores nothing on error."""
    section = valid_desk_name(desk_name)
    seg = segment_file(ctx, data, source=source, locale=locale, format=format, title=title)
    lang = parse_locale(locale)
    now = ctx.clock()
    with ctx.db.transaction() as conn:
        user = viewer(conn, user_id)
        if user is not None:
            require_reviewer(user)  # editors import, in the browser and through the API
        if user is not None and not user.role.can_manage:
            require_desk_member(user, section)
        else:
            known = sorted({*articles.desks_in_use(conn), "news"})
            if section not in known:
                raise BadInput(
                    "no desk %(section)r; known desks: %(known)s (give someone the "
                    "desk first: transdesk users desks NAME DESKS)",
                    section=section,
                    known=", ".join(known),
                    field="desk",
                )
        article_id, final_slug = insert_original(
            conn,
            seg,
            slug=slug or _slug_from(source, seg.meta.title),
            locale=lang,
            desk=section,
            now=now,
        )
        audit.audit(
            conn,
            action="import",
            now=now,
            user_id=user_id,
            article_id=article_id,
            locale=lang,
            detail=Message(
                "%(src)s (%(format)s), %(n_segments)s segments, desk %(section)s",
                src=source,
                format=seg.format,
                n_segments=len(seg.segments),
                section=section,
            ),
        )
    return ImportResult(
        id=article_id,
        slug=final_slug,
        locale=lang,
        title=seg.meta.title,
        segments=len(seg.segments),
        desk=section,
    )


def pair_translation(
    ctx: Context,
    ref: str | int,
    data: bytes,
    *,
    source: str,
    locale: str,
    format: str | None = None,
    user_id: int | None = None,
    mt_provider: str | None = None,
) -> PairResult:
    """Pair an already published translation with its original and pre-fill the catalog.

    Body sentences are aligned; each aligned target text becomes the translation of its
    source segment, TRANSLATED (waiting for review), with the bead's confidence kept.
    Title, subtitle and byline pair with each other. Pairing again (after a correction of
    either side) keeps every pair whose text did not change, approved ones included, and
    never overwrites a translator's own edit.

    The pairing user brought the text in, so four-eyes counts them as its author: another
    editor approves it (the system, ``user_id=None``, is nobody's author).

    The aligner also weighs the glossary, the memory's exact matches from people and, with
    ``mt_provider``, a machine translation of each sentence (``services.align_evidence``).

    Reading the file, the evidence and the alignment run outside the write transaction
    (an alignment of thousands of sentences takes minutes, and on SQLite a write
    transaction stops every other writer); the short write transaction then checks that
    the original's segments are still the ones aligned, or raises InvalidTransition.
    """
    lang = parse_locale(locale)
    # a translation without a headline (plain text) leaves the title to the translator
    target = segment_file(ctx, data, source=source, locale=lang, format=format, require_title=False)
    with ctx.db.transaction(write=False) as conn:
        user = viewer(conn, user_id)
        if user is not None:
            require_reviewer(user)  # editors pair, in the browser and through the API
        article = visible_article(conn, ref, user)
        lang = target_locale(lang, allowed=ctx.settings.target_locales, source=article.locale)
        segments = tuple(s for _, s in articles.article_segments(conn, article.id))
    body = [s for s in segments if s.kind is SegmentKind.BODY]
    sources = [s.source for s in body]
    # No network call and no alignment holds the database.
    machine = machine_evidence(ctx, article, sources, lang, mt_provider)
    with ctx.db.transaction(write=False) as conn:
        evidence = gather(conn, ctx, article, sources, lang, machine)
    beads = align(
        sources,
        target.body,
        source_lang=article.locale,
        target_lang=lang,
        source_breaks=starts_of([s.paragraph for s in body]),
        target_breaks=paragraph_starts(target),
        lexicon=evidence.lexicon or None,
        source_mt=evidence.known if any(evidence.known) else None,
    )
    fills = fills_from_beads(beads, [s.key for s in body], target.body)
    for s in segments:
        text = _meta_field(target.meta, s.kind)
        if text:
            fills[s.key] = (text, 1.0)
    now = ctx.clock()
    with ctx.db.transaction() as conn:
        user = viewer(conn, user_id)
        if user is not None:
            require_reviewer(user)
        article = visible_article(conn, article.id, user)
        if tuple(s for _, s in articles.article_segments(conn, article.id)) != segments:
            raise InvalidTransition(
                "the original of %(slug)r was corrected while the translation was "
                "being aligned; nothing was paired: pair it again",
                slug=article.slug,
            )
        loc_id = localizations.ensure_localization(conn, article.id, lang, now)
        localizations.set_pairing(
            conn,
            loc_id,
            target_meta=target.meta,
            target_sentences=target.body,
            target_breaks=paragraph_starts(target),
        )
        localizations.set_beads(conn, loc_id, beads)
        outcome = apply_fills(
            conn, loc_id, fills, changed_by=user_id, actor=user_id, now=now, action=Action.ALIGN
        )
        localizations.bump_revision(conn, loc_id)
        provider = f" ({machine.provider})" if machine.provider else ""
        audit.audit(
            conn,
            action="pair",
            now=now,
            user_id=user_id,
            article_id=article.id,
            locale=lang,
            detail=Message(
                "%(src)s: %(n_beads)s beads, %(filled)s segments pre-filled, %(kept)s "
                "kept; evidence: %(terms)s glossary terms, %(memory_hits)s memory "
                "matches, %(mt_hits)s MT%(provider)s",
                src=source,
                n_beads=len(beads),
                filled=outcome.filled,
                kept=outcome.kept,
                terms=evidence.terms,
                memory_hits=evidence.memory_hits,
                mt_hits=evidence.mt_hits,
                provider=provider,
            ),
        )
    _remember_aligned(ctx, article, lang)
    return PairResult(
        article=article.id,
        slug=article.slug,
        locale=lang,
        beads=tuple(beads),
        prefilled=outcome.filled,
        kept=outcome.kept,
        memory_hits=evidence.memory_hits,
        mt_hits=evidence.mt_hits,
        terms=evidence.terms,
        mt_failed=machine.failed,
    )


#: Aligned pairs written to the memory per transaction (each one short: see below).
MEMORY_BATCH = 500


def _remember_aligned(ctx: Context, article: Article, locale: str) -> None:
    """Put the article × locale's aligned pairs in the memory, a batch a transaction.

    After the pairing has committed, in short write transactions, so that a pairing of
    thousands of sentences never holds SQLite's write lock for long. The memory skips
    pairs it has already, so a pairing that dies half-way is completed by the next one.
    """
    with ctx.db.transaction(write=False) as conn:
        paired = localizations.localized_article(conn, article, locale)
    aligned = [e for e in paired.entries if e.translation.origin == "aligned"]
    for start in range(0, len(aligned), MEMORY_BATCH):
        with ctx.db.transaction() as conn:
            batch = aligned[start : start + MEMORY_BATCH]
            remember(conn, article, locale, batch, origin="aligned", approver=None)


def list_articles(ctx: Context, *, user_id: int | None = None) -> list[ArticleOverview]:
    """Every article the user may see, newest first, with segments by state per target
    locale."""
    with ctx.db.transaction(write=False) as conn:
        desks = visible_desks(viewer(conn, user_id))
        counts = queues.state_counts(conn)
        flags = queues.publication_flags(conn)
        out = []
        for article in articles.list_articles(conn, desks=desks):
            progress = []
            for (aid, loc), c in sorted(counts.items()):
                if aid != article.id:
                    continue
                states = [s for s, n in c.items() for _ in range(n)]
                state = localization_state_for(states, *flags.get((aid, loc), (False, False)))
                progress.append(LocaleProgress(locale=loc, state=state, counts=c))
            out.append(ArticleOverview(article=article, locales=tuple(progress)))
        return out


def import_desks(ctx: Context, *, user_id: int | None = None) -> list[str]:
    """The desks the user may import onto: their own; for admins and the system every desk
    in use (and "news")."""
    with ctx.db.transaction(write=False) as conn:
        user = viewer(conn, user_id)
        if user is not None and not user.role.can_manage:
            return list(user.desks)
        return sorted({*articles.desks_in_use(conn), "news"})


def get_article(ctx: Context, ref: str | int, *, user_id: int | None = None) -> Article:
    """The article by id or slug, if the user may see it (NotFound otherwise)."""
    with ctx.db.transaction(write=False) as conn:
        return visible_article(conn, ref, viewer(conn, user_id))


def show_article(
    ctx: Context, ref: str | int, locale: str | None = None, *, user_id: int | None = None
) -> LocalizedArticle:
    """The article × locale with every entry; without a locale, its first target locale."""
    with ctx.db.transaction(write=False) as conn:
        article = visible_article(conn, ref, viewer(conn, user_id))
        if locale is None:
            existing = localizations.localization_locales(conn, article.id)
            lang = existing[0] if existing else ctx.settings.target_locales[0]
        else:
            lang = parse_locale(locale)
        if localizations.localization_id(conn, article.id, lang) is None:
            return _untranslated(conn, article, lang)
        return localizations.localized_article(conn, article, lang)


def _untranslated(conn: Connection, article: Article, locale: str) -> LocalizedArticle:
    entries = tuple(
        Entry(
            segment=s,
            translation=Translation(
                key=s.key, locale=locale, text="", state=SegmentState.EMPTY, version=0
            ),
        )
        for _, s in articles.article_segments(conn, article.id)
    )
    return LocalizedArticle(
        article=article, locale=locale, state=LocalizationState.DRAFT, entries=entries
    )


def _meta_field(meta: ArticleMeta, kind: SegmentKind) -> str | None:
    if kind is SegmentKind.TITLE:
        return meta.title
    if kind is SegmentKind.SUBTITLE:
        return meta.subtitle
    if kind is SegmentKind.BYLINE:
        return meta.byline
    return None


def _slug_from(source: str, title: str) -> str:
    stem = PurePath(source).stem if source and source != "-" else ""
    for text in (stem, title):
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80]
        if slug:
            return slug
    return "article"


def insert_original(
    conn: Connection,
    seg: SegmentedArticle,
    *,
    slug: str,
    locale: str,
    desk: str,
    now: datetime,
) -> tuple[int, str]:
    """Store a segmented original and its segments under ``slug`` (``-2``, ``-3``… added
    when it is taken): its id and the slug it got."""
    final_slug = _unique_slug(conn, slug)
    article_id = articles.insert_article(
        conn,
        slug=final_slug,
        locale=locale,
        fmt=seg.format,
        meta=seg.meta,
        layout=seg.layout,
        now=now,
        desk=desk,
    )
    articles.insert_segments(conn, article_id, seg.segments)
    return article_id, final_slug


def _unique_slug(conn: Connection, slug: str) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,79}", slug) or slug.isdigit():
        raise BadInput(
            "slug %(slug)r must be lower-case letters, digits and dashes, not only digits",
            slug=slug,
            field="slug",
        )
    candidate, n = slug, 1
    while articles.slug_taken(conn, candidate):
        n += 1
        candidate = f"{slug}-{n}"
    return candidate


def set_embargo(
    ctx: Context, ref: str | int, embargoed: bool, *, user_id: int | None = None
) -> Article:
    """Embargo an article (or lift it): an embargoed story never goes to a third-party MT."""
    now = ctx.clock()
    with ctx.db.transaction() as conn:
        article = visible_article(conn, ref, viewer(conn, user_id))
        articles.set_embargo(conn, article.id, embargoed)
        audit.audit(
            conn,
            action="embargo" if embargoed else "embargo-lifted",
            now=now,
            user_id=user_id,
            article_id=article.id,
        )
        return articles.find_article(conn, article.id)
