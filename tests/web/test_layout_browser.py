"""The editor's and the review queue's layout at the widths people use: source beside its
translation at 1024 px and at 200 % zoom (a 1024 px window zoomed shows 512 CSS px), the
Reject button on one line with Save, the assign form folded instead of under every row."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.web.conftest import Seeded
from tests.web.test_browser import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def editor_page(chromium: Any) -> Iterator[Any]:
    contexts: list[Any] = []

    def make(width: int, scale: int = 1) -> Any:
        context = chromium.new_context(
            locale="en-US", viewport={"width": width, "height": 800}, device_scale_factor=scale
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def box(locator: Any) -> dict[str, float]:
    locator.scroll_into_view_if_needed()
    b = locator.bounding_box()
    assert b is not None
    return dict(b)


@pytest.mark.parametrize(("width", "scale"), [(1024, 1), (512, 2)], ids=["1024px", "200pct"])
def test_source_beside_translation_and_buttons_on_one_line(
    editor_page: Any, live_server: str, seeded: Seeded, width: int, scale: int
) -> None:
    page = editor_page(width, scale)
    log_in(page, live_server, "eddie")
    page.goto(f"{live_server}/articles/{seeded.slug}/en")
    row = page.locator(f"#seg-{seeded.keys[5]}")
    source, target = box(row.locator(".source")), box(row.locator("textarea"))
    assert source["x"] + source["width"] <= target["x"] + 1, (source, target)  # side by side
    assert abs(source["y"] - target["y"]) < 40, (source, target)
    save = box(row.get_by_role("button", name="Save", exact=True))
    reject = box(row.get_by_role("button", name="Reject", exact=True))
    approve = box(row.get_by_role("button", name="Approve", exact=True))
    # One line: the same top, the height of one line of text.
    assert abs(reject["y"] - save["y"]) < 2 and abs(approve["y"] - save["y"]) < 2
    assert reject["height"] < 1.6 * save["height"]
    width_used = page.evaluate("document.documentElement.scrollWidth")
    assert width_used <= width + 1, f"the page scrolls sideways: {width_used}px in {width}px"


def test_review_queue_assign_form_is_folded(
    editor_page: Any, live_server: str, seeded: Seeded
) -> None:
    page = editor_page(1024)
    log_in(page, live_server, "eddie")
    page.goto(f"{live_server}/review")
    row = page.locator(f"tr[data-slug='{seeded.slug}']")
    form = row.locator("form.assign")
    assert form.is_hidden()
    assert page.locator("form.assign:visible").count() == 0  # no form under any row
    height = box(row)["height"]
    assert height < 130, f"a queue row is {height}px high"
    row.get_by_text("Assign…", exact=True).click()
    assert form.is_visible()
    form.get_by_label("Translator").fill("tina")
    form.get_by_role("button", name="Assign").click()
    # a reload, or the row updated in place: either way the translator's cell says so
    cell = page.locator(f"tr[data-slug='{seeded.slug}'] > td").nth(5)
    cell.filter(has_text="tina").wait_for()


#: The words in ``sel`` that a line break cuts in two ("언 / 어"), each as its element's text.
BROKEN_WORDS = """sel => {
  const broken = [];
  for (const el of document.querySelectorAll(sel)) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set(Array.from(range.getClientRects()).filter(r => r.width)
          .map(r => Math.round(r.top)));
        if (tops.size > 1) { broken.push(el.textContent.trim() + ": " + m[0]); }
      }
    }
  }
  return broken;
}"""


def test_korean_menu_and_table_heads_never_break_inside_a_word_and_the_bar_is_one_line(
    chromium: Any, live_server: str, seeded: Seeded
) -> None:
    context = chromium.new_context(locale="en-US", viewport={"width": 1024, "height": 700})
    try:
        page = context.new_page()
        log_in(page, live_server, "eddie")
        page.locator("header button[lang=ko]").click()  # the language switch, as people do
        page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == "ko"
        page.goto(f"{live_server}/review")
        assert page.evaluate(BROKEN_WORDS, "header nav a, header .who a, header .who button") == []
        assert page.evaluate(BROKEN_WORDS, "table th") == []  # "언어", never "언 / 어"
        page.goto(f"{live_server}/articles/{seeded.slug}/en")
        assert page.evaluate(BROKEN_WORDS, "header nav a, span.badge") == []
        # The collaboration bar at the foot of the editor covers one line of it, no more.
        bar = page.get_by_test_id("collab-bar").bounding_box()
        assert bar is not None and bar["height"] < 56, bar
    finally:
        context.close()
