"""Overrides and per-desk QA settings in real Chromium: an editor overrides a blocking error
with a reason (shown in the editor and the review queue, cleared by a new edit); an admin
chooses which checks a desk runs and at which severity, and the choice holds for the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask

from tests.web.conftest import PASSWORD, Seeded
from tests.web.test_browser import log_in
from web.cli import main
from workflow import services
from workflow.services import Context
from workflow.states import SegmentState

pytestmark = pytest.mark.browser

WRONG = "They met in Washington on the 23rd and agreed."  # 28일 is the 28th
REASON = "The talks were moved to the 23rd"


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(locale="en-US")
    yield context.new_page()
    context.close()


def _desk(app: Flask) -> Context:
    ctx: Context = app.extensions["transdesk"]
    return ctx


def _uid(ctx: Context, name: str) -> int:
    return next(u.id for u in services.list_users(ctx) if u.name == name)


def test_an_editor_overrides_an_error_and_a_new_edit_brings_it_back(
    app: Flask, page: Any, live_server: str, seeded: Seeded
) -> None:
    ctx, key = _desk(app), seeded.keys[4]
    services.save_translation(ctx, seeded.slug, "en", key, WRONG, user_id=_uid(ctx, "tina"))
    log_in(page, live_server, "eddie")
    page.goto(f"{live_server}/review")
    assert "1 with errors" in page.get_by_test_id("qa").first.inner_text()

    page.goto(f"{live_server}/articles/{seeded.slug}/en")
    row = page.locator(f"#seg-{key}")
    error = row.locator("ul.findings li.error[data-check='numbers']")
    assert "28" in error.inner_text()
    error.get_by_label("Reason for overriding the error").fill(REASON)
    error.get_by_role("button", name="Override").click()
    page.locator(f"#seg-{key} [data-testid='overridden']").wait_for()
    shown = page.locator(f"#seg-{key} ul.findings li.error[data-check='numbers']").inner_text()
    assert f"overridden by eddie: {REASON}" in shown
    assert page.locator(f"#seg-{key} form.override").count() == 0

    page.goto(f"{live_server}/review")
    assert "1 with errors overridden" in page.get_by_test_id("qa-overridden").inner_text()
    assert "0 with errors" in page.get_by_test_id("qa").first.inner_text()
    page.goto(f"{live_server}/audit?action=override")
    assert REASON in page.locator("main").inner_text()

    # The overridden segment no longer blocks approval.
    page.goto(f"{live_server}/articles/{seeded.slug}/en")
    page.get_by_test_id("approve-all").click()
    page.locator("#confirm-dialog [data-confirm-ok]").click()  # "Approve … segments?"
    page.locator(".flashes").wait_for()
    assert "Not approved" not in page.locator(".flashes").inner_text()
    entry = services.show_article(ctx, seeded.slug, "en").entries[4]
    assert entry.translation.state is SegmentState.APPROVED

    # A new edit brings the error back, with the override form.
    services.save_translation(
        ctx, seeded.slug, "en", key, WRONG.replace("23rd", "22nd"), user_id=_uid(ctx, "tina")
    )
    page.goto(f"{live_server}/articles/{seeded.slug}/en")
    error = page.locator(f"#seg-{key} ul.findings li.error[data-check='numbers']")
    assert "overridden" not in error.inner_text()
    assert error.get_by_role("button", name="Override").count() == 1


def test_an_admin_chooses_the_desks_checks_and_the_cli_follows(
    app: Flask, page: Any, live_server: str, seeded: Seeded, tmp_path: Path
) -> None:
    ctx, key = _desk(app), seeded.keys[4]
    services.add_user(ctx, "ada", "admin", PASSWORD)
    services.save_translation(ctx, seeded.slug, "en", key, WRONG, user_id=_uid(ctx, "tina"))

    log_in(page, live_server, "eddie")  # an editor may not
    assert page.goto(f"{live_server}/settings/qa").status == 403
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/login")

    log_in(page, live_server, "ada")
    page.get_by_role("link", name="QA checks").click()
    page.wait_for_url("**/settings/qa")
    assert page.locator("h1").inner_text() == "QA checks of the desk news"
    page.get_by_label("Numbers", exact=True).select_option("warning")
    page.get_by_label("End punctuation").select_option("off")
    page.get_by_role("button", name="Save").click()
    page.locator(".flashes").wait_for()
    assert "QA checks saved for the desk news." in page.locator(".flashes").inner_text()
    assert page.locator("tr[data-check='numbers']").get_attribute("class") == "changed"
    assert page.get_by_label("Numbers", exact=True).input_value() == "warning"

    stored = {
        c.id: c.choice for c in services.qa_settings(ctx, "news", user_id=_uid(ctx, "ada")).checks
    }
    assert (stored["numbers"], stored["end_punctuation"], stored["hangul"]) == (
        "warning", "off", "error")  # fmt: skip
    entries = services.audit_log(ctx, action="qa_settings")
    assert entries[0].detail == "numbers: error → warning; end_punctuation: warning → off"

    # The same choice holds on the command line, for the desk's articles and for --pairs.
    runner = CliRunner()
    found = json.loads(runner.invoke(main, ["check", seeded.slug, "en", "--json"]).stdout)
    assert {(f["key"], f["check"], f["severity"]) for f in found if f["key"] == key} >= {
        (key, "numbers", "warning")}  # fmt: skip
    assert not any(f["check"] == "end_punctuation" for f in found)
    pairs = tmp_path / "p.jsonl"
    pairs.write_text(json.dumps({"id": 1, "source": "3만명.", "target": "300 people"}))
    as_desk = runner.invoke(main, ["check", "--pairs", str(pairs), "--desk", "news", "--json"])
    assert [f["severity"] for f in json.loads(as_desk.stdout)["findings"]] == ["warning"]
    plain = runner.invoke(main, ["check", "--pairs", str(pairs), "--json"])
    assert [(f["check"], f["severity"]) for f in json.loads(plain.stdout)["findings"]] == [
        ("numbers", "error"), ("end_punctuation", "warning")]  # fmt: skip
    # And approval follows it: the numbers finding no longer blocks.
    result = services.approve(ctx, seeded.slug, "en", [key], user_id=_uid(ctx, "eddie"))
    assert [t for t in result.approved] != []
