"""Passwords reach ``users add`` and ``users password`` from TRANSDESK_PASSWORD or a prompt only."""

from __future__ import annotations

from click.testing import CliRunner

from web.cli import main
from workflow import services
from workflow.bootstrap import build_context
from workflow.settings import Settings

PASSWORD = "correct horse battery staple"


def _user_names() -> list[str]:
    ctx = build_context(Settings.from_env())
    try:
        return [u.name for u in services.list_users(ctx)]
    finally:
        ctx.close()


def test_a_password_on_the_command_line_is_refused(runner: CliRunner) -> None:
    assert runner.invoke(main, ["init"]).exit_code == 0
    for args in (
        ["users", "add", "tina", "--role", "translator", "--password", PASSWORD],
        ["users", "password", "tina", "--password", PASSWORD],
    ):
        result = runner.invoke(main, args, env={"TRANSDESK_PASSWORD": PASSWORD})
        assert result.exit_code == 2, result.output
        assert "TRANSDESK_PASSWORD" in result.stderr
        assert PASSWORD not in result.output
    assert _user_names() == []


def test_without_the_variable_the_password_is_asked_twice(runner: CliRunner) -> None:
    assert runner.invoke(main, ["init"]).exit_code == 0
    typed = f"{PASSWORD}\n{PASSWORD}\n"
    unset: dict[str, str | None] = {"TRANSDESK_PASSWORD": None}
    for i, env in enumerate((unset, {"TRANSDESK_PASSWORD": ""})):
        name = f"tina{i}"
        args = ["users", "add", name, "--role", "translator"]
        result = runner.invoke(main, args, input=typed, env=env)
        assert result.exit_code == 0, result.output
        assert "Password: \nRepeat for confirmation: \n" in result.output
        assert PASSWORD not in result.output
    assert _user_names() == ["tina0", "tina1"]
    ctx = build_context(Settings.from_env())
    try:
        assert services.authenticate(ctx, "tina1", PASSWORD).name == "tina1"
    finally:
        ctx.close()
