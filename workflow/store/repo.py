"""Repository functions: SQL in, domain values out. Every function takes an open connection.

Services own the transaction (``Database.transaction``); nothing here commits.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, Select, and_, func, insert, or_, select, update
from sqlalchemy.orm import aliased

from workflow.errors import NotFound
from workflow.model import (
    Article,
    ArticleMeta,
    Bead,
    Entry,
    LayoutBlock,
    LocalizedArticle,
    Segment,
    SegmentDraft,
    SegmentKind,
    Translation,
    User,
)
from workflow.states import Role, SegmentState, localization_state_for
from workflow.store.tables import (
    articles,
    audit_log,
    localizations,
    revisions,
    segments,
    translations,
    users,
)

# --- users -----------------------------------------------------------------------------


def _user(row: Row[Any]) -> User:
    return User(id=row.id, name=row.name, role=Role(row.role), active=row.active)


def insert_user(conn: Connection, name: str, role: Role, password_hash: str, now: datetime) -> User:
    uid = conn.execute(
        insert(users).values(
            name=name, role=role.value, password_hash=password_hash, active=True, created_at=now
        )
    ).inserted_primary_key
    assert uid is not None
    return User(id=uid[0], name=name, role=role)


def user_by_name(conn: Connection, name: str) -> tuple[User, str] | None:
    """The user and their password hash, or None."""
    row = conn.execute(select(users).where(users.c.name == name)).first()
    return (_user(row), row.password_hash) if row else None


def user_by_id(conn: Connection, user_id: int) -> User:
    row = conn.execute(select(users).where(users.c.id == user_id)).first()
    if row is None:
        raise NotFound(f"no user with id {user_id}")
    return _user(row)


def list_users(conn: Connection) -> list[User]:
    return [_user(r) for r in conn.execute(select(users).order_by(users.c.name))]


def set_password(conn: Connection, user_id: int, password_hash: str) -> None:
    conn.execute(update(users).where(users.c.id == user_id).values(password_hash=password_hash))


# --- articles and segments --------------------------------------------------------------


def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt else None


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _layout_to_json(layout: Sequence[LayoutBlock]) -> list[dict[str, Any]]:
    return [
        {"type": b.type, "paragraph": b.paragraph, "placeholder": b.placeholder} for b in layout
    ]


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
    layout = tuple(
        LayoutBlock(type=b["type"], paragraph=b.get("paragraph"), placeholder=b.get("placeholder"))
        for b in row.layout
    )
    return Article(
        id=row.id,
        slug=row.slug,
        locale=row.locale,
        meta=meta,
        layout=layout,
        format=row.format,
        created_at=row.created_at,
    )


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
) -> int:
    pk = conn.execute(
        insert(articles).values(
            slug=slug,
            locale=locale,
            format=fmt,
            title=meta.title,
            subtitle=meta.subtitle,
            byline=meta.byline,
            posted=_iso(meta.posted),
            modified=_iso(meta.modified),
            source_url=meta.source_url,
            images=list(meta.images),
            layout=_layout_to_json(layout),
            created_at=now,
        )
    ).inserted_primary_key
    assert pk is not None
    return int(pk[0])


def segment_keys(drafts: Sequence[SegmentDraft]) -> list[str]:
    """Stable keys: the kind for title/subtitle/byline, a digest of text and occurrence for body.

    An unchanged sentence keeps its key when the original is corrected, as msgmerge keeps
    entries; a new sentence gets a new one.
    """
    keys: list[str] = []
    seen: dict[str, int] = {}
    for d in drafts:
        if d.kind is not SegmentKind.BODY:
            keys.append(d.kind.value)
            continue
        n = seen.get(d.text, 0)
        seen[d.text] = n + 1
        digest = hashlib.sha1(f"{d.text}\x00{n}".encode()).hexdigest()
        keys.append(f"s-{digest[:10]}")
    return keys


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
    ref_s = str(ref)
    cond = articles.c.slug == ref_s
    if ref_s.isdigit():
        cond = or_(cond, articles.c.id == int(ref_s))
    row = conn.execute(select(articles).where(cond).order_by(articles.c.id)).first()
    if row is None:
        raise NotFound(f"no article {ref_s!r} (give its id or slug)")
    return _article(row)


def list_articles(conn: Connection) -> list[Article]:
    return [_article(r) for r in conn.execute(select(articles).order_by(articles.c.id.desc()))]


def article_segments(conn: Connection, article_id: int) -> list[tuple[int, Segment]]:
    rows = conn.execute(
        select(segments).where(segments.c.article_id == article_id).order_by(segments.c.position)
    )
    return [
        (
            r.id,
            Segment(
                key=r.key,
                kind=SegmentKind(r.kind),
                position=r.position,
                source=r.source,
                paragraph=r.paragraph,
                sentence=r.sentence,
            ),
        )
        for r in rows
    ]


# --- localizations and translations -----------------------------------------------------


def localization_row(conn: Connection, article_id: int, locale: str) -> Row[Any] | None:
    return conn.execute(
        select(localizations).where(
            and_(localizations.c.article_id == article_id, localizations.c.locale == locale)
        )
    ).first()


def ensure_localization(conn: Connection, article_id: int, locale: str, now: datetime) -> int:
    """The article × locale's id, created with EMPTY translations when new."""
    row = localization_row(conn, article_id, locale)
    if row is not None:
        return int(row.id)
    pk = conn.execute(
        insert(localizations).values(
            article_id=article_id, locale=locale, revision=0, created_at=now
        )
    ).inserted_primary_key
    assert pk is not None
    loc_id = int(pk[0])
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
    conn: Connection, loc_id: int, target_meta: ArticleMeta, beads: Sequence[Bead]
) -> None:
    conn.execute(
        update(localizations)
        .where(localizations.c.id == loc_id)
        .values(
            target_meta=target_meta.to_dict(),
            beads=[[list(b.source), list(b.target), b.confidence] for b in beads],
        )
    )


