"""The CLI contract of issue 15: ``assign``, ``inbox`` and ``replace`` — the JSON shapes
outside scripts parse, and bad input refused with exit 2 and one line naming it."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from tests.web.test_cli import EN, KO, add_users, cli, cli_json

INBOX_KEYS = ["kind", "article", "locale", "key", "by", "text", "created_at", "read"]


@pytest.fixture
def slug(runner: CliRunner) -> str:
    """The sample pair imported and paired by the system; tina, eddie and erin."""
    cli(runner, "init")
    add_users(runner)
    name = str(cli_json(runner, "articles", "import", str(KO), "--locale", "ko")["slug"])
    cli(runner, "articles", "pair", name, str(EN), "--locale", "en")
    return name


def test_assign_then_inbox(runner: CliRunner, slug: str) -> None:
    made = cli_json(
        runner, "assign", slug, "en", "--to", "tina", "--due", "2026-12-05T18:00", "--as", "eddie"
    )
    assert made[0]["to"] == "tina" and made[0]["due"] == "2026-12-05T09:00:00+00:00"
    keys = [
        s["key"] for s in cli_json(runner, "articles", "show", slug, "--locale", "en")["segments"]
    ]
    cli(
        runner,
        "assign",
        slug,
        "en",
        "--to",
        "tina",
        "--key",
        keys[1],
        "--key",
        keys[2],
        "--as",
        "erin",
    )
    inbox = cli_json(runner, "inbox", "tina")
    assert [list(e) for e in inbox] == [INBOX_KEYS, INBOX_KEYS]
    assert [
        (e["kind"], e["article"], e["locale"], e["key"], e["by"], e["read"]) for e in inbox
    ] == [
        ("assigned", slug, "en", keys[1], "erin", False),
        ("assigned", slug, "en", None, "eddie", False),
    ]
    assert cli_json(runner, "inbox", "tina", "--unread") == inbox
    assert cli_json(runner, "inbox", "eddie") == []
    assert "assigned" in cli(runner, "inbox", "tina").stdout


def test_rejection_and_mention_in_the_inbox(runner: CliRunner, slug: str) -> None:
    cli(runner, "translate", slug, "en", "title", "A title", "--as", "tina")
    cli(runner, "review", "reject", slug, "en", "title", "--reason", "Too short", "--as", "eddie")
    [event] = cli_json(runner, "inbox", "tina")
    assert (event["kind"], event["key"], event["by"], event["text"]) == (
        "rejected",
        "title",
        "eddie",
        "Too short",
    )


def test_bad_assignments_exit_2(runner: CliRunner, slug: str) -> None:
    for args, message in (
        (("--to", "translatr"), "no user named 'translatr'"),
        (("--to", "tina", "--due", "soon"), "--due"),
        (("--to", "tina", "--key", "nope"), "no segment with key 'nope'"),
    ):
        r = cli(runner, "assign", slug, "en", *args, "--as", "eddie", ok=False)
        assert r.exit_code == 2 and message in r.stderr, (args, r.stderr)
    r = cli(runner, "assign", slug, "en", "--to", "eddie", "--as", "tina", ok=False)
    assert r.exit_code == 1 and "only editors" in r.stderr
    r = cli(runner, "inbox", "nobody", ok=False)
    assert r.exit_code == 2 and "no user named 'nobody'" in r.stderr
    r = cli(runner, "assign", "no-such", "en", "--to", "tina", "--as", "eddie", ok=False)
    assert r.exit_code == 1


def test_replace_dry_run_then_for_real(runner: CliRunner, slug: str) -> None:
    show = ("articles", "show", slug, "--locale", "en")
    before = cli_json(runner, *show)
    args = (
        "replace",
        slug,
        "en",
        "--find",
        "South Korea",
        "--replace",
        "the ROK",
        "--case",
        "--word",
        "--as",
        "tina",
    )
    dry = cli_json(runner, *args, "--dry-run")
    assert list(dry) == ["changed", "skipped"] and len(dry["changed"]) == 8
    assert list(dry["changed"][0]) == ["key", "before", "after", "version"]
    assert cli_json(runner, *show) == before
    done = cli_json(runner, *args)
    assert [c["key"] for c in done["changed"]] == [c["key"] for c in dry["changed"]]
    after = {s["key"]: s for s in cli_json(runner, *show)["segments"]}
    for c in done["changed"]:
        assert after[c["key"]]["target"] == c["after"] and "the ROK" in c["after"]
        assert after[c["key"]]["version"] == c["version"]
    assert cli_json(runner, *args)["changed"] == []


def test_replace_skips_what_a_translator_may_not_edit(runner: CliRunner, slug: str) -> None:
    cli(runner, "review", "approve", slug, "en", "title", "--as", "eddie")
    out = cli_json(
        runner, "replace", slug, "en", "--find", "Korea", "--replace", "K", "--as", "tina"
    )
    assert {"key": "title", "reason": "approved: only an editor may change it"} in out["skipped"]
    r = cli(runner, "replace", slug, "en", "--find", "", "--replace", "x", "--as", "tina", ok=False)
    assert r.exit_code == 2 and "find" in r.stderr
    text = cli(
        runner,
        "replace",
        slug,
        "en",
        "--find",
        "Korea",
        "--replace",
        "K",
        "--dry-run",
        "--as",
        "eddie",
    ).stdout
    assert text.startswith("Would change")
    json.loads(cli(runner, "inbox", "tina", "--json").stdout)
