"""A day at the desk in real Chromium, without page loads: a translator's shift on the
331-segment article of ``bench/editor.py`` with the keyboard alone, an editor approving and
rejecting with shortcuts, the same path through the forms with JavaScript off, and every
refusal (four-eyes, QA error, conflict, oversize) shown in the row, in English and Korean,
with the typed text kept.

The main frame's ``framenavigated`` events are counted: one for the first load, none after.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from bench.editor import article_json, load_docs, split_docs
from tests.web.conftest import Seeded
from tests.web.test_browser import log_in
from workflow import services
from workflow.services import Context
from workflow.states import SegmentState
from workflow.text.clean import MAX_TEXT

pytestmark = pytest.mark.browser

NO_NUMBER = "They met in Washington and agreed."
FOCUSED_KEY = "(document.activeElement.closest('section.segment') || {dataset: {}}).dataset.key"


class Watch:
    """The main frame's navigations and the console's errors of a page."""

    def __init__(self, page: Any) -> None:
        self.navigations = 0
        self.errors: list[str] = []
        page.on("framenavigated", self._nav(page))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _nav(self, page: Any) -> Callable[[Any], None]:
        def count(frame: Any) -> None:
            if frame == page.main_frame:
                self.navigations += 1

        return count


def desk(app: Flask) -> Context:
    ctx: Context = app.extensions["transdesk"]
    return ctx


def uid(ctx: Context, name: str) -> int:
    return next(u.id for u in services.list_users(ctx) if u.name == name)


@pytest.fixture
def long_article(app: Flask, seeded: Seeded) -> str:
    """bench/editor.py's article (dev.jsonl, about 300 Korean sentences), paired in English."""
    ctx = desk(app)
    docs, _ = split_docs(load_docs(), 300)
    imported = services.import_article(
        ctx, article_json("Bench article", docs, "ko"), source="b.json", locale="ko", format="json"
    )
    services.pair_translation(
        ctx, imported.slug, article_json("Bench article", docs, "en"), source="e.json",
        locale="en", format="json",
    )  # fmt: skip
    return imported.slug


def focused(page: Any) -> str | None:
    key: str | None = page.evaluate(FOCUSED_KEY)
    return key


def tab_to_first_text(page: Any) -> None:
    for _ in range(120):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "text":
            return
    raise AssertionError("no translation box reached with Tab")


def test_a_shift_on_the_long_article_with_the_keyboard_and_no_page_load(
    app: Flask, new_page: Callable[..., Any], live_server: str, long_article: str
) -> None:
    ctx = desk(app)
    entries = services.show_article(ctx, long_article, "en").entries
    assert len(entries) == 331
    # tina is the article's translator: every pre-filled segment waits for her look.
    services.assign(
        ctx, long_article, "en", translator="tina", reviewer="eddie", deadline=None,
        user_id=uid(ctx, "eddie"),
    )  # fmt: skip
    url = f"{live_server}/articles/{long_article}/en"

    page = new_page()
    log_in(page, live_server, "tina")
    watch = Watch(page)
    page.goto(url)
    tab_to_first_text(page)
    edited: list[str] = []
    for n in range(20):
        key = focused(page)
        assert key is not None
        edited.append(key)
        page.keyboard.press("Control+End")  # keep the figures: no QA error for the editor
        page.keyboard.type(f" Edit {n}.")
        page.keyboard.press("Control+Enter")
        page.wait_for_function(f"k => {FOCUSED_KEY} && {FOCUSED_KEY} !== k", arg=key)
    assert len(set(edited)) == 20
    page.keyboard.press("Control+Shift+M")
    page.keyboard.type("Check the figures here.")
    page.keyboard.press("Enter")
    page.get_by_text("Check the figures here.").wait_for()
    assert watch.navigations == 1, "a page load after the first"
    assert watch.errors == []

    stored = services.show_article(ctx, long_article).entries
    by_key = {e.segment.key: e.translation for e in stored}
    for n, key in enumerate(edited):
        assert by_key[key].text.endswith(f"Edit {n}.") and by_key[key].updated_by == "tina"

    page = new_page()
    log_in(page, live_server, "eddie")
    watch = Watch(page)
    page.goto(url)
    tab_to_first_text(page)
    approved = 0
    for _ in range(30):  # a QA-blocked segment is refused in place; move past it
        key = focused(page)
        page.keyboard.press("Control+Shift+Enter")
        page.wait_for_function(
            f"k => ({FOCUSED_KEY} && {FOCUSED_KEY} !== k) || document.querySelector("
            "'#seg-' + CSS.escape(k) + ' .row-error[role=alert]:not([hidden])')",
            arg=key,
        )
        if focused(page) == key:
            page.keyboard.press("Control+ArrowDown")
        else:
            approved += 1
        if approved == 10:
            break
    assert approved == 10
    target = focused(page)
    page.keyboard.press("Control+Shift+X")
    page.keyboard.type("The name is spelt wrong.")
    page.keyboard.press("Enter")
    page.locator(f"#seg-{target}[data-state='needs_edit']").wait_for()
    assert watch.navigations == 1, "a page load after the first"
    assert watch.errors == []

    states = [e.translation for e in services.show_article(ctx, long_article).entries]
    assert sum(t.approved_by == "eddie" for t in states) == 10
    rejected = next(t for t in states if t.key == target)
    assert (rejected.state, rejected.rejected_reason) == (
        SegmentState.NEEDS_EDIT,
        "The name is spelt wrong.",
    )


