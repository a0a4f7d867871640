"""The spine in real Chromium: translate, approve (four-eyes), publish, download the bundle."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.web.conftest import PASSWORD, Seeded, settled

pytestmark = pytest.mark.browser

EDIT = "The United States and Japan plan to ask Seoul for a three-way defense ministers’ meeting."


def log_in(page: Any, base: str, name: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/")
    assert page.get_by_test_id("current-user").inner_text().startswith(name)


def log_out(page: Any) -> None:
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/login")


def test_translate_approve_publish_download(
    chromium: Any, live_server: str, seeded: Seeded
) -> None:
    context = chromium.new_context(accept_downloads=True, locale="en-US")
    page = context.new_page()
    base = live_server
    key = seeded.keys[2]  # the first body sentence

    # A translator edits a segment.
    log_in(page, base, "tina")
    page.get_by_role("link", name="en").first.click()
    row = page.locator(f"#seg-{key}")
    # Waits for the editor page to have arrived and its row to be parsed, text included.
    expect(row.locator(".source")).to_contain_text("최근 동맹을")
    row.locator("textarea").fill(EDIT)
    row.get_by_role("button", name="Save").click()
    # Saved in place: the row is redrawn from the server's answer (no page load).
    page.locator(f"#seg-{key} .state", has_text="v2 · tina").wait_for()
    row = page.locator(f"#seg-{key}")
    assert row.locator("textarea").input_value() == EDIT
    assert row.get_attribute("data-state") == "translated"
    assert "v2 · tina" in row.locator(".state").inner_text()
    # The translator who edited cannot approve: no buttons, and the server refuses.
    assert page.get_by_test_id("approve-all").count() == 0
    assert row.get_by_role("button", name="Approve").count() == 0
    token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    refused = page.request.post(
        f"{base}/articles/{seeded.slug}/en/approve",
        form={"csrf_token": token, "key": key},
        max_redirects=0,
    )
    assert refused.status == 403
    log_out(page)

    # An editor (another user) approves everything and publishes.
    log_in(page, base, "eddie")
    page.goto(f"{base}/articles/{seeded.slug}/en")
    page.get_by_test_id("approve-all").click()
    page.locator("#confirm-dialog [data-confirm-ok]").click()  # "Approve 22 … segments?"
    settled(page, ".flashes")
    assert "Approved 22 segments." in page.locator(".flashes").inner_text()
    page.get_by_test_id("publish").click()
    page.locator("#confirm-dialog [data-confirm-ok]").click()
    page.locator(".publish-status.published").wait_for()
    assert page.get_by_test_id("localization-state").inner_text() == "Published"

    # The bundle downloads and holds the edit.
    with page.expect_download() as info:
        page.get_by_test_id("bundle-link").click()
    download = info.value
    assert download.suggested_filename == f"{seeded.slug}.en.zip"
    data = Path(download.path()).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        html = z.read("article.html").decode()
        article = json.loads(z.read("article.json"))
    assert EDIT in html
    first = next(s for s in article["segments"] if s["key"] == key)
    assert first["target"] == EDIT
    assert first["approver"] == "eddie"
    context.close()


def test_korean_renders_and_login_errors(chromium: Any, live_server: str, seeded: Seeded) -> None:
    page = chromium.new_page()
    page.goto(f"{live_server}/login")
    page.get_by_label("User name").fill("tina")
    page.get_by_label("Password").fill("wrong password!!")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".flashes")).to_contain_text("Wrong user name or password.")
    log_in(page, live_server, "tina")
    page.goto(f"{live_server}/articles/{seeded.slug}/en")
    title = page.locator("h1")
    assert title.inner_text() == "미·일, 한국에 한·미·일 국방장관 회담 요청 추진"
    # Hangul is drawn with a real font, not empty boxes: its width is that of glyphs.
    box = title.bounding_box()
    assert box is not None and box["width"] > 200
    page.close()


def test_editor_keyboard_and_drafts(
    app: Any, chromium: Any, live_server: str, seeded: Seeded
) -> None:
    from workflow import services

    desk = app.extensions["transdesk"]
    eddie = next(u for u in services.list_users(desk) if u.name == "eddie")
    # Send two segments back so there is unfinished work to jump to.
    for key in (seeded.keys[5], seeded.keys[8]):
        services.reject(desk, seeded.slug, "en", key, "Please check", user_id=eddie.id)
    page = chromium.new_page()
    log_in(page, live_server, "tina")
    page.goto(f"{live_server}/articles/{seeded.slug}/en")

    # A draft survives a reload, marked as such; Esc brings back the saved text.
    area = page.locator(f"#seg-{seeded.keys[3]} textarea")
    saved = area.input_value()
    area.fill("A draft typed but not saved.")
    page.reload()
    area = page.locator(f"#seg-{seeded.keys[3]} textarea")
    assert area.input_value() == "A draft typed but not saved."
    assert page.locator(f"#seg-{seeded.keys[3]} .draft-note").is_visible()
    area.focus()
    page.keyboard.press("Escape")
    assert area.input_value() == saved

    # Ctrl+Enter saves and lands on the next unfinished segment.
    area = page.locator(f"#seg-{seeded.keys[2]} textarea")
    area.fill("Saved with the keyboard.")
    area.focus()
    page.keyboard.press("Control+Enter")
    # Saved in place (no page load), the focus on the next segment that needs this translator.
    page.wait_for_function(
        "k => document.activeElement?.closest('section.segment')?.dataset.key === k",
        arg=seeded.keys[5],
    )
    assert "after=" not in page.url
    la = services.show_article(desk, seeded.slug, "en")
    assert la.entries[2].translation.text == "Saved with the keyboard."

    # Ctrl+↓ moves on, Ctrl+Shift+C copies the source, "?" lists the shortcuts.
    page.keyboard.press("Control+ArrowDown")
    assert (
        page.evaluate("document.activeElement.closest('section.segment').dataset.key")
        == seeded.keys[6]
    )
    page.keyboard.press("Control+Shift+C")
    copied = page.evaluate("document.activeElement.value")
    assert copied == la.entries[6].segment.source
    page.locator("h1").click()
    page.keyboard.press("?")
    assert page.locator("#shortcuts").is_visible()
    page.keyboard.press("Escape")

    # Focusing a segment loads its memory matches; Alt+1 inserts the first.
    area = page.locator(f"#seg-{seeded.keys[2]} textarea")
    area.focus()
    match = page.locator(f"#seg-{seeded.keys[2]} .tm-match").first
    match.wait_for()
    assert match.get_attribute("data-score") == "100"
    page.keyboard.press("Alt+1")
    assert area.input_value() == match.locator(".suggestion-text").inner_text()
    assert area.input_value().startswith("The US and Japan, which recently strengthened")
    page.close()
