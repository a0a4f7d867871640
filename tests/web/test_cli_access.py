"""The operator's commands for access: tokens, disabling users, passwords, webhooks."""

from __future__ import annotations

from click.testing import CliRunner
from flask import Flask

from tests.web.test_cli import add_users, cli, cli_json
from workflow import services


def test_tokens_are_made_listed_and_revoked(runner: CliRunner, app: Flask) -> None:
    add_users(runner)
    made = cli_json(
        runner, "tokens", "create", "eddie", "--name", "CMS", "--scope", "articles:read"
    )
    assert made["token"].startswith("tdk_")
    client = app.test_client()
    headers = {"Authorization": f"Bearer {made['token']}"}
    assert client.get("/api/v1/articles", headers=headers).status_code == 200
    (row,) = cli_json(runner, "tokens", "list")
    assert (row["user"], row["scopes"], row["revoked"]) == ("eddie", ["articles:read"], False)
    assert made["token"] not in cli(runner, "tokens", "list").stdout
    cli(runner, "tokens", "revoke", str(made["id"]))
    assert client.get("/api/v1/articles", headers=headers).status_code == 401
    bad = cli(runner, "tokens", "create", "eddie", "--name", "x", "--scope", "all", ok=False)
    assert bad.exit_code == 2 and "'all'" in bad.stderr
    nobody = cli(
        runner, "tokens", "create", "nobody", "--name", "x", "--scope", "articles:read", ok=False
    )
    assert nobody.exit_code == 2 and "no active user named 'nobody'" in nobody.stderr

    # The longest name a token may have, on the longest user name: stored whole, and the
    # audit log names it shortened (its target column is 80 characters on every database).
    long_name = "n" * 80
    made = cli_json(
        runner, "tokens", "create", "eddie", "--name", long_name, "--scope", "articles:read"
    )
    assert any(row["name"] == long_name for row in cli_json(runner, "tokens", "list"))
    ctx: services.Context = app.extensions["transdesk"]
    entry = services.audit_log(ctx, action="token_created")[0]  # the newest
    assert entry.target == ("eddie:" + long_name)[:79] + "…"


def test_disable_enable_and_reset_password(runner: CliRunner, app: Flask) -> None:
    add_users(runner)
    ctx = app.extensions["transdesk"]
    key = services.start_session(
        ctx, next(u.id for u in services.list_users(ctx) if u.name == "tina")
    )
    cli(runner, "users", "disable", "tina")
    assert services.session_user(ctx, key) is None
    cli(runner, "users", "enable", "tina")
    new = "another long passphrase here"
    cli(runner, "users", "password", "tina", env={"TRANSDESK_PASSWORD": new})
    assert services.authenticate(ctx, "tina", new).name == "tina"
    weak = cli(runner, "users", "password", "tina", env={"TRANSDESK_PASSWORD": "short"}, ok=False)
    assert weak.exit_code == 2 and "at least 12 characters" in weak.stderr
    missing = cli(runner, "users", "disable", "nobody", ok=False)
    assert missing.exit_code == 1 and "no user named 'nobody'" in missing.stderr
