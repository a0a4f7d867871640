"""The editor in real Chromium: conflicts, keyboard-only work, four-eyes, bulk approval,
the Korean UI, labels on every input and use at 200 % zoom.

Each test drives the live server through Playwright and checks what the desk stored with
the services, so a passing page cannot hide a lost save.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import expect

from tests.web.conftest import PASSWORD, Seeded
from tests.web.test_browser import log_in
from workflow import services
from workflow.services import Context
from workflow.states import SegmentState

pytestmark = pytest.mark.browser

TINA = "The United States and Japan will ask Seoul for three-way defense talks."
EDDIE = "Washington and Tokyo plan to propose a trilateral meeting of defense ministers."
MERGED = "Washington and Tokyo will ask Seoul for a trilateral meeting of defense ministers."
NO_NUMBER = "They met in Washington on the 23rd and agreed."  # 28일 replaced by another day

# Every form control but hidden fields and buttons, with its accessible name, if any.
UNLABELLED_JS = """
() => Array.from(document.querySelectorAll('input, select, textarea'))
  .filter(el => !['hidden', 'submit', 'button', 'reset', 'image'].includes(el.type))
  .map(el => ({
    name: el.name,
    type: el.type || el.tagName.toLowerCase(),
    visible: el.checkVisibility(),
    labelled: Boolean(
      (el.labels && Array.from(el.labels).some(l => l.textContent.trim()))
      || (el.getAttribute('aria-label') || '').trim()
      || el.getAttribute('aria-labelledby')
      || (el.getAttribute('title') || '').trim()
    ),
    where: (el.closest('tr[data-key]') || {dataset: {}}).dataset.key || el.form?.action || '',
  }))