def bump_revision(conn: Connection, loc_id: int) -> None:
    conn.execute(
        update(localizations)
        .where(localizations.c.id == loc_id)
        .values(revision=localizations.c.revision + 1)
    )


def mark_published(conn: Connection, loc_id: int, user_id: int, now: datetime) -> None:
    conn.execute(
        update(localizations)
        .where(localizations.c.id == loc_id)
        .values(
            published_revision=localizations.c.revision,
            published_at=now,
            published_by=user_id,
        )
    )


def localized_article(conn: Connection, article: Article, locale: str) -> LocalizedArticle:
    """The article × locale with every entry, in article order."""
    loc = localization_row(conn, article.id, locale)
    if loc is None:
        raise NotFound(f"article {article.slug!r} has no {locale!r} translation yet")
    entries = tuple(_entry(r, locale) for r in conn.execute(_entries_query(loc.id)))
    published = loc.published_revision is not None and loc.published_revision == loc.revision
    state = localization_state_for([e.translation.state for e in entries], published)
    beads = tuple(
        Bead(source=tuple(b[0]), target=tuple(b[1]), confidence=float(b[2]))
        for b in (loc.beads or [])
    )
    return LocalizedArticle(
        article=article,
        locale=locale,
        state=state,
        entries=entries,
        target_meta=ArticleMeta.from_dict(loc.target_meta) if loc.target_meta else None,
        revision=loc.revision,
        published_at=loc.published_at if published else None,
        beads=beads,
    )


def _entries_query(loc_id: int, key: str | None = None) -> Select[Any]:
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
    return q if key is None else q.where(segments.c.key == key)


