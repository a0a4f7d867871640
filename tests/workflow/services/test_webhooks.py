"""The publication webhook: recorded with the publication, delivered once (a delivered one is
not sent again), listed for administrators only."""

from __future__ import annotations

import json

import pytest

from tests.support.fixtures import with_webhook
from tests.support.webhook import WebhookReceiver
from tests.workflow.services.conftest import Team
from workflow import services
from workflow.errors import PermissionDenied
from workflow.services import Context


@pytest.fixture
def receiver(webhook_receiver: WebhookReceiver) -> WebhookReceiver:
    return webhook_receiver


@pytest.fixture
def env(
    env: dict[str, str], receiver: WebhookReceiver, monkeypatch: pytest.MonkeyPatch
) -> dict[str, str]:
    return with_webhook(env, receiver, monkeypatch)


def test_a_publication_is_delivered_once(
    ctx: Context, team: Team, paired: list[str], receiver: WebhookReceiver
) -> None:
    services.approve(ctx, "seoul", "en", None, user_id=team.eddie)
    services.publish(ctx, "seoul", "en", user_id=team.erin)
    (pending,) = services.list_deliveries(ctx, user_id=team.admin)
    assert (pending.event, pending.status, pending.attempts) == (
        "translation.published",
        "pending",
        0,
    )

    delivered = services.deliver(ctx, pending.id)
    assert (delivered.status, delivered.attempts) == ("delivered", 1)
    (got,) = receiver.received
    body = json.loads(got.body)
    assert body["data"]["article"] == "seoul" and body["data"]["published_by"] == "erin"
    assert services.deliver(ctx, pending.id).attempts == 1
    assert len(receiver.received) == 1


def test_only_administrators_see_deliveries(ctx: Context, team: Team) -> None:
    with pytest.raises(PermissionDenied, match="only administrators"):
        services.list_deliveries(ctx, user_id=team.eddie)
    assert services.list_deliveries(ctx) == []