"""


def desk_of(app: Flask) -> Context:
    ctx: Context = app.extensions["transdesk"]
    return ctx


def user_id(ctx: Context, name: str) -> int:
    return next(u.id for u in services.list_users(ctx) if u.name == name)


def editor_url(base: str, seeded: Seeded) -> str:
    return f"{base}/articles/{seeded.slug}/en"


def focused_key(page: Any) -> str | None:
    key: str | None = page.evaluate(
        "(document.activeElement.closest('section.segment') || {dataset: {}}).dataset.key || null"
    )
    return key


def type_over(row: Any, text: str) -> None:
    """Fill the row's box; where someone else is in the segment the desk first asks (presence
    warning), and the person goes on anyway."""
    box = row.locator("textarea")
    box.fill(text)
    if box.input_value() != text:
        row.get_by_test_id("presence-warning").get_by_role("button").click()
        box.fill(text)


def test_conflict_between_two_contexts_is_merged_without_loss(
    app: Flask, new_page: Callable[..., Any], live_server: str, seeded: Seeded
) -> None:
    ctx = desk_of(app)
    key = seeded.keys[2]
    tina, eddie = new_page(), new_page()
    log_in(tina, live_server, "tina")
    log_in(eddie, live_server, "eddie")
    tina.goto(editor_url(live_server, seeded))
    eddie.goto(editor_url(live_server, seeded))  # eddie's page stays at version 1
    assert eddie.locator(f"#seg-{key}").get_attribute("data-version") == "1"

    tina.locator(f"#seg-{key} textarea").fill(TINA)
    tina.locator(f"#seg-{key}").get_by_role("button", name="Save").click()
    tina.locator(f"#seg-{key}[data-version='2']").wait_for()

    type_over(eddie.locator(f"#seg-{key}"), EDDIE)
    eddie.locator(f"#seg-{key}").get_by_role("button", name="Save").click()
    # The conflict is shown in the row, with their text; eddie's typing stays in the box.
    row = eddie.locator(f"#seg-{key}")
    row.locator(".row-error[role=alert]").wait_for()
    assert "Someone else saved this segment meanwhile" in row.locator(".row-error").inner_text()
    assert row.get_by_test_id("theirs").inner_text() == TINA
    assert row.locator("textarea").input_value() == EDDIE  # nothing eddie typed is lost
    # The store still holds tina's save, untouched by the refused one.
    assert services.show_article(ctx, seeded.slug, "en").entries[2].translation.text == TINA

    type_over(row, MERGED)
    row.get_by_role("button", name="Save").click()  # saving again keeps mine (the merge)
    row = eddie.locator(f"#seg-{key}[data-version='3']")
    row.wait_for()
    assert row.locator("textarea").input_value() == MERGED
    assert "v3 · eddie" in row.locator(".state").inner_text()

    t = services.show_article(ctx, seeded.slug, "en").entries[2].translation
    assert (t.text, t.version, t.state) == (MERGED, 3, SegmentState.TRANSLATED)
    saves = [
        (r.version, r.user, r.text)
        for r in services.segment_history(ctx, seeded.slug, "en", key).revisions
        if r.action == "save"
    ]
    assert saves == [(2, "tina", TINA), (3, "eddie", MERGED)]


def test_three_segments_translated_with_the_keyboard_alone(
    app: Flask, new_page: Callable[..., Any], live_server: str, seeded: Seeded
) -> None:
    ctx = desk_of(app)
    eddie = user_id(ctx, "eddie")
    todo = [seeded.keys[3], seeded.keys[6], seeded.keys[9]]
    for key in todo:
        services.reject(ctx, seeded.slug, "en", key, "Please redo", user_id=eddie)
    texts = [f"Keyboard translation number {n}." for n in ("one", "two", "three")]

    page = new_page()
    # Log in with the keyboard too: the user name field has autofocus.
    page.goto(f"{live_server}/login")
    page.locator("input[name=name]:focus").wait_for()  # autofocus runs after load
    page.keyboard.type("tina")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.goto(editor_url(live_server, seeded))

    # Tab to the first textarea (the title's), then Ctrl+↓ to the first rejected segment.
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "text":
            break
    assert focused_key(page) == seeded.keys[0]
    for _ in range(3):
        page.keyboard.press("Control+ArrowDown")
    assert focused_key(page) == todo[0]

    for i, (key, text) in enumerate(zip(todo, texts, strict=True)):
        assert focused_key(page) == key
        page.keyboard.press("Control+A")
        page.keyboard.type(text)
        page.keyboard.press("Control+Enter")
        page.locator(f"#seg-{key}[data-version='3']").wait_for()
        # The focus lands on the next segment needing tina; after the last, it stays and
        # the row says so.
        if i + 1 < len(todo):
            page.wait_for_function(
                "k => document.activeElement.closest('section.segment')?.dataset.key === k",
                arg=todo[i + 1],
            )
        else:
            done = page.locator(f"#seg-{key} .row-error.done")
            done.wait_for()
            assert done.inner_text() == "All done here — 0 segments need you"
            assert focused_key(page) == key

    by_key = {e.segment.key: e.translation for e in services.show_article(ctx, seeded.slug).entries}
    for key, text in zip(todo, texts, strict=True):
        assert by_key[key].text == text
        assert by_key[key].state == SegmentState.TRANSLATED
        assert by_key[key].updated_by == "tina"


def test_four_eyes_refusal_and_another_editor_approves(
    app: Flask, new_page: Callable[..., Any], live_server: str, seeded: Seeded
) -> None:
    key = seeded.keys[5]
    page = new_page()
    log_in(page, live_server, "eddie")
    page.goto(editor_url(live_server, seeded))
    row = page.locator(f"#seg-{key}")
    aligned = row.locator("textarea").input_value()
    assert "continued" in aligned
    row.locator("textarea").fill(aligned.replace("continued", "ongoing", 1))
    row.get_by_role("button", name="Save").click()
    page.locator(f"#seg-{key}[data-version='2']").wait_for()

    # The four-eyes rule is visible before any click: approve disabled, the reason in words.
    approve = page.locator(f"#seg-{key}").get_by_role("button", name="Approve")
    assert approve.is_disabled()
    note = page.locator(f"#seg-{key}").get_by_test_id("four-eyes-note")
    assert "another editor must approve it" in note.inner_text()
    t = services.show_article(desk_of(app), seeded.slug, "en").entries[5].translation
    assert t.state == SegmentState.TRANSLATED and t.approved_by is None

    page = new_page()
    log_in(page, live_server, "erin")
    page.goto(editor_url(live_server, seeded))
    page.locator(f"#seg-{key}").get_by_role("button", name="Approve").click()
    row = page.locator(f"#seg-{key}[data-state='approved']")
    row.wait_for()
    assert "approved by erin" in row.locator(".state").inner_text()
    t = services.show_article(desk_of(app), seeded.slug, "en").entries[5].translation
    assert (t.state, t.approved_by) == (SegmentState.APPROVED, "erin")


def test_bulk_approval_skips_a_segment_with_a_qa_error(
    app: Flask, new_page: Callable[..., Any], live_server: str, seeded: Seeded
) -> None:
    key = seeded.keys[4]
    page = new_page()
    log_in(page, live_server, "tina")
    page.goto(editor_url(live_server, seeded))
    assert "28일" in page.locator(f"#seg-{key} .source").inner_text()
    page.locator(f"#seg-{key} textarea").fill(NO_NUMBER)
    page.locator(f"#seg-{key}").get_by_role("button", name="Save").click()
    page.locator(f"#seg-{key}[data-version='2']").wait_for()
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url("**/login")

    log_in(page, live_server, "eddie")
    page.goto(editor_url(live_server, seeded))
    page.get_by_test_id("approve-all").click()
    page.locator("#confirm-dialog [data-confirm-ok]").click()
    flashes = page.locator(".flashes")
    flashes.wait_for()
    text = flashes.inner_text()
    assert "Approved 21 segments." in text
    assert f"Not approved {key}: QA error" in text
    row = page.locator(f"#seg-{key}")
    assert row.get_attribute("data-state") == "translated"
    error = row.locator("ul.findings li.error")
    assert error.count() >= 1
    assert "28" in error.first.inner_text()
    entries = services.show_article(desk_of(app), seeded.slug, "en").entries
    states = {e.segment.key: e.translation.state for e in entries}
    assert states.pop(key) == SegmentState.TRANSLATED
    assert set(states.values()) == {SegmentState.APPROVED}


def test_korean_ui_and_switching_to_english_sticks(
    new_page: Callable[..., Any], live_server: str, seeded: Seeded
) -> None:
    page = new_page(locale="ko-KR", extra_http_headers={"Accept-Language": "ko"})
    page.goto(f"{live_server}/login")
    assert page.locator("html").get_attribute("lang") == "ko"
    assert page.locator("h1").inner_text() == "로그인"
    page.get_by_label("사용자 이름").fill("eddie")
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()
    page.wait_for_url(f"{live_server}/")
    page.goto(editor_url(live_server, seeded))
    row = page.locator(f"#seg-{seeded.keys[2]}")
    assert row.get_by_role("button", name="저장", exact=True).is_visible()
    assert row.get_by_role("button", name="승인", exact=True).is_visible()
    assert page.get_by_test_id("approve-all").inner_text() == "번역된 것 모두 승인"

    page.get_by_role("button", name="English").click()
    page.wait_for_url(f"**/articles/{seeded.slug}/en*")
    assert page.locator("html").get_attribute("lang") == "en"
    assert row.get_by_role("button", name="Save", exact=True).is_visible()
    assert row.get_by_role("button", name="Approve", exact=True).is_visible()
    # The choice sticks on the next page, although the browser still asks for Korean.
    page.get_by_role("link", name="Glossary").click()
    expect(page.locator("h1")).to_have_text("Glossary")
    assert page.get_by_role("button", name="Log out").is_visible()


def test_every_input_on_editor_and_glossary_has_a_label(
    new_page: Callable[..., Any], live_server: str, seeded: Seeded
) -> None:
    page = new_page()
    log_in(page, live_server, "eddie")  # an editor sees every form
    unlabelled: list[str] = []
    for path in (f"/articles/{seeded.slug}/en", "/glossary"):
        page.goto(f"{live_server}{path}")
        controls = page.evaluate(UNLABELLED_JS)
        assert sum(c["visible"] for c in controls) >= 3, path
        unlabelled += [
            f"{path}: {c['type']} name={c['name']!r} at {c['where']}"
            for c in controls
            if not c["labelled"]
        ]
    assert not unlabelled, "inputs without an accessible name:\n" + "\n".join(unlabelled)


def test_usable_at_200_percent_zoom(
    new_page: Callable[..., Any], live_server: str, seeded: Seeded
) -> None:
    page = new_page(locale="en-US", viewport={"width": 640, "height": 450}, device_scale_factor=2)
    log_in(page, live_server, "tina")
    page.goto(editor_url(live_server, seeded))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 2 * 640, f"the page is {width}px wide in a 640px viewport"

    key = seeded.keys[12]
    save = page.locator(f"#seg-{key}").get_by_role("button", name="Save")
    save.scroll_into_view_if_needed()
    assert save.is_visible()
    box = save.bounding_box()
    assert box is not None and box["width"] > 0 and box["height"] > 0
    area = page.locator(f"#seg-{key} textarea")
    area.focus()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "keyboard focus is invisible on the segment's textarea"
    area.fill("Saved at two hundred per cent zoom.")
    save.click()
    page.locator(f"#seg-{key}[data-version='2']").wait_for()
    assert "Saved." in page.locator(f"#seg-{key} .row-error").inner_text()


def test_conflict_page_textarea_has_a_label(
    app: Flask, new_page: Callable[..., Any], live_server: str, seeded: Seeded
) -> None:
    key = seeded.keys[3]
    page = new_page(java_script_enabled=False)  # the no-JavaScript path's conflict page
    log_in(page, live_server, "tina")
    page.goto(editor_url(live_server, seeded))
    ctx = desk_of(app)
    services.save_translation(ctx, seeded.slug, "en", key, TINA, user_id=user_id(ctx, "eddie"))
    page.locator(f"#seg-{key} textarea").fill(EDDIE)
    with page.expect_navigation() as nav:
        page.locator(f"#seg-{key}").get_by_role("button", name="Save").click()
    assert nav.value.status == 409
    unlabelled = [c for c in page.evaluate(UNLABELLED_JS) if not c["labelled"]]
    assert not unlabelled, unlabelled
