"""Articles and their segments: the ``articles`` and ``segments`` tables.

An article row holds the original edition's metadata, layout, desk and embargo; its
segments are the original's title, subtitle, body sentences and byline in order, each
with its stable key (:mod:`workflow.keys`). A correction of the original moves, edits,
adds (with an EMPTY translation in every locale) and retires (obsolete, kept for the
catalog's history) segments.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import (
    Connection,
    Row,
    Select,
    Text,
    and_,
    bindparam,
    cast,
    insert,
    or_,
    select,
    true,
    update,
)

from workflow.errors import NotFound
from workflow.keys import segment_keys
from workflow.model import Article, ArticleMeta, LayoutBlock, Segment, SegmentDraft, SegmentKind
from workflow.states import SegmentState
from workflow.store.rows import inserted_id
from workflow.store.tables import articles, localizations, segments, translations, users
from workflow.store.users import desks_from_text


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _edition(meta: ArticleMeta, layout: Sequence[LayoutBlock]) -> dict[str, Any]:
    """The columns of the original edition: its metadata (as JSON, dates as ISO text with
    their offset) and its layout."""
    return meta.to_dict() | {"layout": [b.to_dict() for b in layout]}


def _article(row: Row[Any]) -> Article:
    meta = ArticleMeta(
        title=row.title,
        subtitle=row.subtitle,
        posted=_dt(row.posted),
        modified=_dt(row.modified),
        byline=row.byline,
        images=tuple(row.images),
        source_url=row.source_url,
    )
    layout = _layout(row.layout_text)
    return Article(
        id=row.id,
        slug=row.slug,
        locale=row.locale,
        meta=meta,
        layout=layout,
        format=row.format,
        created_at=row.created_at,
        embargoed=bool(row.embargoed),
        desk=row.desk,
    )


#: An article's columns, its layout as the JSON text it is stored as: decoding the layout of
#: a 20,000-sentence article takes a tenth of a second, and every request that names the
#: article reads it, so the decoded layout is kept by its text (:func:`_layout`).
_ARTICLE_COLUMNS = (
    *(c for c in articles.c if c.name != "layout"),
    cast(articles.c.layout, Text).label("layout_text"),
)


@lru_cache(maxsize=32)
def _layout(text: str) -> tuple[LayoutBlock, ...]:
    """The layout stored as ``text``; the same text gives the same (immutable) value."""
    return tuple(LayoutBlock.from_dict(b) for b in json.loads(text))


def slug_taken(conn: Connection, slug: str) -> bool:
    return conn.execute(select(articles.c.id).where(articles.c.slug == slug)).first() is not None


def insert_article(
    conn: Connection,
    *,
    slug: str,
    locale: str,
    fmt: str,
    meta: ArticleMeta,
    layout: Sequence[LayoutBlock],
    now: datetime,
    desk: str = "news",
) -> int:
    return inserted_id(
        conn,
        insert(articles).values(
            slug=slug,
            desk=desk,
            locale=locale,
            format=fmt,
            **_edition(meta, layout),
            created_at=now,
        ),
    )


def insert_segments(conn: Connection, article_id: int, drafts: Sequence[SegmentDraft]) -> None:
    rows = [
        {
            "article_id": article_id,
            "key": key,
            "kind": d.kind.value,
            "position": i,
            "paragraph": d.paragraph,
            "sentence": d.sentence,
            "source": d.text,
        }
        for i, (key, d) in enumerate(zip(segment_keys(drafts), drafts, strict=True))
    ]
    conn.execute(insert(segments), rows)


def find_article(conn: Connection, ref: str | int) -> Article:
    """An article by id or slug."""
    return _article(_find_row(conn, ref, None))


def find_article_in(conn: Connection, ref: str | int, locale: str) -> tuple[Article, int | None]:
    """An article by id or slug, and the id of its article × ``locale`` (None: none yet), in
    one query: every request that names an article × locale asks both."""
    row = _find_row(conn, ref, locale)
    return _article(row), row.localization_id


def _find_row(conn: Connection, ref: str | int, locale: str | None) -> Row[Any]:
    ref_s = str(ref)
    values: dict[str, Any] = {"slug": ref_s}
    if ref_s.isdigit():
        values["id"] = int(ref_s)
    if locale is not None:
        values["locale"] = locale
    row = conn.execute(_find_query(ref_s.isdigit(), locale is not None), values).first()
    if row is None:
        raise article_not_found(ref)
    return row


@cache
def _find_query(by_id: bool, in_locale: bool) -> Select[Any]:
    """Built once (nearly every request looks an article up): by slug, or by slug or id;
    with ``in_locale``, the article × locale's id beside it."""
    cond = articles.c.slug == bindparam("slug")
    if by_id:
        cond = or_(cond, articles.c.id == bindparam("id"))
    if not in_locale:
        return select(*_ARTICLE_COLUMNS).where(cond).order_by(articles.c.id)
    joined = articles.outerjoin(
        localizations,
        and_(
            localizations.c.article_id == articles.c.id,
            localizations.c.locale == bindparam("locale"),
        ),
    )
    return (
        select(*_ARTICLE_COLUMNS, localizations.c.id.label("localization_id"))
        .select_from(joined)
        .where(cond)
        .order_by(articles.c.id)
    )


