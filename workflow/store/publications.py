"""Publishing: the ``publications`` table (the outbox of published files) and the locks
a publish takes on ``translations`` and ``localizations``.

A publish locks what it checks in the order every writer uses (the translation rows in
segment order, then the localization row), marks exactly the revision it checked as
published, and records the bytes of its files in ``publications`` (status ``pending``).
After the commit the files are written from that row, which then becomes ``done``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, and_, func, inspect, select, update

from workflow.store.rows import inserted_id, record
from workflow.store.tables import articles, localizations, publications, segments, translations

PENDING = "pending"
DONE = "done"


@dataclass(frozen=True)
class Publication:
    """A committed publish: which article × locale, which revision, and its files' bytes."""

    id: int
    localization_id: int
    slug: str
    locale: str
    revision: int
    bundle: bytes
    po: bytes
    mo: bytes


def lock_for_publish(conn: Connection, loc_id: int) -> int:
    """Hold every translation of the article × locale, then its localization row, until commit.

    The order is a save's and an approval's (``FOR UPDATE OF translations`` in segment
    order, then the localization row, which they update last), so a publish waits for a
    writer or makes it wait, and never deadlocks with one. The current segments come first,
    in the order ``translations.translation_rows`` locks them, then the obsolete ones (still
    in the catalog as ``#~``). On SQLite the write transaction already holds the whole database.
    Returns the revision held.
    """
    conn.execute(
        select(translations.c.id)
        .join(segments, segments.c.id == translations.c.segment_id)
        .where(translations.c.localization_id == loc_id)
        .order_by(segments.c.obsolete, segments.c.position, translations.c.id)
        .with_for_update(of=translations)
    ).all()
    return int(
        conn.execute(
            select(localizations.c.revision).where(localizations.c.id == loc_id).with_for_update()
        ).scalar_one()
    )


def mark_published(
    conn: Connection, loc_id: int, revision: int, user_id: int, now: datetime
) -> None:
    """Call ``revision`` published; it must still be the current one (the row is locked)."""
    done = conn.execute(
        update(localizations)
        .where(and_(localizations.c.id == loc_id, localizations.c.revision == revision))
        .values(
            published_revision=revision,
            published_at=now,
            published_by=user_id,
            needs_update=False,
        )
    ).rowcount
    if done != 1:  # cannot happen while the row is locked; refuse rather than mislabel
        raise RuntimeError(f"localization {loc_id} left revision {revision} while locked")


def insert_publication(
    conn: Connection,
    loc_id: int,
    revision: int,
    *,
    bundle: bytes,
    po: bytes,
    mo: bytes,
    now: datetime,
) -> int:
    """Record a publish's files (``pending``); returns the publication's id."""
    return inserted_id(
        conn,
        publications.insert().values(
            localization_id=loc_id,
            revision=revision,
            bundle=bundle,
            po=po,
            mo=mo,
            status=PENDING,
            created_at=now,
        ),
    )


def outbox_exists(conn: Connection) -> bool:
    """Whether the ``publications`` table is there (a new instance is not migrated yet)."""
    return bool(inspect(conn).has_table(publications.name))


def pending_ids(conn: Connection) -> list[int]:
    """Publications whose files may not be in place yet, oldest first."""
    return list(
        conn.execute(
            select(publications.c.id)
            .where(publications.c.status == PENDING)
            .order_by(publications.c.id)
        ).scalars()
    )


def publication(conn: Connection, publication_id: int) -> Publication | None:
    """A pending publication with its bytes; None once done (or gone with its article)."""
    row = conn.execute(
        select(
            publications,
            articles.c.slug,
            localizations.c.locale,
        )
        .join(localizations, localizations.c.id == publications.c.localization_id)
        .join(articles, articles.c.id == localizations.c.article_id)
        .where(and_(publications.c.id == publication_id, publications.c.status == PENDING))
    ).first()
    if row is None:
        return None
    return record(Publication, row, bundle=bytes(row.bundle), po=bytes(row.po), mo=bytes(row.mo))


def is_pending(conn: Connection, publication_id: int) -> bool:
    return (
        conn.execute(
            select(publications.c.id).where(
                and_(publications.c.id == publication_id, publications.c.status == PENDING)
            )
        ).first()
        is not None
    )


def latest_id(conn: Connection, loc_id: int) -> int:
    """The newest publication of an article × locale (whatever its status)."""
    return int(
        conn.execute(
            select(func.max(publications.c.id)).where(publications.c.localization_id == loc_id)
        ).scalar_one()
    )


def mark_done(conn: Connection, publication_ids: Sequence[int], now: datetime) -> None:
    """The files are in place (or superseded): drop the bytes, keep the record."""
    if not publication_ids:
        return
    conn.execute(
        update(publications)
        .where(and_(publications.c.id.in_(publication_ids), publications.c.status == PENDING))
        .values(status=DONE, completed_at=now, bundle=None, po=None, mo=None)
    )
