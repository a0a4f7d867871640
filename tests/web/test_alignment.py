"""The alignment review page: beads side by side, flagged ones highlighted, keyboard and mouse."""

from __future__ import annotations

import json
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import SAMPLES
from tests.web.conftest import Seeded, login, settled
from tests.web.test_browser import log_in
from workflow import services

EN = json.loads((SAMPLES / "hani-689225.pair.gold.json").read_text())["en_sentences"]


def body_texts(app: Flask, slug: str) -> list[str]:
    la = services.show_article(app.extensions["transdesk"], slug, "en")
    return [e.translation.text for e in la.entries if e.segment.kind == "body"]


def test_page_shows_beads_and_flags_the_doubtful(client: FlaskClient, seeded: Seeded) -> None:
    login(client, "tina")
    page = client.get(f"/articles/{seeded.slug}/en/alignment").get_data(as_text=True)
    assert page.count('<tr id="bead-') == 19
    assert 'data-type="1-2"' in page
    view = services.alignment_view(client.application.extensions["transdesk"], seeded.slug, "en")
    assert page.count("bead flagged") == sum(view.flagged(b) for b in view.beads)
    assert "Merge with next" not in page  # translators review, editors change


def test_a_translator_cannot_post_an_edit(client: FlaskClient, seeded: Seeded) -> None:
    token = login(client, "tina")
    r = client.post(
        f"/articles/{seeded.slug}/en/alignment",
        data={"csrf_token": token, "bead": "1", "op": "merge", "revision": "1"},
    )
    assert r.status_code == 403


def test_a_bad_bead_number_is_a_400(client: FlaskClient, seeded: Seeded) -> None:
    token = login(client, "eddie")
    url = f"/articles/{seeded.slug}/en/alignment"
    for bead in ("x", "0", "99"):
        r = client.post(url, data={"csrf_token": token, "bead": bead, "op": "merge"})
        assert r.status_code == 400, bead


@pytest.mark.browser
def test_editor_realigns_with_keyboard_and_mouse(
    app: Flask, chromium: Any, live_server: str, seeded: Seeded
) -> None:
    page = chromium.new_page()
    log_in(page, live_server, "eddie")
    page.goto(f"{live_server}/articles/{seeded.slug}/en")
    page.get_by_test_id("alignment-link").click()
    # Each realignment is a form post that reloads the page; its keys work once the
    # page's script has run, so every step waits for the new page to finish loading.
    settled(page, "#bead-4[data-type='1-2']")
    # Keyboard: Shift+↓ on bead 4 moves its last English sentence into bead 5.
    page.locator("#bead-4").focus()
    page.keyboard.press("Shift+ArrowDown")
    page.wait_for_url("**/alignment#bead-4")
    settled(page, "#bead-4[data-type='1-1']")
    assert page.locator("#bead-5").get_attribute("data-type") == "1-2"
    assert "2 segments updated" in page.locator(".flashes").inner_text()
    texts = body_texts(app, seeded.slug)
    assert texts[3] == EN[3]
    assert texts[4] == f"{EN[4]} {EN[5]}"
    # Mouse: "English ↑" on bead 5 moves it back.
    page.locator("#bead-5").get_by_role("button", name="English ↑").click()
    settled(page, "#bead-4[data-type='1-2']")
    assert body_texts(app, seeded.slug)[3] == f"{EN[3]} {EN[4]}"
    # Merge by keyboard, then split by keyboard on the merged bead.
    page.locator("#bead-1").focus()
    page.keyboard.press("m")
    settled(page, "#bead-1[data-type='2-2']")
    page.locator("#bead-1").focus()
    page.keyboard.press("s")
    settled(page, "#bead-1[data-type='1-1']")
    assert page.locator("tr.bead").count() == 19
    page.close()