def _entry(r: Row[Any], locale: str) -> Entry:
    return Entry(
        segment=Segment(
            key=r.key,
            kind=SegmentKind(r.kind),
            position=r.position,
            source=r.source,
            paragraph=r.paragraph,
            sentence=r.sentence,
        ),
        translation=Translation(
            key=r.key,
            locale=locale,
            text=r.text,
            state=SegmentState(r.state),
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


def entry(conn: Connection, loc_id: int, locale: str, key: str) -> Entry:
    """One segment with its translation, by key."""
    row = conn.execute(_entries_query(loc_id, key)).first()
    if row is None:
        raise NotFound(f"no segment with key {key!r} in this article")
    return _entry(row, locale)


def localization_locales(conn: Connection, article_id: int) -> list[str]:
    return list(
        conn.execute(
            select(localizations.c.locale)
            .where(localizations.c.article_id == article_id)
            .order_by(localizations.c.locale)
        ).scalars()
    )


def state_counts(conn: Connection) -> dict[tuple[int, str], dict[SegmentState, int]]:
    """Segments by state for every article × locale, in one query."""
    rows = conn.execute(
        select(
            localizations.c.article_id,
            localizations.c.locale,
            translations.c.state,
            func.count(),
        )
        .join(translations, translations.c.localization_id == localizations.c.id)
        .group_by(localizations.c.article_id, localizations.c.locale, translations.c.state)
    )
    out: dict[tuple[int, str], dict[SegmentState, int]] = {}
    for article_id, locale, state, n in rows:
        counts = out.setdefault((article_id, locale), dict.fromkeys(SegmentState, 0))
        counts[SegmentState(state)] = n
    return out


def published_revisions(conn: Connection) -> dict[tuple[int, str], bool]:
    rows = conn.execute(
        select(
            localizations.c.article_id,
            localizations.c.locale,
            localizations.c.revision,
            localizations.c.published_revision,
        )
    )
    return {(a, loc): pub is not None and pub == rev for a, loc, rev, pub in rows}


def translation_row(conn: Connection, loc_id: int, key: str) -> Row[Any]:
    row = conn.execute(
        select(translations, segments.c.key, segments.c.source)
        .join(segments, segments.c.id == translations.c.segment_id)
        .where(and_(translations.c.localization_id == loc_id, segments.c.key == key))
    ).first()
    if row is None:
        raise NotFound(f"no segment with key {key!r} in this article")
    return row


def translation_rows(conn: Connection, loc_id: int) -> list[Row[Any]]:
    return list(
        conn.execute(
            select(translations, segments.c.key, segments.c.source)
            .join(segments, segments.c.id == translations.c.segment_id)
            .where(translations.c.localization_id == loc_id)
            .order_by(segments.c.position)
        )
    )


def update_translation(
    conn: Connection, translation_id: int, expected_version: int, values: dict[str, Any]
) -> bool:
    """Compare-and-set on ``version``: False when someone else changed the row first."""
    result = conn.execute(
        update(translations)
        .where(
            and_(translations.c.id == translation_id, translations.c.version == expected_version)
        )
        .values(version=expected_version + 1, **values)
    )
    return result.rowcount == 1


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


def revisions_for(conn: Connection, translation_id: int) -> list[Row[Any]]:
    return list(
        conn.execute(
            select(revisions, users.c.name.label("user_name"))
            .outerjoin(users, users.c.id == revisions.c.user_id)
            .where(revisions.c.translation_id == translation_id)
            .order_by(revisions.c.id)
        )
    )


def audit(
    conn: Connection,
    *,
    action: str,
    now: datetime,
    user_id: int | None = None,
    article_id: int | None = None,
    locale: str | None = None,
    target: str | None = None,
    from_state: str | None = None,
    to_state: str | None = None,
    detail: str | None = None,
) -> None:
    conn.execute(
        insert(audit_log).values(
            created_at=now,
            user_id=user_id,
            article_id=article_id,
            locale=locale,
            action=action,
            target=target,
            from_state=from_state,
            to_state=to_state,
            detail=detail,
        )
    )


def audit_entries(conn: Connection, article_id: int | None = None) -> list[Row[Any]]:
    q = (
        select(audit_log, users.c.name.label("user_name"))
        .outerjoin(users, users.c.id == audit_log.c.user_id)
        .order_by(audit_log.c.id.desc())
    )
    if article_id is not None:
        q = q.where(audit_log.c.article_id == article_id)
    return list(conn.execute(q))
