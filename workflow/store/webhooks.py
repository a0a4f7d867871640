"""Webhook deliveries: the ``webhook_deliveries`` table, an outbox of POSTs.

A delivery is recorded in the publish's own transaction (``pending``) and sent after the
commit by a job that retries; every attempt updates its status, count and last error.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, insert, select, update

from workflow.store.rows import inserted_id, record
from workflow.store.tables import webhook_deliveries


@dataclass(frozen=True)
class DeliveryRecord:
    """A webhook delivery with its signed payload; ``status`` is pending, delivered or
    failed."""

    id: int
    event: str
    url: str
    payload: str
    status: str
    attempts: int
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None


def insert_delivery(conn: Connection, event: str, url: str, payload: str, now: datetime) -> int:
    return inserted_id(
        conn,
        insert(webhook_deliveries).values(
            event=event, url=url, payload=payload, status="pending", attempts=0, created_at=now
        ),
    )


def set_delivery_payload(conn: Connection, delivery_id: int, payload: str) -> None:
    conn.execute(
        update(webhook_deliveries)
        .where(webhook_deliveries.c.id == delivery_id)
        .values(payload=payload)
    )


def delivery_row(conn: Connection, delivery_id: int) -> DeliveryRecord | None:
    query = select(webhook_deliveries).where(webhook_deliveries.c.id == delivery_id)
    row = conn.execute(query).first()
    return None if row is None else record(DeliveryRecord, row)


def deliveries(conn: Connection, limit: int = 100) -> list[DeliveryRecord]:
    """The newest ``limit`` deliveries, newest first."""
    query = select(webhook_deliveries).order_by(webhook_deliveries.c.id.desc()).limit(limit)
    return [record(DeliveryRecord, r) for r in conn.execute(query)]


def record_attempt(
    conn: Connection, delivery_id: int, *, status: str, error: str | None, now: datetime
) -> None:
    conn.execute(
        update(webhook_deliveries)
        .where(webhook_deliveries.c.id == delivery_id)
        .values(
            status=status,
            attempts=webhook_deliveries.c.attempts + 1,
            last_error=error,
            delivered_at=now if status == "delivered" else None,
        )
    )
