"""Article × locale: the ``localizations`` table, and the article read with its entries.

A localization row carries the paired edition (its metadata, body sentences, paragraph
starts and the beads between the two sides), a ``revision`` counter that every change
bumps, and what was published last. :func:`localized_article` reads an article × locale
with every segment and translation (``segments`` joined with ``translations``) as the
domain's :class:`~workflow.model.LocalizedArticle`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection, Row, Select, and_, bindparam, insert, select, update
from sqlalchemy.orm import aliased

from workflow.errors import NotFound
from workflow.model import (
    Article,
    ArticleMeta,
    Bead,
    Entry,
    LocalizedArticle,
    SegmentKind,
    Translation,
)
from workflow.states import LocalizationState, SegmentState, localization_state_for
from workflow.store.articles import article_segments, segment_of
from workflow.store.rows import inserted_id, record
from workflow.store.tables import localizations, segments, translations, users


@dataclass(frozen=True)
class LocalizationRecord:
    """An article × locale as stored: the paired edition (None when not paired), the
    beads, the revision counter and what was published."""

    id: int
    article_id: int
    locale: str
    revision: int
    published_revision: int | None
    published_at: datetime | None
    needs_update: bool
    target_meta: ArticleMeta | None
    target_sentences: tuple[str, ...] | None
    target_breaks: tuple[int, ...] | None
    beads: tuple[Bead, ...]

    @property
    def published(self) -> bool:
        """Whether the current revision is the published one."""
        return self.published_revision is not None and self.published_revision == self.revision


def _localization(r: Row[Any]) -> LocalizationRecord:
    return record(
        LocalizationRecord,
        r,
        needs_update=bool(r.needs_update),
        target_meta=ArticleMeta.from_dict(r.target_meta) if r.target_meta else None,
        target_sentences=None if r.target_sentences is None else tuple(r.target_sentences),
        target_breaks=None if r.target_breaks is None else tuple(r.target_breaks),
        beads=_beads(r.beads),
    )


def _beads(stored: Any) -> tuple[Bead, ...]:
    return tuple(
        Bead(source=tuple(b[0]), target=tuple(b[1]), confidence=float(b[2])) for b in (stored or [])
    )


def localization_row(conn: Connection, article_id: int, locale: str) -> LocalizationRecord | None:
    """The article × locale, or None when it has no translation in ``locale`` yet."""
    row = conn.execute(
        select(localizations).where(
            and_(localizations.c.article_id == article_id, localizations.c.locale == locale)
        )
    ).first()
    return None if row is None else _localization(row)


def localization_id(conn: Connection, article_id: int, locale: str) -> int | None:
    """The article × locale's id, or None when it has no translation in ``locale`` yet.

    Only the id: every request that names an article × locale asks, and the full row
    carries the paired edition and its beads (tens of thousands of items for a long one).
    """
    query = _localization_id_query()
    return conn.execute(query, {"article_id": article_id, "locale": locale}).scalar_one_or_none()


@cache
def _localization_id_query() -> Select[Any]:
    """Built once: every request that names an article × locale runs it."""
    return select(localizations.c.id).where(
        and_(
            localizations.c.article_id == bindparam("article_id"),
            localizations.c.locale == bindparam("locale"),
        )
    )


def ensure_localization(conn: Connection, article_id: int, locale: str, now: datetime) -> int:
    """The article × locale's id, created with EMPTY translations when new."""
    existing = localization_id(conn, article_id, locale)
    if existing is not None:
        return existing
    loc_id = inserted_id(
        conn,
        insert(localizations).values(
            article_id=article_id, locale=locale, revision=0, created_at=now
        ),
    )
    seg_ids = [sid for sid, _ in article_segments(conn, article_id)]
    conn.execute(
        insert(translations),
        [
            {
                "localization_id": loc_id,
                "segment_id": sid,
                "text": "",
                "state": int(SegmentState.EMPTY),
                "version": 0,
            }
            for sid in seg_ids
        ],
    )
    return loc_id


def set_pairing(
    conn: Connection,
    loc_id: int,
    *,
    target_meta: ArticleMeta,
    target_sentences: Sequence[str],
    target_breaks: Sequence[int],
) -> None:
    """Keep the paired edition: its metadata, body sentences and paragraph starts."""
    conn.execute(
        update(localizations)
        .where(localizations.c.id == loc_id)
        .values(
            target_meta=target_meta.to_dict(),
            target_sentences=list(target_sentences),
            target_breaks=list(target_breaks),
        )
    )


def set_beads(conn: Connection, loc_id: int, beads: Sequence[Bead]) -> None:
    conn.execute(
        update(localizations)
        .where(localizations.c.id == loc_id)
        .values(beads=[[list(b.source), list(b.target), b.confidence] for b in beads])
    )


def bump_revision(conn: Connection, loc_id: int) -> None:
    conn.execute(
        update(localizations)
        .where(localizations.c.id == loc_id)
        .values(revision=localizations.c.revision + 1)
    )


def mark_needs_update(conn: Connection, loc_id: int) -> None:
    conn.execute(
        update(localizations).where(localizations.c.id == loc_id).values(needs_update=True)
    )


