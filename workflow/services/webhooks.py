"""Webhook deliveries: recorded with the publication (an outbox in the same transaction),
then sent by a background job that retries; every attempt is kept for the admin."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection

from workflow.errors import NotFound, PermissionDenied, WorkflowError
from workflow.model import LocalizedArticle
from workflow.security import webhooks as webhook_http
from workflow.services.common import acting_user
from workflow.services.context import Context
from workflow.store import webhooks

PUBLISHED = "translation.published"


class DeliveryFailed(WorkflowError):
    """A webhook attempt failed; the job queue tries again later."""

    status = 502


@dataclass(frozen=True)
class Delivery:
    id: int
    event: str
    url: str
    status: str  # pending, delivered, failed
    attempts: int
    last_error: str | None
    created_at: datetime
    delivered_at: datetime | None


def record_publication(
    conn: Connection, ctx: Context, la: LocalizedArticle, *, published_by: str, now: datetime
) -> int | None:
    """Queue the ``translation.published`` event, if a webhook is configured."""
    url = ctx.settings.webhook_url
    if not url:
        return None
    data = {
        "article": la.article.slug,
        "article_id": la.article.id,
        "locale": la.locale,
        "revision": la.revision,
        "published_at": la.published_at.isoformat() if la.published_at else None,
        "published_by": published_by,
        "title": next((e.translation.text for e in la.entries if e.segment.key == "title"), None),
        "bundle": f"/api/v1/articles/{la.article.slug}/{la.locale}/bundle.zip",
    }
    delivery_id = webhooks.insert_delivery(conn, PUBLISHED, url, "", now)
    body = webhook_http.payload(PUBLISHED, data, delivery_id=delivery_id, now=now)
    webhooks.set_delivery_payload(conn, delivery_id, body.decode())
    return delivery_id


def enqueue(ctx: Context, delivery_id: int | None) -> None:
    """Hand a recorded delivery to the job queue (after the publication committed)."""
    if delivery_id is not None and ctx.mt.webhook_task is not None:
        ctx.mt.webhook_task(delivery_id)


def deliver(ctx: Context, delivery_id: int) -> Delivery:
    """One attempt at a delivery; DeliveryFailed (so the job retries) unless it arrived."""
    with ctx.db.transaction(write=False) as conn:
        row = webhooks.delivery_row(conn, delivery_id)
    if row is None:
        raise NotFound("no webhook delivery %(delivery_id)s", delivery_id=delivery_id)
    if row.status == "delivered":
        return _delivery(row)
    now = ctx.clock()
    attempt = webhook_http.post(
        row.url,
        row.payload.encode(),
        secret=ctx.settings.webhook_secret,
        event=row.event,
        delivery_id=delivery_id,
        now=int(now.timestamp()),
        allowed=ctx.settings.allow_private_urls,
    )
    with ctx.db.transaction() as conn:
        webhooks.record_attempt(
            conn,
            delivery_id,
            status="delivered" if attempt.ok else "failed",
            error=attempt.error,
            now=now,
        )
        done = webhooks.delivery_row(conn, delivery_id)
    if not attempt.ok:
        raise DeliveryFailed(
            "webhook %(delivery_id)s: %(error)s", delivery_id=delivery_id, error=attempt.error
        )
    assert done is not None
    return _delivery(done)


@dataclass(frozen=True)
class RetryOutcome:
    """What became of one delivery tried again: delivered, or the attempt's error."""

    delivery_id: int
    error: str | None = None

    @property
    def delivered(self) -> bool:
        return self.error is None


def retry_deliveries(ctx: Context) -> tuple[RetryOutcome, ...]:
    """Try once more, now, each delivery :func:`list_deliveries` shows that has not arrived.

    For the operator (``transdesk webhooks retry``); newest first, as listed. An attempt that
    fails (the CMS answers an error, the delivery is gone) is reported in its outcome and the
    others are still tried.
    """
    outcomes = []
    for d in list_deliveries(ctx):
        if d.status == "delivered":
            continue
        try:
            deliver(ctx, d.id)
        except WorkflowError as exc:
            outcomes.append(RetryOutcome(d.id, str(exc)))
        else:
            outcomes.append(RetryOutcome(d.id))
    return tuple(outcomes)


def list_deliveries(ctx: Context, *, user_id: int | None = None) -> list[Delivery]:
    """The latest deliveries, for administrators (and the operator)."""
    with ctx.db.transaction(write=False) as conn:
        if user_id is not None and not acting_user(conn, user_id).role.can_manage:
            raise PermissionDenied("only administrators see webhook deliveries")
        return [_delivery(r) for r in webhooks.deliveries(conn)]


def _delivery(r: webhooks.DeliveryRecord) -> Delivery:
    return Delivery(
        id=r.id,
        event=r.event,
        url=r.url,
        status=r.status,
        attempts=r.attempts,
        last_error=r.last_error,
        created_at=r.created_at,
        delivered_at=r.delivered_at,
    )
