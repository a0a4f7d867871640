"""Inbox e-mails through a local SMTP server the test starts (aiosmtpd on 127.0.0.1): sent by
the job worker after the commit, only for the kinds the person chose, never without
``TRANSDESK_SMTP_URL``."""

from __future__ import annotations

import pytest

from tests.support.smtp import SmtpServer
from tests.workflow.services.conftest import Team
from workflow import services
from workflow.errors import BadInput
from workflow.jobs import BackgroundConsumer
from workflow.services import Context
from workflow.services.mail import send_event_mail
from workflow.settings import Settings


@pytest.fixture
def env(env: dict[str, str], smtp: SmtpServer, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("TRANSDESK_SMTP_URL", smtp.url)
    return env | {"TRANSDESK_SMTP_URL": smtp.url}


def test_the_worker_mails_the_kinds_chosen(
    ctx: Context, team: Team, seoul: list[str], smtp: SmtpServer
) -> None:
    services.set_notify_settings(ctx, "tina@example.org", ["assigned"], user_id=team.tina)
    due = services.parse_due("2026-12-05T18:00")
    services.assign_work(ctx, ["seoul"], "en", to="tina", due=due, user_id=team.eddie)
    assert smtp.messages == []  # the request only enqueued it
    with BackgroundConsumer(ctx.mt.huey, workers=1):
        [(to, message)] = smtp.wait(1)
    assert to == ["tina@example.org"]
    assert message["Subject"] == "eddie assigned you seoul (en)"
    assert "due 2026-12-05 18:00" in message.get_payload()
    # a rejection is not one of the kinds tina chose: no mail
    services.save_translation(ctx, "seoul", "en", seoul[0], "x", user_id=team.tina)
    services.reject(ctx, "seoul", "en", seoul[0], "no", user_id=team.eddie)
    rejected = services.inbox_of(ctx, "tina")[0]
    assert rejected.kind == "rejected"
    assert send_event_mail(ctx, rejected.id) is False
    assert len(smtp.messages) == 1


def test_no_mail_without_smtp(ctx: Context, team: Team, seoul: list[str]) -> None:
    plain = ctx.settings.with_overrides({"smtp_url": None})
    quiet = Context(**{**ctx.__dict__, "settings": plain})
    services.set_notify_settings(quiet, "tina@example.org", ["assigned"], user_id=team.tina)
    services.assign_work(quiet, ["seoul"], "en", to="tina", user_id=team.eddie)
    [event] = services.inbox_of(quiet, "tina")
    assert send_event_mail(quiet, event.id) is False


def test_the_smtp_setting_is_checked(env: dict[str, str]) -> None:
    with pytest.raises(BadInput, match="TRANSDESK_SMTP_URL"):
        Settings.from_env(env | {"TRANSDESK_SMTP_URL": "mail.example.org"})
    assert Settings.from_env(env | {"TRANSDESK_SMTP_URL": ""}).smtp_url is None
    assert "smtp://" not in repr(Settings.from_env(env))  # it may carry a password