def localized_article(conn: Connection, article: Article, locale: str) -> LocalizedArticle:
    """The article × locale with every entry, in article order."""
    loc = localization_row(conn, article.id, locale)
    if loc is None:
        raise NotFound(
            "article %(slug)r has no %(locale)r translation yet", slug=article.slug, locale=locale
        )
    entries = tuple(_entry(r, locale) for r in conn.execute(_entries_query(loc.id)))
    obsolete = tuple(_entry(r, locale) for r in conn.execute(_entries_query(loc.id, obsolete=True)))
    state = localization_state_for(
        [e.translation.state for e in entries], loc.published, loc.needs_update
    )
    return LocalizedArticle(
        article=article,
        locale=locale,
        state=state,
        entries=entries,
        target_meta=loc.target_meta,
        revision=loc.revision,
        published_at=loc.published_at if loc.published else None,
        beads=loc.beads,
        obsolete=obsolete,
    )


def _entries_query(loc_id: int, key: str | None = None, *, obsolete: bool = False) -> Select[Any]:
    editor = aliased(users)
    approver = aliased(users)
    q = (
        select(
            segments,
            translations.c.text,
            translations.c.state,
            translations.c.version,
            translations.c.confidence,
            translations.c.origin,
            translations.c.updated_at,
            translations.c.approved_at,
            translations.c.rejected_reason,
            editor.c.name.label("editor_name"),
            approver.c.name.label("approver_name"),
        )
        .join(translations, translations.c.segment_id == segments.c.id)
        .outerjoin(editor, editor.c.id == translations.c.updated_by)
        .outerjoin(approver, approver.c.id == translations.c.approved_by)
        .where(translations.c.localization_id == loc_id)
        .order_by(segments.c.position)
    )
    if key is not None:
        return q.where(segments.c.key == key)
    return q.where(segments.c.obsolete == obsolete)


#: States by their stored number: a dict lookup, not an Enum call, for each of 20,000 rows.
_STATES = {int(s): s for s in SegmentState}


def _entry(r: Row[Any], locale: str) -> Entry:
    return Entry(
        segment=segment_of(r),
        translation=Translation(
            key=r.key,
            locale=locale,
            text=r.text,
            state=_STATES[r.state] if r.state in _STATES else SegmentState(r.state),
            version=r.version,
            confidence=r.confidence,
            origin=r.origin,
            updated_by=r.editor_name,
            updated_at=r.updated_at,
            approved_by=r.approver_name,
            approved_at=r.approved_at,
            rejected_reason=r.rejected_reason,
        ),
    )


def entries_of(conn: Connection, loc_id: int, locale: str, keys: Sequence[str]) -> list[Entry]:
    """The segments of ``keys`` with their translations, in article order (unknown keys
    are left out): what acting on a few segments reads instead of the whole article."""
    if not keys:
        return []
    q = _entries_query(loc_id).where(segments.c.key.in_(sorted(set(keys))))
    return [_entry(r, locale) for r in conn.execute(q)]


@dataclass(frozen=True)
class SegmentStatus:
    """Where a segment stands, without its texts: what counts, "needs you" and the
    localization's state are made of."""

    key: str
    kind: SegmentKind
    state: SegmentState
    updated_by: str | None
    origin: str | None


@dataclass(frozen=True)
class LocalizationStatus:
    """The article × locale's state over its segments' statuses, and its beads."""

    state: LocalizationState
    segments: tuple[SegmentStatus, ...]
    beads: tuple[Bead, ...]


def localization_status(conn: Connection, loc_id: int) -> LocalizationStatus:
    """Every segment's status in article order, the state and the beads: a row's answer
    reads this instead of every text of the article."""
    loc = conn.execute(
        select(
            localizations.c.published_revision,
            localizations.c.revision,
            localizations.c.needs_update,
            localizations.c.beads,
        ).where(localizations.c.id == loc_id)
    ).one()
    q = (
        select(segments.c.key, segments.c.kind, translations.c.state)
        .add_columns(users.c.name, translations.c.origin)
        .join(translations, translations.c.segment_id == segments.c.id)
        .outerjoin(users, users.c.id == translations.c.updated_by)
        .where(translations.c.localization_id == loc_id, segments.c.obsolete == False)  # noqa: E712
        .order_by(segments.c.position)
    )
    statuses = tuple(
        SegmentStatus(key, SegmentKind(kind), _STATES[state], name, origin)
        for key, kind, state, name, origin in conn.execute(q)
    )
    published = loc.published_revision is not None and loc.published_revision == loc.revision
    return LocalizationStatus(
        state=localization_state_for(
            [s.state for s in statuses], published, bool(loc.needs_update)
        ),
        segments=statuses,
        beads=_beads(loc.beads),
    )


def entry(conn: Connection, loc_id: int, locale: str, key: str) -> Entry:
    """One segment with its translation, by key."""
    row = conn.execute(_entries_query(loc_id, key)).first()
    if row is None:
        raise NotFound("no segment with key %(key)r in this article", key=key)
    return _entry(row, locale)


def localization_locales(conn: Connection, article_id: int) -> list[str]:
    return list(
        conn.execute(
            select(localizations.c.locale)
            .where(localizations.c.article_id == article_id)
            .order_by(localizations.c.locale)
        ).scalars()
    )


def localization_ids(conn: Connection, article_id: int) -> list[tuple[int, str, bool]]:
    """(id, locale, ever published) of every article × locale of the article."""
    rows = conn.execute(
        select(
            localizations.c.id, localizations.c.locale, localizations.c.published_revision
        ).where(localizations.c.article_id == article_id)
    )
    return [(int(r.id), str(r.locale), r.published_revision is not None) for r in rows]
