"""Article views over HTTP: login, list, pair view, save, conflicts, bad uploads."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import SAMPLES
from tests.web.conftest import Seeded, csrf_token, login, upload
from workflow import services
from workflow.states import SegmentState


def test_pages_need_login(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_wrong_password_is_refused_without_saying_which_part(
    client: FlaskClient, seeded: Seeded
) -> None:
    token = csrf_token(client)
    for name in ("tina", "nobody"):
        r = client.post("/login", data={"name": name, "password": "x" * 12, "csrf_token": token})
        assert r.status_code == 401
        assert "Wrong user name or password." in r.get_data(as_text=True)


def test_login_redirect_stays_on_this_site(client: FlaskClient, seeded: Seeded) -> None:
    token = csrf_token(client)
    r = client.post(
        "/login?next=//evil.example/",
        data={"name": "tina", "password": "correct horse battery staple", "csrf_token": token},
    )
    assert r.headers["Location"] == "/"


def test_post_without_csrf_token_is_refused(client: FlaskClient, seeded: Seeded) -> None:
    login(client, "tina")
    r = client.post(
        f"/articles/{seeded.slug}/en/segments/{seeded.keys[2]}", data={"text": "x", "version": "1"}
    )
    assert r.status_code == 400
    la = services.show_article(client.application.extensions["transdesk"], seeded.slug, "en")
    assert la.entries[2].translation.version == 1


def test_list_shows_progress_per_locale(client: FlaskClient, seeded: Seeded) -> None:
    login(client, "tina")
    page = client.get("/").get_data(as_text=True)
    assert "미·일, 한국에 한·미·일 국방장관 회담 요청 추진" in page
    assert "In review" in page
    assert re.search(r"Translated 22", page)


def test_save_records_a_revision_and_bumps_the_version(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    token = login(client, "tina")
    key = seeded.keys[5]
    r = client.post(
        f"/articles/{seeded.slug}/en/segments/{key}",
        data={"text": "  A new sentence.  ", "version": "1", "csrf_token": token},
    )
    assert r.status_code == 302
    desk = app.extensions["transdesk"]
    entry = services.show_article(desk, seeded.slug, "en").entries[5]
    assert (entry.translation.text, entry.translation.version) == ("A new sentence.", 2)
    assert entry.translation.updated_by == "tina"
    history = services.segment_history(desk, seeded.slug, "en", key)
    assert [(r.action, r.user) for r in history.revisions] == [("aligned", None), ("save", "tina")]


def test_a_stale_save_answers_409_with_both_texts(client: FlaskClient, seeded: Seeded) -> None:
    token = login(client, "tina")
    url = f"/articles/{seeded.slug}/en/segments/{seeded.keys[4]}"
    client.post(url, data={"text": "Theirs.", "version": "1", "csrf_token": token})
    r = client.post(url, data={"text": "Mine, typed on v1.", "version": "1", "csrf_token": token})
    assert r.status_code == 409
    page = r.get_data(as_text=True)
    assert "Mine, typed on v1." in page and "Theirs." in page
    # Keeping mine saves it on top of the current version.
    r = client.post(url, data={"text": "Mine, typed on v1.", "version": "2", "csrf_token": token})
    assert r.status_code == 302


def test_json_clients_get_errors_as_json(client: FlaskClient, seeded: Seeded) -> None:
    login(client, "tina")
    r = client.get(f"/articles/{seeded.slug}/xx-nope", headers={"Accept": "application/json"})
    assert r.status_code == 400
    assert r.get_json()["error"] == "UnknownLocale"


BAD_UPLOADS = [
    ("empty.txt", b"", "ko", "empty"),
    ("binary.bin", bytes(range(256)) * 4, "ko", "binary"),
    ("notitle.txt", b"\n\n\n", "ko", "empty"),
    ("page.html", b"<html><body><nav>Home | World</nav></body></html>", "ko", "no article"),
    ("hani-ko-689058-demo.txt", None, "xx-nope", "unknown locale"),
]


@pytest.mark.parametrize(("name", "data", "locale", "expected"), BAD_UPLOADS)
def test_bad_import_is_a_400_and_stores_nothing(
    app: Flask,
    client: FlaskClient,
    seeded: Seeded,
    name: str,
    data: bytes | None,
    locale: str,
    expected: str,
) -> None:
    token = login(client, "eddie")
    body = data if data is not None else (SAMPLES / name).read_bytes()
    r = upload(client, "/articles/import", token, body, name, locale=locale)
    assert r.status_code == 400
    page = r.get_data(as_text=True)
    assert expected in page.lower()
    assert name in page or expected == "unknown locale"
    assert len(services.list_articles(app.extensions["transdesk"])) == 1


def test_import_and_pair_through_the_browser_forms(app: Flask, client: FlaskClient) -> None:
    desk = app.extensions["transdesk"]
    services.add_user(desk, "eddie", "editor", "correct horse battery staple")
    token = login(client, "eddie")
    ko = (SAMPLES / "hani-ko-689058-demo.txt").read_bytes()
    r = upload(client, "/articles/import", token, ko, "ko.txt", locale="ko")
    assert r.status_code == 302
    en = (SAMPLES / "hani-en-689225.txt").read_bytes()
    r = upload(client, "/articles/ko/pair", token, en, "en.txt", locale="en")
    assert r.status_code == 302
    assert services.show_article(desk, "ko", "en").counts()[SegmentState.TRANSLATED] == 22


def test_translators_cannot_import(client: FlaskClient, seeded: Seeded) -> None:
    login(client, "tina")
    assert client.get("/articles/import").status_code == 403


def test_the_editor_shows_image_placeholders_as_chips_between_paragraphs(
    client: FlaskClient, seeded: Seeded
) -> None:
    login(client, "tina")
    page = client.get(f"/articles/{seeded.slug}/en").get_data(as_text=True)
    chip = '<span class="chip" contenteditable="false"'
    assert page.count(chip) == 1
    # The sample's image comes before the first body paragraph.
    assert page.index(chip) < page.index(f'id="seg-{seeded.keys[2]}"')
    assert page.index(chip) > page.index('id="seg-subtitle"')
