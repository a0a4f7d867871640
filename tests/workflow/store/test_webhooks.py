"""The delivery store: attempts counted, delivered_at set only on delivery."""

from __future__ import annotations

from datetime import timedelta

from tests.workflow.store.conftest import NOW
from workflow.store import Database, webhooks


def test_attempts_are_counted_and_deliveries_listed_newest_first(db: Database) -> None:
    later = NOW + timedelta(minutes=1)
    with db.transaction() as conn:
        first = webhooks.insert_delivery(conn, "translation.published", "http://h/", "", NOW)
        webhooks.set_delivery_payload(conn, first, '{"a": 1}')
        webhooks.record_attempt(conn, first, status="failed", error="HTTP 500", now=NOW)
        failed = webhooks.delivery_row(conn, first)
        webhooks.record_attempt(conn, first, status="delivered", error=None, now=later)
        second = webhooks.insert_delivery(conn, "translation.published", "http://h/", "{}", NOW)
        listed = webhooks.deliveries(conn)
        assert webhooks.deliveries(conn, limit=1) == listed[:1]
        assert webhooks.delivery_row(conn, second + 1) is None
    assert failed is not None
    assert (failed.status, failed.attempts, failed.last_error, failed.delivered_at) == (
        "failed",
        1,
        "HTTP 500",
        None,
    )
    assert [(d.id, d.status, d.attempts, d.delivered_at) for d in listed] == [
        (second, "pending", 0, None),
        (first, "delivered", 2, later),
    ]
    assert listed[1].payload == '{"a": 1}'
