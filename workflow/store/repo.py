"""Repository functions: SQL in, domain values out. Every function takes an open connection.

Services own the transaction (``Database.transaction``); nothing here commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Row,
    Select,
    and_,
    bindparam,
    false,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.orm import aliased

from workflow.errors import NotFound
from workflow.model import (
    Article,
    ArticleMeta,
    Bead,
    Entry,
    LocalizedArticle,
    Translation,
)
from workflow.states import SegmentState, localization_state_for
from workflow.store.articles import article_segments, segment_of
from workflow.store.tables import (
    articles,
    audit_log,
    comments,
    localizations,
    qa_dismissals,
    revisions,
    segments,
    translations,
    users,
)

# --- articles and segments --------------------------------------------------------------


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


def mark_published(conn: Connection, loc_id: int, user_id: int, now: datetime) -> None:
    conn.execute(
        update(localizations)
        .where(localizations.c.id == loc_id)
        .values(
            published_revision=localizations.c.revision,
            published_at=now,
            published_by=user_id,
            needs_update=False,
        )
    )


def localized_article(conn: Connection, article: Article, locale: str) -> LocalizedArticle:
    """The article × locale with every entry, in article order."""
    loc = localization_row(conn, article.id, locale)
    if loc is None:
        raise NotFound(f"article {article.slug!r} has no {locale!r} translation yet")
    entries = tuple(_entry(r, locale) for r in conn.execute(_entries_query(loc.id)))
    obsolete = tuple(_entry(r, locale) for r in conn.execute(_entries_query(loc.id, obsolete=True)))
    published = loc.published_revision is not None and loc.published_revision == loc.revision
    state = localization_state_for(
        [e.translation.state for e in entries], published, loc.needs_update
    )
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


def _entry(r: Row[Any], locale: str) -> Entry:
    return Entry(
        segment=segment_of(r),
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
        .join(segments, segments.c.id == translations.c.segment_id)
        .where(segments.c.obsolete == false())
        .group_by(localizations.c.article_id, localizations.c.locale, translations.c.state)
    )
    out: dict[tuple[int, str], dict[SegmentState, int]] = {}
    for article_id, locale, state, n in rows:
        counts = out.setdefault((article_id, locale), dict.fromkeys(SegmentState, 0))
        counts[SegmentState(state)] = n
    return out


def publication_flags(conn: Connection) -> dict[tuple[int, str], tuple[bool, bool]]:
    """(published, needs update) for every article × locale."""
    rows = conn.execute(
        select(
            localizations.c.article_id,
            localizations.c.locale,
            localizations.c.revision,
            localizations.c.published_revision,
            localizations.c.needs_update,
        )
    )
    return {
        (a, loc): (pub is not None and pub == rev, bool(stale)) for a, loc, rev, pub, stale in rows
    }


def translation_row(conn: Connection, loc_id: int, key: str, *, lock: bool = False) -> Row[Any]:
    """One segment's translation; ``lock`` holds the row (``FOR UPDATE``) until the commit.

    Write services that change a row they read pass ``lock=True``: on PostgreSQL a
    concurrent writer then waits instead of changing the row between the read and the
    compare-and-set (SQLite's write transaction already holds the whole database).
    """
    query = (
        select(translations, segments.c.key, segments.c.source)
        .join(segments, segments.c.id == translations.c.segment_id)
        .where(and_(translations.c.localization_id == loc_id, segments.c.key == key))
    )
    if lock:
        query = query.with_for_update(of=translations)
    row = conn.execute(query).first()
    if row is None:
        raise NotFound(f"no segment with key {key!r} in this article")
    return row


def translation_rows(conn: Connection, loc_id: int, *, lock: bool = False) -> list[Row[Any]]:
    """The article's current translations in order; ``lock`` as in :func:`translation_row`."""
    query = (
        select(translations, segments.c.key, segments.c.source)
        .join(segments, segments.c.id == translations.c.segment_id)
        .where(and_(translations.c.localization_id == loc_id, segments.c.obsolete == false()))
        .order_by(segments.c.position)
    )
    if lock:
        query = query.with_for_update(of=translations)
    return list(conn.execute(query))


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


def change_translation(
    conn: Connection,
    row: Row[Any],
    values: dict[str, Any],
    *,
    action: str,
    user_id: int | None,
    now: datetime,
    note: str | None = None,
) -> bool:
    """Compare-and-set a translation row read earlier, and record the revision.

    False, with nothing written, when someone else changed the row since it was read.
    """
    if not update_translation(conn, row.id, row.version, values):
        return False
    insert_revision(
        conn,
        translation_id=row.id,
        version=row.version + 1,
        text=values.get("text", row.text),
        state=SegmentState(values.get("state", row.state)),
        action=action,
        user_id=user_id,
        now=now,
        note=note,
    )
    return True


def change_translations(
    conn: Connection,
    changes: Sequence[tuple[Row[Any], dict[str, Any], str | None]],
    *,
    action: str,
    user_id: int | None,
    now: datetime,
) -> bool:
    """:func:`change_translation` for many rows read (and locked) earlier, as two batched
    statements: ``(row, values, note)`` each, every ``values`` with the same keys.

    False when a row was changed by someone else since it was read; the caller must then
    roll back (which rows is not known). A pairing of 20,000 sentences writes in well
    under a second this way, where one statement a row kept SQLite's write lock for ~25 s.
    """
    if not changes:
        return True
    names = list(changes[0][1])
    result = conn.execute(
        update(translations)
        .where(
            and_(translations.c.id == bindparam("_id"), translations.c.version == bindparam("_v"))
        )
        .values(version=bindparam("_next"), **{n: bindparam(f"set_{n}") for n in names}),
        [
            {"_id": row.id, "_v": row.version, "_next": row.version + 1}
            | {f"set_{n}": values[n] for n in names}
            for row, values, _ in changes
        ],
    )
    if result.rowcount != len(changes):
        return False
    conn.execute(
        insert(revisions),
        [
            {
                "translation_id": row.id,
                "version": row.version + 1,
                "text": values.get("text", row.text),
                "state": int(values.get("state", row.state)),
                "action": action,
                "user_id": user_id,
                "note": note,
                "created_at": now,
            }
            for row, values, note in changes
        ],
    )
    return True


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


AUDIT_TARGET_CHARS = 80  # audit_log.target is String(80)


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
    """One audit entry; a ``target`` longer than its column is shortened with "…"."""
    width = AUDIT_TARGET_CHARS
    if target is not None and len(target) > width:
        target = target[: width - 1] + "…"
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


# --- comments ---------------------------------------------------------------------------


def insert_comment(
    conn: Connection, translation_id: int, user_id: int, body: str, now: datetime
) -> None:
    conn.execute(
        insert(comments).values(
            translation_id=translation_id, user_id=user_id, body=body, created_at=now
        )
    )


def comments_for(conn: Connection, loc_id: int) -> list[Row[Any]]:
    """Every comment of an article × locale with its segment key, oldest first."""
    return list(
        conn.execute(
            select(comments, users.c.name.label("user_name"), segments.c.key)
            .join(translations, translations.c.id == comments.c.translation_id)
            .join(segments, segments.c.id == translations.c.segment_id)
            .outerjoin(users, users.c.id == comments.c.user_id)
            .where(translations.c.localization_id == loc_id)
            .order_by(comments.c.id)
        )
    )


# --- assignments and queues -------------------------------------------------------------


def assign(
    conn: Connection,
    loc_id: int,
    *,
    translator_id: int | None,
    reviewer_id: int | None,
    deadline: datetime | None,
) -> None:
    conn.execute(
        update(localizations)
        .where(localizations.c.id == loc_id)
        .values(translator_id=translator_id, reviewer_id=reviewer_id, deadline=deadline)
    )


def localization_rows(conn: Connection) -> list[Row[Any]]:
    """Every article × locale with its article, assignees' names and deadline."""
    translator = aliased(users)
    reviewer = aliased(users)
    return list(
        conn.execute(
            select(
                localizations.c.id,
                localizations.c.article_id,
                localizations.c.locale,
                localizations.c.deadline,
                localizations.c.translator_id,
                localizations.c.reviewer_id,
                translator.c.name.label("translator_name"),
                reviewer.c.name.label("reviewer_name"),
            )
            .outerjoin(translator, translator.c.id == localizations.c.translator_id)
            .outerjoin(reviewer, reviewer.c.id == localizations.c.reviewer_id)
            .order_by(localizations.c.deadline.is_(None), localizations.c.deadline)
        )
    )


def audit_query(
    conn: Connection,
    *,
    article_id: int | None = None,
    user_id: int | None = None,
    action: str | None = None,
    limit: int = 200,
    desks: Sequence[str] | None = None,
) -> list[Row[Any]]:
    """Newest first; with ``desks``, entries about other desks' articles are left out."""
    q = (
        select(audit_log, users.c.name.label("user_name"), articles.c.slug)
        .outerjoin(users, users.c.id == audit_log.c.user_id)
        .outerjoin(articles, articles.c.id == audit_log.c.article_id)
        .order_by(audit_log.c.id.desc())
        .limit(limit)
    )
    if article_id is not None:
        q = q.where(audit_log.c.article_id == article_id)
    if user_id is not None:
        q = q.where(audit_log.c.user_id == user_id)
    if action:
        q = q.where(audit_log.c.action == action)
    if desks is not None:
        q = q.where(or_(audit_log.c.article_id.is_(None), articles.c.desk.in_(list(desks))))
    return list(conn.execute(q))


# --- catalog uploads and corrections of the original -------------------------------------


def revision_text(conn: Connection, translation_id: int, version: int) -> str | None:
    """The translation's text at ``version`` from its history; None if unknown."""
    if version == 0:
        return ""
    row = conn.execute(
        select(revisions.c.text).where(
            and_(revisions.c.translation_id == translation_id, revisions.c.version == version)
        )
    ).first()
    return None if row is None else str(row.text)


def localization_ids(conn: Connection, article_id: int) -> list[tuple[int, str, bool]]:
    """(id, locale, ever published) of every article × locale of the article."""
    rows = conn.execute(
        select(
            localizations.c.id, localizations.c.locale, localizations.c.published_revision
        ).where(localizations.c.article_id == article_id)
    )
    return [(int(r.id), str(r.locale), r.published_revision is not None) for r in rows]


def segment_translations(conn: Connection, segment_id: int) -> list[Row[Any]]:
    """A segment's translations in every locale, locked (``FOR UPDATE``) for the caller's write."""
    return list(
        conn.execute(
            select(translations, localizations.c.locale)
            .join(localizations, localizations.c.id == translations.c.localization_id)
            .where(translations.c.segment_id == segment_id)
            .with_for_update(of=translations)
        )
    )


def mark_needs_update(conn: Connection, loc_id: int) -> None:
    conn.execute(
        update(localizations).where(localizations.c.id == loc_id).values(needs_update=True)
    )


# --- QA dismissals ----------------------------------------------------------------------


def dismissals(conn: Connection, loc_id: int) -> dict[tuple[str, str], Row[Any]]:
    """(segment key, check id) → the dismissal valid for the translation's current version."""
    rows = conn.execute(
        select(qa_dismissals, segments.c.key, users.c.name.label("user_name"))
        .join(translations, translations.c.id == qa_dismissals.c.translation_id)
        .join(segments, segments.c.id == translations.c.segment_id)
        .outerjoin(users, users.c.id == qa_dismissals.c.user_id)
        .where(
            and_(
                translations.c.localization_id == loc_id,
                qa_dismissals.c.version == translations.c.version,
            )
        )
    )
    return {(r.key, r.check_id): r for r in rows}


def insert_dismissal(
    conn: Connection,
    *,
    translation_id: int,
    check_id: str,
    version: int,
    reason: str,
    user_id: int,
    now: datetime,
) -> None:
    conn.execute(
        insert(qa_dismissals).values(
            translation_id=translation_id,
            check_id=check_id,
            version=version,
            reason=reason,
            user_id=user_id,
            created_at=now,
        )
    )


# --- dashboard --------------------------------------------------------------------------


def revisions_since(
    conn: Connection, since: datetime, *, desks: Sequence[str] | None = None
) -> list[Row[Any]]:
    """(created_at, state, action, user name) of every revision since ``since``;
    with ``desks``, only of those desks' articles."""
    q = (
        select(
            revisions.c.created_at,
            revisions.c.state,
            revisions.c.action,
            users.c.name.label("user_name"),
        )
        .outerjoin(users, users.c.id == revisions.c.user_id)
        .where(revisions.c.created_at >= since)
    )
    if desks is not None:
        q = (
            q.join(translations, translations.c.id == revisions.c.translation_id)
            .join(localizations, localizations.c.id == translations.c.localization_id)
            .join(articles, articles.c.id == localizations.c.article_id)
            .where(articles.c.desk.in_(list(desks)))
        )
    return list(conn.execute(q))


def publication_times(conn: Connection, *, desks: Sequence[str] | None = None) -> list[Row[Any]]:
    """Import and first publication time of every published article × locale
    (with ``desks``, of those desks' articles)."""
    q = (
        select(
            articles.c.slug,
            localizations.c.locale,
            articles.c.created_at,
            localizations.c.published_at,
        )
        .join(articles, articles.c.id == localizations.c.article_id)
        .where(localizations.c.published_at.is_not(None))
    )
    if desks is not None:
        q = q.where(articles.c.desk.in_(list(desks)))
    return list(conn.execute(q))