def test_the_same_path_without_javascript_goes_through_the_forms(
    app: Flask, new_page: Callable[..., Any], live_server: str, seeded: Seeded
) -> None:
    ctx = desk(app)
    url = f"{live_server}/articles/{seeded.slug}/en"
    page = new_page(java_script_enabled=False)
    log_in(page, live_server, "tina")
    page.goto(url)
    for i in (3, 6):
        row = page.locator(f"#seg-{seeded.keys[i]}")
        row.locator("textarea").fill(f"Without script {i}.")
        row.get_by_role("button", name="Save").click()
        page.locator(f"#seg-{seeded.keys[i]}[data-version='2']").wait_for()
    page = new_page(java_script_enabled=False)
    log_in(page, live_server, "eddie")
    page.goto(url)
    row = page.locator(f"#seg-{seeded.keys[3]}")
    row.get_by_role("button", name="Approve").click()
    page.locator(f"#seg-{seeded.keys[3]}[data-state='approved']").wait_for()
    row = page.locator(f"#seg-{seeded.keys[6]}")
    row.get_by_label("Reason for sending back").fill("Too loose.")
    row.get_by_role("button", name="Reject").click()
    page.locator(f"#seg-{seeded.keys[6]}[data-state='needs_edit']").wait_for()
    entries = services.show_article(ctx, seeded.slug, "en").entries
    assert entries[3].translation.state is SegmentState.APPROVED
    assert entries[6].translation.rejected_reason == "Too loose."


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_refusals_are_shown_in_the_row_with_the_typed_text_kept(
    app: Flask, new_page: Callable[..., Any], live_server: str, seeded: Seeded, lang: str
) -> None:
    ctx = desk(app)
    url = f"{live_server}/articles/{seeded.slug}/en"
    tina = new_page()
    log_in(tina, live_server, "tina")
    eddie = new_page()
    log_in(eddie, live_server, "eddie")
    if lang == "ko":
        for page in (tina, eddie):
            page.get_by_role("button", name="한국어").click()
            page.wait_for_load_state()
    tina.goto(url)
    eddie.goto(url)
    watch = Watch(eddie)

    def alert(page: Any, key: str) -> Any:
        box = page.locator(f"#seg-{key} .row-error[role=alert]:not([hidden])")
        box.wait_for()
        assert box.inner_text().strip()
        return box

    # QA error: tina drops the figures; eddie's approval is refused in the row.
    qa_key = seeded.keys[4]
    tina.locator(f"#seg-{qa_key} textarea").fill(NO_NUMBER)
    tina.locator(f"#seg-{qa_key} textarea").press("Control+Enter")
    tina.locator(f"#seg-{qa_key}[data-version='2']").wait_for()
    eddie.locator(f"#seg-{qa_key} textarea").focus()
    eddie.keyboard.press("Control+Shift+Enter")
    alert(eddie, qa_key)
    assert services.show_article(ctx, seeded.slug).entries[4].translation.state is (
        SegmentState.TRANSLATED
    )

    # Four-eyes: eddie's own edit; the approve control is disabled with its reason, and the
    # shortcut says the same in the row.
    own = seeded.keys[5]
    eddie.locator(f"#seg-{own} textarea").fill("Eddie's own words.")
    eddie.locator(f"#seg-{own} textarea").press("Control+Enter")
    eddie.locator(f"#seg-{own}[data-version='2']").wait_for()
    assert eddie.locator(f"#seg-{own} button.approve").is_disabled()
    assert eddie.locator(f"#seg-{own}").get_by_test_id("four-eyes-note").is_visible()
    eddie.locator(f"#seg-{own} textarea").focus()
    eddie.keyboard.press("Control+Shift+Enter")
    alert(eddie, own)

    # Conflict: tina saved meanwhile; eddie's text stays, theirs is shown beside it.
    key = seeded.keys[2]
    services.save_translation(ctx, seeded.slug, "en", key, "Tina's.", user_id=uid(ctx, "tina"))
    eddie.locator(f"#seg-{key} textarea").fill("Eddie's.")
    eddie.locator(f"#seg-{key} textarea").press("Control+Enter")
    alert(eddie, key)
    assert eddie.locator(f"#seg-{key}").get_by_test_id("theirs").inner_text() == "Tina's."
    assert eddie.locator(f"#seg-{key} textarea").input_value() == "Eddie's."

    # Oversize: one character over the limit; nothing stored, the text stays.
    big = seeded.keys[7]
    long_text = "x" * (MAX_TEXT + 1)
    eddie.locator(f"#seg-{big} textarea").fill(long_text)
    eddie.locator(f"#seg-{big} textarea").press("Control+Enter")
    alert(eddie, big)
    assert eddie.locator(f"#seg-{big} textarea").input_value() == long_text
    assert services.show_article(ctx, seeded.slug).entries[7].translation.version == 1

    assert eddie.locator("html").get_attribute("lang") == lang
    assert watch.navigations == 0
    assert watch.errors == [] or all("409" in e or "400" in e or "403" in e for e in watch.errors)


