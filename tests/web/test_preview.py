"""The preview in context and the editor's header: the same renderer as the bundle, framed
by this site only, running nothing; word counts, origin shares, the publish status in the
page and confirmations with counts."""

from __future__ import annotations

import re

import lxml.html
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import Seeded, login
from workflow import services
from workflow.export.html import HtmlExporter
from workflow.states import SegmentState


def test_preview_is_the_bundle_html_of_the_current_translations(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    desk = app.extensions["transdesk"]
    tina = next(u for u in services.list_users(desk) if u.name == "tina")
    key = seeded.keys[3]
    services.save_translation(desk, seeded.slug, "en", key, "A fresh sentence.", user_id=tina.id)
    login(client, "tina")
    r = client.get(f"/articles/{seeded.slug}/en/preview")
    assert r.status_code == 200
    assert r.mimetype == "text/html"
    la = services.show_article(desk, seeded.slug, "en")
    same = HtmlExporter(min_state=SegmentState.TRANSLATED).render(la)
    assert r.data == same  # byte for byte what the exporter writes
    page = r.get_data(as_text=True)
    assert "A fresh sentence." in page
    body = lxml.html.document_fromstring(page).body.text_content()
    assert "[%%IMAGE" not in body  # the sample's image is a labelled slot
    assert "Image 1" in body
    assert "Apr 30, 2015, 5:24\u202fPM KST</time>" in page  # the English edition's date
    # Framed by this site only, nothing runs in it.
    csp = r.headers["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in csp and "default-src 'none'" in csp
    assert "script-src" not in csp and "sandbox" in csp
    assert r.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_preview_needs_login_and_a_visible_article(client: FlaskClient, seeded: Seeded) -> None:
    r = client.get(f"/articles/{seeded.slug}/en/preview")
    assert r.status_code == 302 and "/login" in r.headers["Location"]
    login(client, "tina")
    assert client.get("/articles/no-such-article/en/preview").status_code == 404


def test_header_shows_words_origins_and_why_publishing_waits(
    client: FlaskClient, seeded: Seeded
) -> None:
    login(client, "eddie")
    page = client.get(f"/articles/{seeded.slug}/en").get_data(as_text=True)
    stats = lxml.html.fromstring(page).get_element_by_id("publish-status")
    assert "Not ready to publish yet" in stats.text_content()
    assert "22 translated segments wait for an editor's approval." in stats.text_content()
    doc = lxml.html.fromstring(page)
    source_words = doc.xpath("//dd[@data-stat='source-words']")[0].text_content()
    assert int(source_words.replace(",", "")) > 300
    # The sample's translations come from the paired English edition.
    assert doc.xpath("//dd[@data-stat='aligned']")[0].text_content() == "100%"
    assert doc.xpath("//dd[@data-stat='people']")[0].text_content() == "0%"
    publish = doc.xpath("//button[@data-testid='publish']")[0]
    assert publish.get("disabled") is not None and publish.get("title") is None
    assert publish.get("aria-describedby") == "publish-status"
    # Approve all asks first: a required checkbox without JavaScript, with the count.
    check = doc.xpath("//input[@data-testid='approve-all-confirm']")[0]
    assert check.get("required") is not None
    assert re.search(r"Yes, approve 22 segments", page)


def test_header_says_when_it_is_ready_and_when_it_is_published(
    client: FlaskClient, seeded: Seeded
) -> None:
    token = login(client, "eddie")
    base = f"/articles/{seeded.slug}/en"
    client.post(f"{base}/approve", data={"csrf_token": token, "confirm": "1"})
    page = client.get(base).get_data(as_text=True)
    assert "Every segment is approved: ready to publish." in page
    assert "Yes, publish 22 segments" in page
    client.post(f"{base}/publish", data={"csrf_token": token, "confirm": "1"})
    page = client.get(base).get_data(as_text=True)
    assert "Editing a segment now sends the translation back to review" in page


def test_status_fragment_follows_the_article(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    desk = app.extensions["transdesk"]
    erin = next(u for u in services.list_users(desk) if u.name == "erin")
    services.approve(desk, seeded.slug, "en", [seeded.keys[0]], user_id=erin.id)
    login(client, "eddie")
    r = client.get(f"/articles/{seeded.slug}/en/status")
    assert r.status_code == 200
    fragment = lxml.html.fromstring(r.get_data(as_text=True))
    assert fragment.get("id") == "editor-status"
    reasons = fragment.get_element_by_id("publish-status").text_content()
    assert "21 translated segments wait for an editor's approval." in reasons
    # "Approve all" sends the versions of what is translated now.
    versions = fragment.xpath(
        "//form[contains(@action, '/approve')]//input[starts-with(@name, 'v:')]"
    )
    assert len(versions) == 21
