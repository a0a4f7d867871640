"""Working together in real Chromium: a replace with preview and undo, a concordance hit
inserted, an assignment by picking seen in the inbox and "My work" with its e-mail received
by a local SMTP server, a rejection and an @mention in the inbox, presence between two
browser contexts (appears within 5 s, gone after the other closes), and the warning before
typing into a segment another person is in.

Each test checks what the desk stored with the services, so a passing page cannot hide a
lost change.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from tests.support.smtp import SmtpServer
from tests.web.conftest import Seeded
from tests.web.test_browser import log_in
from tests.web.test_editor_browser import desk_of, editor_url, user_id
from workflow import services
from workflow.jobs import BackgroundConsumer

pytestmark = pytest.mark.browser


@pytest.fixture
def env(env: dict[str, str], smtp: SmtpServer, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("TRANSDESK_SMTP_URL", smtp.url)
    return env | {"TRANSDESK_SMTP_URL": smtp.url}


def texts(app: Flask, seeded: Seeded) -> dict[str, str]:
    la = services.show_article(desk_of(app), seeded.slug, "en")
    return {e.segment.key: e.translation.text for e in la.entries}


def test_replace_across_an_article_with_preview_and_undo(
    app: Flask, new_page: Callable[..., Any], live_server: str, seeded: Seeded
) -> None:
    before = texts(app, seeded)
    page = new_page()
    log_in(page, live_server, "tina")
    page.goto(editor_url(live_server, seeded))
    page.get_by_test_id("replace-link").click()
    page.get_by_label("Find", exact=True).fill("South Korea")
    page.get_by_label("Replace with").fill("the ROK")
    page.get_by_label("Match case").check()
    page.get_by_label("Whole words").check()
    page.get_by_role("button", name="Preview").click()
    preview = page.get_by_test_id("replace-preview")
    assert "8 segments would change" in preview.inner_text()
    assert "the ROK" in preview.locator("tbody tr").first.locator("td").nth(3).inner_text()
    assert texts(app, seeded) == before  # the preview changed nothing
    page.get_by_test_id("replace-apply").click()
    assert page.get_by_test_id("replace-done").inner_text() == "Replaced in 8 segments."
    changed = {k for k, v in texts(app, seeded).items() if v != before[k]}
    assert len(changed) == 8
    assert all("the ROK" in texts(app, seeded)[k] for k in changed)
    page.get_by_test_id("replace-undo").click()
    page.wait_for_url(editor_url(live_server, seeded))
    assert texts(app, seeded) == before  # undone as one step


def test_a_concordance_hit_inserted_into_a_segment(
    app: Flask, new_page: Callable[..., Any], live_server: str, seeded: Seeded
) -> None:
    services.approve(desk_of(app), seeded.slug, "en", None, user_id=user_id(desk_of(app), "erin"))
    key = seeded.keys[4]
    page = new_page()
    log_in(page, live_server, "tina")
    page.goto(editor_url(live_server, seeded))
    box = page.locator(f"#seg-{key} textarea")
    box.fill("")
    box.focus()
    page.keyboard.press("Alt+k")
    search = page.get_by_test_id("concordance").get_by_role("searchbox")
    assert page.evaluate("document.activeElement.name") == "concordance"
    search.fill("Shangri-La")
    search.press("Enter")
    hit = page.get_by_test_id("concordance-hit").first
    hit.wait_for()
    assert "approved" in hit.inner_text() and seeded.slug in hit.inner_text()
    box.focus()
    page.keyboard.press("Alt+Shift+Digit1")
    inserted = box.input_value()
    assert "Shangri-La" in inserted
    page.locator(f"#seg-{key}").get_by_role("button", name="Save").click()
    page.locator(f"#seg-{key}[data-version='3']").wait_for()
    assert texts(app, seeded)[key] == inserted


def test_assignment_by_picking_reaches_inbox_my_work_and_mail(
    app: Flask, new_page: Callable[..., Any], live_server: str, seeded: Seeded, smtp: SmtpServer
) -> None:
    tina = new_page()
    log_in(tina, live_server, "tina")
    tina.goto(f"{live_server}/inbox/settings")
    tina.get_by_label("E-mail address").fill("tina@example.org")
    tina.get_by_label("Assigned to you").check()
    tina.get_by_role("button", name="Save").click()

    eddie = new_page()
    log_in(eddie, live_server, "eddie")
    eddie.goto(f"{live_server}/review")
    eddie.get_by_test_id("pick").first.click()
    people = eddie.get_by_test_id("people")
    assert people.locator("tr[data-name=tina] [data-testid=load]").inner_text() == "0"
    eddie.get_by_label("tina").check()
    eddie.get_by_label("First segment").select_option(seeded.keys[1])
    eddie.get_by_label("Last segment").select_option(seeded.keys[3])
    eddie.get_by_label("Deadline (KST)").fill("2030-01-02T18:00")
    with BackgroundConsumer(desk_of(app).mt.huey, workers=1):
        eddie.get_by_role("button", name="Assign").click()
        eddie.wait_for_url("**/review")
        [(to, mail)] = smtp.wait(1)
    assert (
        to == ["tina@example.org"] and mail["Subject"] == f"eddie assigned you {seeded.slug} (en)"
    )

    tina.goto(f"{live_server}/")
    assert tina.get_by_test_id("inbox-badge").locator(".unread-count").inner_text() == "1"
    tina.get_by_test_id("inbox-badge").click()
    row = tina.get_by_test_id("inbox").locator("tr[data-kind=assigned]")
    assert "3 segments" in row.inner_text() and "eddie" in row.inner_text()
    row.get_by_test_id("inbox-link").click()
    tina.wait_for_url(f"**/articles/{seeded.slug}/en#seg-{seeded.keys[1]}")
    tina.goto(f"{live_server}/my-work")
    assert seeded.slug in tina.content()


def test_a_rejection_and_a_mention_arrive_in_the_inbox(
    app: Flask, new_page: Callable[..., Any], live_server: str, seeded: Seeded
) -> None:
    ctx = desk_of(app)
    key = seeded.keys[2]
    services.save_translation(
        ctx, seeded.slug, "en", key, "Tina's line", user_id=user_id(ctx, "tina")
    )
    eddie = new_page()
    log_in(eddie, live_server, "eddie")
    eddie.goto(editor_url(live_server, seeded))
    row = eddie.locator(f"#seg-{key}")
    row.get_by_label("Reason for sending back").fill("Keep the minister's name")
    row.get_by_role("button", name="Reject").click()
    eddie.locator(f"#seg-{key}[data-state='needs_edit']").wait_for()
    row = eddie.locator(f"#seg-{seeded.keys[5]}")
    row.get_by_role("button", name="Comments (0)").click()
    row.get_by_label("New comment").fill("@tina is this the right date?")
    row.get_by_role("button", name="Comment", exact=True).click()
    eddie.locator(f"#seg-{seeded.keys[5]} .comment").wait_for()

    tina = new_page()
    log_in(tina, live_server, "tina")
    tina.goto(f"{live_server}/inbox")
    inbox = tina.get_by_test_id("inbox")
    assert "Keep the minister's name" in inbox.locator("tr[data-kind=rejected]").inner_text()
    assert "right date?" in inbox.locator("tr[data-kind=mention]").inner_text()
    inbox.locator("tr[data-kind=mention]").get_by_role("button", name="Mark read").click()
    assert tina.get_by_test_id("inbox-badge").locator(".unread-count").inner_text() == "1"


def test_presence_appears_warns_and_goes(
    app: Flask, new_page: Callable[..., Any], live_server: str, seeded: Seeded
) -> None:
    key = seeded.keys[3]
    tina, erin = new_page(), new_page()
    log_in(tina, live_server, "tina")
    log_in(erin, live_server, "erin")
    tina.goto(editor_url(live_server, seeded))
    erin.goto(editor_url(live_server, seeded))
    tina.locator(f"#seg-{key} textarea").focus()
    tina.keyboard.type("x")  # typing

    start = time.monotonic()
    tag = erin.locator(f"#seg-{key} [data-testid=presence-tag]")
    tag.wait_for(timeout=5000)  # within 5 s
    assert "tina" in tag.inner_text()
    assert "tina" in erin.get_by_test_id("presence").inner_text()
    assert time.monotonic() - start < 5

    # erin is warned before typing over tina's segment; nothing is typed until she agrees
    box = erin.locator(f"#seg-{key} textarea")
    original = box.input_value()
    box.focus()
    erin.keyboard.type("y")
    warning = erin.get_by_test_id("presence-warning")
    warning.wait_for()
    assert "tina is in this segment" in warning.inner_text()
    assert box.input_value() == original
    warning.get_by_role("button", name="Type anyway").click()
    erin.keyboard.type("y")
    assert len(box.input_value()) == len(original) + 1 and "y" in box.input_value()

    tina.context.close()
    start = time.monotonic()
    tag.wait_for(state="detached", timeout=30000)  # gone within 30 s
    assert erin.get_by_test_id("presence").is_hidden()
    assert time.monotonic() - start < 30


def test_the_inbox_badge_in_the_editor_follows_without_a_reload(
    app: Flask, new_page: Callable[..., Any], live_server: str, seeded: Seeded
) -> None:
    tina = new_page()
    log_in(tina, live_server, "tina")
    tina.clock.install()
    tina.goto(editor_url(live_server, seeded))
    count = tina.get_by_test_id("inbox-badge").locator(".unread-count")
    assert count.is_hidden()
    tina.evaluate("window.stillThisPage = true")
    services.assign_work(
        desk_of(app), [seeded.slug], "en", to="tina", user_id=user_id(desk_of(app), "eddie")
    )
    # The presence poll asks for the count every 30 s: no request of its own, no reload.
    tina.clock.fast_forward(31_000)
    tina.clock.run_for(5_000)
    count.wait_for(state="visible", timeout=5000)
    assert count.inner_text() == "1"
    assert tina.evaluate("window.stillThisPage") is True
