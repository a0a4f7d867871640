"""The glossary page and QA in the editor: terms highlighted, findings shown, warnings dismissed."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import Seeded, login, switch_user, upload
from tests.web.test_browser import log_in
from workflow import services


def test_editors_manage_terms_translators_read_them(client: FlaskClient, seeded: Seeded) -> None:
    token = login(client, "eddie")
    r = client.post(
        "/glossary",
        data={
            "csrf_token": token,
            "source": "국방부",
            "target": "Ministry of National Defense",
            "forbidden": "Defense Ministry|MND",
        },
    )
    assert r.status_code == 302
    page = client.get("/glossary").get_data(as_text=True)
    assert "Ministry of National Defense" in page and "Defense Ministry, MND" in page
    csv = client.get("/glossary/export?format=csv").get_data(as_text=True)
    assert "국방부,Ministry of National Defense" in csv
    token = switch_user(client, token, "tina")
    assert "Ministry of National Defense" in client.get("/glossary").get_data(as_text=True)
    denied = client.post("/glossary", data={"csrf_token": token, "source": "x", "target": "y"})
    assert denied.status_code == 403


def test_a_too_long_part_of_speech_is_refused_by_name(client: FlaskClient, seeded: Seeded) -> None:
    token = login(client, "eddie")
    r = client.post(
        "/glossary",
        data={"csrf_token": token, "source": "국방부", "target": "MND", "pos": "n" * 41},
    )
    assert r.status_code == 400
    assert "part of speech is 41 characters; the limit is 40" in r.get_data(as_text=True)
    assert services.list_terms(seeded_desk(client)) == []


def seeded_desk(client: FlaskClient) -> services.Context:
    app: Flask = client.application
    ctx: services.Context = app.extensions["transdesk"]
    return ctx


def test_import_through_the_page_and_bad_files(client: FlaskClient, seeded: Seeded) -> None:
    token = login(client, "eddie")
    good = "source,target\n나카타니 겐,Gen Nakatani\n".encode()
    r = upload(client, "/glossary/import", token, good, "t.csv", follow_redirects=True)
    assert "1 terms added, 0 updated." in r.get_data(as_text=True)
    bad = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><tbx/>'
    r = upload(client, "/glossary/import", token, bad, "evil.tbx")
    assert r.status_code == 400 and "evil.tbx" in r.get_data(as_text=True)


def test_editor_highlights_terms_and_lists_findings(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    ctx = app.extensions["transdesk"]
    eddie = next(u for u in services.list_users(ctx) if u.name == "eddie")
    services.import_terms(ctx, "source,target\n나카타니 겐,Gen Nakatani\n".encode(), source="t.csv")
    token = login(client, "tina")
    key = seeded.keys[4]
    services.save_translation(
        ctx, seeded.slug, "en", key, "They met in Washington  on the 23rd.", user_id=eddie.id
    )
    page = client.get(f"/articles/{seeded.slug}/en").get_data(as_text=True)
    assert (
        '<mark class="term" title="Gen Nakatani" data-target="Gen Nakatani">나카타니 겐</mark>'
        in page
    )
    row = page.split(f'id="seg-{key}"')[1].split("</tr>")[0]
    assert 'data-check="numbers"' in row and 'data-check="spaces"' in row
    only = client.get(f"/articles/{seeded.slug}/en?findings=1").get_data(as_text=True)
    assert f'id="seg-{key}"' in only
    # A warning can be dismissed with a reason; an error cannot.
    r = client.post(
        f"/articles/{seeded.slug}/en/segments/{key}/dismiss",
        data={"csrf_token": token, "check": "spaces", "reason": "Fixed upstream"},
    )
    assert r.status_code == 302
    findings = services.check_article(ctx, seeded.slug, "en")
    spaces = next(f for f in findings if f.key == key and f.check == "spaces")
    assert (spaces.dismissed_by, spaces.dismissed_reason) == ("tina", "Fixed upstream")
    r = client.post(
        f"/articles/{seeded.slug}/en/segments/{key}/dismiss",
        data={"csrf_token": token, "check": "numbers", "reason": "no"},
    )
    assert r.status_code == 400


@pytest.mark.browser
def test_dismissing_a_warning_in_the_browser(
    app: Flask, chromium: Any, live_server: str, seeded: Seeded
) -> None:
    ctx = app.extensions["transdesk"]
    tina = next(u for u in services.list_users(ctx) if u.name == "tina")
    key = seeded.keys[3]
    text = services.show_article(ctx, seeded.slug, "en").entries[3].translation.text
    services.save_translation(
        ctx, seeded.slug, "en", key, text.replace(" ", "  ", 1), user_id=tina.id
    )
    page = chromium.new_page()
    log_in(page, live_server, "tina")
    page.goto(f"{live_server}/articles/{seeded.slug}/en")
    warning = page.locator(f"#seg-{key} li[data-check='spaces']")
    warning.get_by_role("button", name="Dismiss").click()
    warning.get_by_placeholder("Why it does not apply").fill("House style")
    page.keyboard.press("Enter")
    page.locator(f"#seg-{key} li.dismissed[data-check='spaces']").wait_for()
    assert "dismissed by tina: House style" in page.locator(f"#seg-{key} .findings").inner_text()
    page.close()
