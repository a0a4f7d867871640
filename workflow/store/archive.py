"""Archive items: which (Korean, English) file pairs were imported, by content hash."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, func, insert, select

from workflow.store.rows import record
from workflow.store.tables import archive_items


@dataclass(frozen=True)
class ArchiveItem:
    id: int
    ko_sha256: str
    en_sha256: str
    article_id: int
    ko_name: str
    en_name: str
    confidence: float
    units: int
    review: bool
    created_at: datetime


def find_item(conn: Connection, ko_sha256: str, en_sha256: str) -> ArchiveItem | None:
    """The import of this pair of contents, if there was one."""
    row = conn.execute(
        select(archive_items).where(
            archive_items.c.ko_sha256 == ko_sha256, archive_items.c.en_sha256 == en_sha256
        )
    ).first()
    return record(ArchiveItem, row, review=bool(row.review)) if row else None


def insert_item(
    conn: Connection,
    *,
    ko_sha256: str,
    en_sha256: str,
    article_id: int,
    ko_name: str,
    en_name: str,
    confidence: float,
    units: int,
    review: bool,
    now: datetime,
) -> None:
    conn.execute(
        insert(archive_items).values(
            ko_sha256=ko_sha256,
            en_sha256=en_sha256,
            article_id=article_id,
            ko_name=ko_name,
            en_name=en_name,
            confidence=confidence,
            units=units,
            review=review,
            created_at=now,
        )
    )


def count_items(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(archive_items)).scalar_one())
