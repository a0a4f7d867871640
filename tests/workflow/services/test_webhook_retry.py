"""``retry_deliveries``: every delivery that has not arrived is tried once more, in order."""

from __future__ import annotations

import pytest

from tests.support.fixtures import with_webhook
from tests.support.webhook import WebhookReceiver
from workflow import services
from workflow.services import Context
from workflow.services.demo import SLUG, load_demo
from workflow.services.webhooks import retry_deliveries


@pytest.fixture
def env(
    env: dict[str, str], webhook_receiver: WebhookReceiver, monkeypatch: pytest.MonkeyPatch
) -> dict[str, str]:
    return with_webhook(env, webhook_receiver, monkeypatch)


def _publish(ctx: Context) -> None:
    load_demo(ctx)
    ids = {u.name: u.id for u in services.list_users(ctx)}
    services.approve(ctx, SLUG, "en", None, user_id=ids["editor"])
    services.publish(ctx, SLUG, "en", user_id=ids["admin"])


def test_retry_tries_what_has_not_arrived_and_reports_each(
    ctx: Context, webhook_receiver: WebhookReceiver
) -> None:
    _publish(ctx)
    (pending,) = services.list_deliveries(ctx)
    webhook_receiver.status = 503
    (failed,) = retry_deliveries(ctx)
    assert (failed.delivery_id, failed.delivered) == (pending.id, False)
    assert failed.error is not None and "answered 503" in failed.error
    webhook_receiver.status = 204
    (ok,) = retry_deliveries(ctx)
    assert (ok.delivery_id, ok.delivered, ok.error) == (pending.id, True, None)
    assert len(webhook_receiver.received) == 2
    # A delivered one is not sent again.
    assert retry_deliveries(ctx) == ()
    assert len(webhook_receiver.received) == 2
    (done,) = services.list_deliveries(ctx)
    assert (done.status, done.attempts) == ("delivered", 2)