def test_shortcuts_are_listed_and_reject_stays_beside_its_reason_at_1024_px(
    new_page: Callable[..., Any], live_server: str, seeded: Seeded
) -> None:
    page = new_page(viewport={"width": 1024, "height": 768})
    log_in(page, live_server, "eddie")
    page.goto(f"{live_server}/articles/{seeded.slug}/en")
    page.locator("body").press("?")
    dialog = page.locator("dialog#shortcuts")
    dialog.wait_for()
    listed = dialog.inner_text()
    for key in ("Ctrl+Enter", "Ctrl+Shift+Enter", "Ctrl+Shift+X", "Ctrl+Shift+M", "Esc"):
        assert key in listed
    page.keyboard.press("Escape")
    row = page.locator(f"#seg-{seeded.keys[2]}")
    reason = row.get_by_label("Reason for sending back").bounding_box()
    reject = row.get_by_role("button", name="Reject").bounding_box()
    assert reason and reject
    assert abs(reason["y"] - reject["y"]) < reason["height"], "Reject wrapped onto its own line"


def test_ctrl_enter_crosses_to_the_page_holding_the_next_segment_needing_you(
    app: Flask,
    new_page: Callable[..., Any],
    live_server: str,
    seeded: Seeded,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from workflow.services import editor

    monkeypatch.setattr(editor, "PER_PAGE", 5)  # the live server runs in this process
    ctx = desk(app)
    for i in (3, 12):
        services.save_translation(
            ctx, seeded.slug, "en", seeded.keys[i], "", user_id=uid(ctx, "eddie")
        )
    page = new_page()
    log_in(page, live_server, "tina")
    page.goto(f"{live_server}/articles/{seeded.slug}/en")
    assert page.get_by_test_id("pager").first.inner_text().startswith("Page 1 of 5")
    page.locator(f"#seg-{seeded.keys[3]} textarea").fill("Three.")
    with page.expect_navigation():  # the next segment needing tina is on page 3
        page.locator(f"#seg-{seeded.keys[3]} textarea").press("Control+Enter")
    page.wait_for_function(f"k => {FOCUSED_KEY} === k", arg=seeded.keys[12])
    assert "Page 3 of 5" in page.get_by_test_id("pager").first.inner_text()


def test_assigning_in_the_review_queue_without_a_reload(
    new_page: Callable[..., Any], live_server: str, seeded: Seeded
) -> None:
    page = new_page()
    log_in(page, live_server, "eddie")
    page.goto(f"{live_server}/review")
    watch = Watch(page)
    row = page.locator(f"tr[data-slug='{seeded.slug}']")
    row.get_by_text("Assign…", exact=True).click()  # the form is folded in the row's last cell
    form = row.locator("form.assign")
    form.get_by_label("Translator").fill("nobody")
    form.get_by_role("button", name="Assign").click()
    msg = form.get_by_test_id("assign-msg")
    page.locator("form.assign .assign-msg.error").wait_for()
    assert "nobody" in msg.inner_text()
    assert form.get_by_label("Translator").input_value() == "nobody"  # kept
    form.get_by_label("Translator").fill("tina")
    form.get_by_role("button", name="Assign").click()
    page.locator("form.assign .assign-msg.ok").wait_for()
    assert row.locator("[data-cell=translator]").inner_text() == "tina"
    assert watch.navigations == 0
