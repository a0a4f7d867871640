"""An editor overrides a blocking QA error with a reason: it no longer blocks approval and
publishing, the audit log has it, and a new edit of the text brings the error back."""

from __future__ import annotations

from click.testing import CliRunner

from tests.web.test_cli import cli, cli_json
from tests.web.test_cli_qa import setup
from workflow import services
from workflow.services import Context

WRONG = "They met in Washington on the 23rd and agreed."  # 28일 is the 28th


def _blocked_segment(runner: CliRunner) -> tuple[str, str]:
    slug = setup(runner)
    segments = cli_json(runner, "articles", "show", slug)["segments"]
    key = segments[4]["key"]
    cli(runner, "translate", slug, "en", key, WRONG, "--as", "tina")
    return slug, key


def _errors(runner: CliRunner, slug: str) -> list[dict[str, str]]:
    return [f for f in cli_json(runner, "check", slug, "en") if f["severity"] == "error"]


def test_an_overridden_error_stops_blocking_until_the_text_changes(
    runner: CliRunner, ctx: Context
) -> None:
    slug, key = _blocked_segment(runner)
    assert [(f["key"], f["check"]) for f in _errors(runner, slug)] == [(key, "numbers")]
    refused = cli(runner, "publish", slug, "en", "--as", "eddie", ok=False)
    assert refused.exit_code != 0

    out = cli_json(runner, "review", "override", slug, "en", key, "--check", "numbers",
                   "--reason", "the meeting was moved to the 23rd", "--as", "eddie")  # fmt: skip
    assert out == {"key": key, "check": "numbers", "overridden": True}
    # The finding is still listed (with severity error), but no longer blocks.
    assert (
        cli_json(runner, "review", "approve", slug, "en", "--all", "--as", "eddie")["skipped"] == []
    )
    assert cli_json(runner, "publish", slug, "en", "--as", "eddie")["state"] == "published"

    # The trail: the audit log names who overrode what and why.
    [entry] = services.audit_log(ctx, action="override")
    assert (entry.user, entry.slug, entry.locale, entry.target) == ("eddie", slug, "en", key)
    assert entry.detail == "numbers: the meeting was moved to the 23rd"

    # A new edit brings the error back: approval and publishing are blocked again.
    cli(runner, "translate", slug, "en", key, WRONG.replace("23rd", "22nd"), "--as", "tina")
    assert [(f["key"], f["check"]) for f in _errors(runner, slug)] == [(key, "numbers")]
    again = cli_json(runner, "review", "approve", slug, "en", "--all", "--as", "erin")
    assert [s["key"] for s in again["skipped"]] == [key]
    assert again["skipped"][0]["reason"].startswith("QA error: numbers")


def test_only_editors_override_and_only_errors_with_a_reason(runner: CliRunner) -> None:
    slug, key = _blocked_segment(runner)
    by_translator = cli(runner, "review", "override", slug, "en", key, "--check", "numbers",
                        "--reason", "fine", "--as", "tina", ok=False)  # fmt: skip
    assert by_translator.exit_code == 1 and "only editors" in by_translator.stderr
    no_reason = cli(runner, "review", "override", slug, "en", key, "--check", "numbers",
                    "--reason", "  ", "--as", "eddie", ok=False)  # fmt: skip
    assert no_reason.exit_code == 2 and "say why" in no_reason.stderr
    no_such = cli(runner, "review", "override", slug, "en", key, "--check", "urls",
                  "--reason", "fine", "--as", "eddie", ok=False)  # fmt: skip
    assert no_such.exit_code == 1 and "has no 'urls' finding" in no_such.stderr
    assert [f["check"] for f in _errors(runner, slug)] == ["numbers"]
