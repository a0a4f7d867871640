"""The preview panel and the confirmations in Chromium: the panel shows the article as the
bundle will, reloads after a save (``transdesk:saved``) and on Refresh; Approve all and
Publish ask first, with counts, and Cancel leaves everything as it was."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from tests.web.conftest import Seeded, settled
from tests.web.test_browser import log_in
from workflow import services
from workflow.services import Context
from workflow.states import SegmentState

pytestmark = pytest.mark.browser


def desk(app: Flask) -> Context:
    ctx: Context = app.extensions["transdesk"]
    return ctx


def test_preview_panel_follows_saves_and_refresh(
    app: Flask, new_page: Callable[..., Any], live_server: str, seeded: Seeded
) -> None:
    page = new_page(viewport={"width": 1280, "height": 900})
    log_in(page, live_server, "tina")
    page.goto(f"{live_server}/articles/{seeded.slug}/en")
    panel = page.get_by_test_id("preview-panel")
    frame_el = page.get_by_test_id("preview-frame")
    assert frame_el.get_attribute("src") is None  # nothing loads until the panel opens
    panel.locator("summary").click()
    page.locator("#preview-panel[data-loads='1']").wait_for(state="attached")
    frame = page.frame_locator("[data-testid=preview-frame]")
    assert frame.locator("h1").inner_text()
    assert "Image 1" in frame.locator("figure").first.inner_text()
    assert "[%%IMAGE" not in frame.locator("body").inner_text()
    assert "KST" in frame.locator(".dateline").inner_text()

    # A save (here through the service, as editor.js would) then the editor's event.
    tina = next(u.id for u in services.list_users(desk(app)) if u.name == "tina")
    key = seeded.keys[3]
    services.save_translation(
        desk(app), seeded.slug, "en", key, "Freshly saved line.", user_id=tina
    )
    page.evaluate("document.dispatchEvent(new CustomEvent('transdesk:saved'))")
    page.locator("#preview-panel[data-loads='2']").wait_for(state="attached")
    assert "Freshly saved line." in frame.locator("article").inner_text()

    services.save_translation(
        desk(app), seeded.slug, "en", key, "Changed again.", user_id=tina, expected_version=2
    )
    page.get_by_role("button", name="Refresh").click()
    page.locator("#preview-panel[data-loads='3']").wait_for(state="attached")
    assert "Changed again." in frame.locator("article").inner_text()

    # A save in the editor itself (typed, Ctrl+Enter): the editor says so, the panel follows.
    # The row still shows version 1, so the first try meets the services' saves (their text
    # beside mine) and the second keeps mine.
    area = page.locator(f"#seg-{key} textarea[name=text]")
    area.fill("Redrawn row.")
    area.press("Control+Enter")
    page.locator(f"#seg-{key} [data-testid=theirs]").wait_for()
    page.locator(f"#seg-{key} textarea[name=text]").press("Control+Enter")
    page.locator("#preview-panel[data-loads='4']").wait_for(state="attached")
    assert "Redrawn row." in frame.locator("article").inner_text()
    assert "updated" in page.locator("[data-preview-status]").inner_text().lower()
    # The browser logs the conflict's answer (409) itself; nothing else went wrong.
    assert [e for e in page.console_errors if "409 (CONFLICT)" not in e] == []


def test_approve_all_and_publish_ask_first_with_counts(
    app: Flask, new_page: Callable[..., Any], live_server: str, seeded: Seeded
) -> None:
    page = new_page()
    log_in(page, live_server, "eddie")
    page.goto(f"{live_server}/articles/{seeded.slug}/en")
    reason = page.get_by_test_id("publish-status")
    assert reason.is_visible()
    assert "22 translated segments wait for an editor's approval." in reason.inner_text()
    assert page.get_by_test_id("approve-all-confirm").is_hidden()  # the dialog replaces it

    # Another editor approves one meanwhile; a save in place brings the header up to date.
    erin = next(u.id for u in services.list_users(desk(app)) if u.name == "erin")
    services.approve(desk(app), seeded.slug, "en", [seeded.keys[0]], user_id=erin)
    page.evaluate("document.dispatchEvent(new CustomEvent('transdesk:saved'))")
    page.get_by_text("21 translated segments wait for an editor's approval.").wait_for()
    assert page.get_by_test_id("approve-all-confirm").is_hidden()  # prepared again

    page.get_by_test_id("approve-all").click()
    dialog = page.locator("#confirm-dialog")
    assert dialog.is_visible()
    assert "Approve 21 translated segments" in dialog.inner_text()
    dialog.get_by_role("button", name="Cancel").click()
    assert dialog.is_hidden()
    approved = [
        e.segment.key
        for e in services.show_article(desk(app), seeded.slug, "en").entries
        if e.translation.state is SegmentState.APPROVED
    ]
    assert approved == [seeded.keys[0]]  # Cancel: nothing happened

    page.get_by_test_id("approve-all").click()
    dialog.get_by_role("button", name="Approve all").click()
    settled(page, ".publish-status.ready")
    page.get_by_test_id("publish").click()
    assert "Publish 22 segments in en?" in dialog.inner_text()
    dialog.get_by_role("button", name="Publish").click()
    page.locator(".publish-status.published").wait_for()
    assert page.get_by_test_id("localization-state").inner_text() == "Published"
    assert page.console_errors == []


def test_without_javascript_the_checkbox_confirms(
    app: Flask, new_page: Callable[..., Any], live_server: str, seeded: Seeded
) -> None:
    page = new_page(java_script_enabled=False)
    log_in(page, live_server, "eddie")
    page.goto(f"{live_server}/articles/{seeded.slug}/en")
    page.get_by_test_id("approve-all").click()  # the required box is not ticked: no post
    assert page.locator(".flashes").count() == 0
    page.get_by_test_id("approve-all-confirm").check()
    page.get_by_test_id("approve-all").click()
    page.locator(".flashes").wait_for()
    assert "Approved 22 segments." in page.locator(".flashes").inner_text()
    assert page.get_by_test_id("preview-link").get_attribute("href", timeout=1000)
