"""``init --demo`` and ``webhooks retry``: the CLI parses, calls one service, prints."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.support.fixtures import with_webhook
from tests.support.webhook import WebhookReceiver
from web.cli import main
from workflow import services
from workflow.bootstrap import build_context
from workflow.services.demo import SLUG
from workflow.settings import Settings


@pytest.fixture
def env(
    env: dict[str, str], webhook_receiver: WebhookReceiver, monkeypatch: pytest.MonkeyPatch
) -> dict[str, str]:
    return with_webhook(env, webhook_receiver, monkeypatch)


def test_init_demo_prints_the_users_it_wrote_down(runner: CliRunner, env: dict[str, str]) -> None:
    first = runner.invoke(main, ["init", "--demo"])
    assert first.exit_code == 0, first.output
    creds = Path(env["TRANSDESK_INSTANCE"]) / "demo-credentials.txt"
    lines = first.stdout.splitlines()
    assert lines[0].startswith("Database ready: sqlite:///") or "postgresql" in lines[0]
    assert lines[1:3] == [f"Demo article: {SLUG}", f"Demo users (also in {creds}):"]
    assert ["  " + line for line in creds.read_text().splitlines()] == lines[3:]
    assert [line.split(":")[0] for line in lines[3:]] == [
        "  translator (translator)",
        "  editor (editor)",
        "  admin (admin)",
    ]
    assert stat.S_IMODE(creds.stat().st_mode) == 0o600
    again = runner.invoke(main, ["init", "--demo"])
    assert again.stdout.splitlines()[1] == f"Demo article: {SLUG} (kept)"


def test_init_demo_without_samples_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["init", "--demo", "--samples", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "demo sample" in result.stderr and "not found" in result.stderr


def test_webhooks_retry_reports_each_and_fails_while_one_fails(
    runner: CliRunner, env: dict[str, str], webhook_receiver: WebhookReceiver
) -> None:
    assert runner.invoke(main, ["init", "--demo"]).exit_code == 0
    ctx = build_context(Settings.from_env())
    try:
        ids = {u.name: u.id for u in services.list_users(ctx)}
        services.approve(ctx, SLUG, "en", None, user_id=ids["editor"])
        services.publish(ctx, SLUG, "en", user_id=ids["admin"])
        (pending,) = services.list_deliveries(ctx)
    finally:
        ctx.close()
    webhook_receiver.status = 500
    failed = runner.invoke(main, ["webhooks", "retry"])
    assert failed.exit_code == 1
    assert failed.stdout == ""
    assert failed.stderr.startswith(f"{pending.id}: webhook {pending.id}: ")
    webhook_receiver.status = 204
    ok = runner.invoke(main, ["webhooks", "retry"])
    assert (ok.exit_code, ok.stdout, ok.stderr) == (0, f"{pending.id}: delivered\n", "")
    nothing = runner.invoke(main, ["webhooks", "retry"])
    assert (nothing.exit_code, nothing.stdout) == (0, "")
    listed = runner.invoke(main, ["webhooks", "list", "--json"])
    assert listed.stdout == (
        f'[{{"id": {pending.id}, "event": "translation.published", "status": "delivered", '
        '"attempts": 2, "last_error": null}]\n'
    )
