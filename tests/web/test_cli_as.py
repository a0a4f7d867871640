"""``--as USER`` on the CLI commands that bring text in: the user named is the text's author,
so four-eyes has another editor approve it; without it the system brings it in as before."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner

from tests.web.test_cli import EN, KO, add_users, cli, cli_json
from workflow import services
from workflow.bootstrap import build_context
from workflow.settings import Settings


@pytest.fixture
def slug(runner: CliRunner) -> str:
    cli(runner, "init")
    add_users(runner)
    return str(cli_json(runner, "articles", "import", str(KO), "--locale", "ko")["slug"])


def approve_all(runner: CliRunner, slug: str, who: str) -> dict[str, Any]:
    result: dict[str, Any] = cli_json(runner, "review", "approve", slug, "en", "--all", "--as", who)
    return result


def test_articles_pair_as_an_editor_makes_them_the_author(runner: CliRunner, slug: str) -> None:
    cli(runner, "articles", "pair", slug, str(EN), "--locale", "en", "--as", "eddie")
    refused = cli(runner, "review", "approve", slug, "en", "title", "--as", "eddie", ok=False)
    assert refused.exit_code == 1 and "four-eyes" in refused.stderr
    alone = approve_all(runner, slug, "eddie")
    assert alone["approved"] == [] and len(alone["skipped"]) == 22
    assert {s["reason"][:9] for s in alone["skipped"]} == {"four-eyes"}
    assert len(approve_all(runner, slug, "erin")["approved"]) == 22


def test_articles_pair_without_as_is_the_system_as_before(runner: CliRunner, slug: str) -> None:
    cli(runner, "articles", "pair", slug, str(EN), "--locale", "en")
    assert len(approve_all(runner, slug, "eddie")["approved"]) == 22


def test_an_unknown_or_translator_as_user_is_refused(runner: CliRunner, slug: str) -> None:
    pair = ("articles", "pair", slug, str(EN), "--locale", "en", "--as")
    unknown = cli(runner, *pair, "nobody", ok=False)
    assert unknown.exit_code == 2 and "no user named 'nobody'" in unknown.stderr
    translator = cli(runner, *pair, "tina", ok=False)
    assert translator.exit_code == 1 and "only editors" in translator.stderr


def test_tm_prefill_as_a_user_makes_them_the_author(
    runner: CliRunner, slug: str, env: dict[str, str]
) -> None:
    cli(runner, "articles", "pair", slug, str(EN), "--locale", "en")
    approve_all(runner, slug, "erin")  # the approved pairs go to the memory
    cli(runner, "articles", "import", str(KO), "--locale", "ko", "--slug", "again")
    cli(runner, "articles", "import", str(KO), "--locale", "ko", "--slug", "third")
    assert cli_json(runner, "tm", "prefill", "again", "en", "--as", "tina")["filled"] == 22
    assert cli_json(runner, "tm", "prefill", "third", "en")["filled"] == 22
    desk = build_context(Settings.from_env(env))
    try:
        authors = {
            ref: {e.translation.updated_by for e in services.show_article(desk, ref, "en").entries}
            for ref in ("again", "third")
        }
    finally:
        desk.close()
    assert authors == {"again": {"tina"}, "third": {None}}