def article_not_found(ref: str | int) -> NotFound:
    """The one answer for an article that does not exist or that the user may not see."""
    return NotFound("no article %(ref)r (give its id or slug)", ref=str(ref))


def desks_in_use(conn: Connection) -> list[str]:
    """Every desk that owns an article or has a member, sorted."""
    names = set(conn.execute(select(articles.c.desk).distinct()).scalars())
    for text in conn.execute(select(users.c.desks).distinct()).scalars():
        names.update(desks_from_text(text))
    return sorted(names)


def list_articles(conn: Connection, *, desks: Sequence[str] | None = None) -> list[Article]:
    """Every article, newest first; with ``desks``, only those of these desks."""
    q = select(*_ARTICLE_COLUMNS).order_by(articles.c.id.desc())
    if desks is not None:
        q = q.where(articles.c.desk.in_(list(desks)))
    return [_article(r) for r in conn.execute(q)]


def embargoed_slugs(conn: Connection) -> list[str]:
    """The slugs of the articles under embargo now (their memory units are withheld)."""
    return list(conn.execute(select(articles.c.slug).where(articles.c.embargoed)).scalars())


def set_embargo(conn: Connection, article_id: int, embargoed: bool) -> None:
    conn.execute(update(articles).where(articles.c.id == article_id).values(embargoed=embargoed))


#: Kinds by their stored value: a dict lookup, not an Enum call, for each of 20,000 rows.
_KINDS = {k.value: k for k in SegmentKind}


def segment_of(r: Row[Any]) -> Segment:
    """The segment of a row that has the ``segments`` table's columns."""
    return Segment(
        key=r.key,
        kind=_KINDS.get(r.kind) or SegmentKind(r.kind),
        position=r.position,
        source=r.source,
        paragraph=r.paragraph,
        sentence=r.sentence,
        previous_source=r.previous_source,
    )


def article_segments(
    conn: Connection, article_id: int, *, obsolete: bool = False
) -> list[tuple[int, Segment]]:
    """The article's live segments (or, with ``obsolete=True``, its removed ones) in order."""
    rows = conn.execute(
        select(segments)
        .where(and_(segments.c.article_id == article_id, segments.c.obsolete == obsolete))
        .order_by(segments.c.position)
    )
    return [(r.id, segment_of(r)) for r in rows]


def segments_by_key(conn: Connection, article_id: int) -> dict[str, Segment]:
    """The article's live segments by key (to name them as people do)."""
    return {s.key: s for _id, s in article_segments(conn, article_id)}


def segment_by_key(conn: Connection, article_id: int, key: str) -> Segment | None:
    """One segment of the article, live or removed, by its key."""
    row = conn.execute(
        select(segments).where(and_(segments.c.article_id == article_id, segments.c.key == key))
    ).first()
    return None if row is None else segment_of(row)


def obsolete_keys(conn: Connection, article_id: int) -> set[str]:
    return set(
        conn.execute(
            select(segments.c.key).where(
                and_(segments.c.article_id == article_id, segments.c.obsolete == true())
            )
        ).scalars()
    )


def place_segment(
    conn: Connection,
    article_id: int,
    key: str,
    draft: SegmentDraft,
    position: int,
    *,
    source: str | None = None,
    previous_source: str | None = None,
) -> int:
    """Move a segment to its new place (and, for an edit, give it its new source)."""
    values: dict[str, Any] = {
        "position": position,
        "paragraph": draft.paragraph,
        "sentence": draft.sentence,
        "kind": draft.kind.value,
    }
    if source is not None:
        values |= {"source": source, "previous_source": previous_source}
    conn.execute(
        update(segments)
        .where(and_(segments.c.article_id == article_id, segments.c.key == key))
        .values(**values)
    )
    return int(
        conn.execute(
            select(segments.c.id).where(
                and_(segments.c.article_id == article_id, segments.c.key == key)
            )
        ).scalar_one()
    )


def add_segment(
    conn: Connection, article_id: int, key: str, draft: SegmentDraft, position: int
) -> int:
    """A new segment, with an EMPTY translation in every locale the article has."""
    seg_id = inserted_id(
        conn,
        insert(segments).values(
            article_id=article_id,
            key=key,
            kind=draft.kind.value,
            position=position,
            paragraph=draft.paragraph,
            sentence=draft.sentence,
            source=draft.text,
            obsolete=False,
        ),
    )
    loc_ids = select(localizations.c.id).where(localizations.c.article_id == article_id)
    for loc_id in list(conn.execute(loc_ids).scalars()):
        conn.execute(
            insert(translations).values(
                localization_id=loc_id,
                segment_id=seg_id,
                text="",
                state=int(SegmentState.EMPTY),
                version=0,
            )
        )
    return seg_id


def retire_segment(conn: Connection, article_id: int, key: str, position: int) -> None:
    """The segment left the original: obsolete, kept with its translations for history."""
    conn.execute(
        update(segments)
        .where(and_(segments.c.article_id == article_id, segments.c.key == key))
        .values(obsolete=True, position=position)
    )


def update_article_meta(
    conn: Connection, article_id: int, meta: ArticleMeta, layout: Sequence[LayoutBlock]
) -> None:
    conn.execute(
        update(articles).where(articles.c.id == article_id).values(**_edition(meta, layout))
    )
