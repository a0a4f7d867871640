"""The editor's row endpoints (``web/segments.py``): each action answers with the row redrawn,
the header's counts and the next segment needing the user; each refusal with a JSON body
whose ``text`` a person can read, next to the row. The forms stay the no-JavaScript path.
Also: human labels instead of keys, pages of rows for long articles, the error pages."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import Seeded, login, switch_user
from workflow import services
from workflow.services import editor as editor_service
from workflow.states import SegmentState
from workflow.text.clean import MAX_TEXT

KO = {"Accept-Language": "ko"}


def row_url(seeded: Seeded, key: str, action: str) -> str:
    return f"/articles/{seeded.slug}/en/rows/{key}/{action}"


def post(client: FlaskClient, token: str, url: str, body: dict[str, Any], **headers: str) -> Any:
    return client.post(
        url,
        json=body,
        headers={"Accept": "application/json", "X-CSRFToken": token, **headers},
    )


def entry(app: Flask, seeded: Seeded, index: int) -> Any:
    return services.show_article(app.extensions["transdesk"], seeded.slug, "en").entries[index]


def test_save_answers_with_the_row_counts_and_next_segment(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    token = login(client, "tina")
    key = seeded.keys[3]
    r = post(client, token, row_url(seeded, key, "save"), {"text": "A new text.", "version": 1})
    assert r.status_code == 200, r.get_data(as_text=True)
    body = r.get_json()
    assert (body["key"], body["state"], body["version"]) == (key, "translated", 2)
    assert body["message"] == "Saved."
    assert f'id="seg-{key}"' in body["row"] and 'data-version="2"' in body["row"]
    assert ">A new text.</textarea>" in body["row"]
    assert 'data-testid="editor-counts"' in body["counts"]
    assert entry(app, seeded, 3).translation.text == "A new text."
    # Every segment is pre-filled and the article is not assigned to tina: none needs her.
    assert body["next"] is None and body["needing"] == 0
    assert body["done"] == "All done here — 0 segments need you"


def test_next_is_the_next_segment_needing_this_user(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    token = login(client, "tina")
    # Empty two segments (a translator's next work), then save the one before them.
    for i in (6, 9):
        post(client, token, row_url(seeded, seeded.keys[i], "save"), {"text": "", "version": 1})
    keys = seeded.keys
    r = post(client, token, row_url(seeded, keys[4], "save"), {"text": "Four.", "version": 1})
    body = r.get_json()
    assert body["next"] == seeded.keys[6] and body["needing"] == 2
    r = post(client, token, row_url(seeded, seeded.keys[6], "save"), {"text": "Six.", "version": 2})
    assert r.get_json()["next"] == seeded.keys[9]
    # Wraps round to the start; never answers the row itself.
    r = post(client, token, row_url(seeded, keys[9], "save"), {"text": "Nine.", "version": 2})
    assert r.get_json()["next"] is None
    # An editor's next: translated by someone else, not approved; their own edit is not.
    token = login(client, "eddie")
    post(client, token, row_url(seeded, seeded.keys[3], "save"), {"text": "Three.", "version": 1})
    r = client.get(f"/articles/{seeded.slug}/en/rows/{seeded.keys[2]}")
    assert r.get_json()["next"] == seeded.keys[4]
    assert r.get_json()["needing"] == len(seeded.keys) - 1


def test_approve_reject_comment_dismiss_and_revert_by_fetch(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    key = seeded.keys[2]
    token = login(client, "eddie")
    r = post(client, token, row_url(seeded, key, "approve"), {"version": 1})
    assert r.get_json()["state"] == "approved"
    assert "approved by eddie" in r.get_json()["row"]
    r = post(client, token, row_url(seeded, key, "reject"), {"reason": "Wrong tense."})
    assert r.get_json()["state"] == "needs_edit"
    assert "Wrong tense." in r.get_json()["row"]
    r = post(client, token, row_url(seeded, key, "comment"), {"body": "Check the date."})
    assert "Check the date." in r.get_json()["row"] and "Comments (1)" in r.get_json()["row"]
    r = post(client, token, row_url(seeded, key, "revert"), {"to_version": 1, "version": 3})
    assert r.status_code == 200, r.get_data(as_text=True)
    assert r.get_json()["version"] == 4
    t = entry(app, seeded, 2).translation
    assert (t.state, t.version) == (SegmentState.TRANSLATED, 4)


def test_dismissing_a_warning_by_fetch(app: Flask, client: FlaskClient, seeded: Seeded) -> None:
    token = login(client, "tina")
    key = seeded.keys[5]
    text = entry(app, seeded, 5).translation.text + " 1,234"  # a number not in the source
    r = post(client, token, row_url(seeded, key, "save"), {"text": text, "version": 1})
    checks = re.findall(r'data-dismiss="([^"]+)"', r.get_json()["row"])
    assert checks, r.get_json()["row"]
    r = post(client, token, row_url(seeded, key, "dismiss"), {"check": checks[0], "reason": "ok"})
    assert r.status_code == 200, r.get_data(as_text=True)
    assert "dismissed by tina: ok" in r.get_json()["row"]


@pytest.mark.parametrize(
    ("who", "action", "body", "status", "error", "field"),
    [
        ("eddie", "reject", {"reason": "  "}, 400, "BadInput", "reason"),
        ("tina", "save", {"text": "x" * (MAX_TEXT + 1), "version": 1}, 400, "BadInput", "text"),
        ("tina", "save", {"text": "Late.", "version": 0}, 409, "VersionConflict", None),
        ("tina", "approve", {"version": 1}, 403, "PermissionDenied", None),
        ("eddie", "comment", {"body": ""}, 400, "BadInput", "body"),
        ("eddie", "fly", {}, 400, "BadInput", "action"),
    ],
)
def test_refusals_come_back_as_json_with_words_for_people(
    app: Flask,
    client: FlaskClient,
    seeded: Seeded,
    who: str,
    action: str,
    body: dict[str, Any],
    status: int,
    error: str,
    field: str | None,
) -> None:
    token = login(client, who)
    r = post(client, token, row_url(seeded, seeded.keys[2], action), body)
    assert r.status_code == status, r.get_data(as_text=True)
    answer = r.get_json()
    assert answer["error"] == error and answer.get("field") == field
    assert answer["text"] and "s-" not in answer["text"]  # a sentence, not a key
    if error == "VersionConflict":
        assert answer["current_version"] == 1 and answer["current_text"]
    assert entry(app, seeded, 2).translation.version == 1  # nothing stored


def test_four_eyes_refusal_in_place_and_the_disabled_approve(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    key = seeded.keys[2]
    token = login(client, "eddie")
    r = post(client, token, row_url(seeded, key, "save"), {"text": "Mine.", "version": 1})
    row = r.get_json()["row"]
    assert re.search(r'class="approve"[^>]*disabled', row)
    assert "another editor must approve it" in row  # the reason in words, before any click
    r = post(client, token, row_url(seeded, key, "approve"), {"version": 2})
    assert r.status_code == 403
    assert r.get_json()["error"] == "FourEyes"
    assert r.get_json()["text"].startswith("You made the last change")


def test_the_json_error_text_follows_the_ui_language(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    token = login(client, "eddie")
    r = post(client, token, row_url(seeded, seeded.keys[2], "reject"), {"reason": ""}, **KO)
    assert r.status_code == 400 and r.get_json()["text"]  # the catalog's words once translated


def test_the_no_javascript_forms_still_save_and_approve(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    token = login(client, "tina")
    base = f"/articles/{seeded.slug}/en"
    key = seeded.keys[3]
    form = {"csrf_token": token, "text": "No JS.", "version": 1}
    r = client.post(f"{base}/segments/{key}", data=form)
    assert r.status_code == 302
    token = switch_user(client, token, "eddie")
    r = client.post(f"{base}/approve", data={"csrf_token": token, "key": key, "version": 2})
    assert r.status_code == 302
    assert entry(app, seeded, 3).translation.state is SegmentState.APPROVED


def test_rows_show_human_labels_not_keys(app: Flask, client: FlaskClient, seeded: Seeded) -> None:
    login(client, "tina")
    page = client.get(f"/articles/{seeded.slug}/en").get_data(as_text=True)
    labels = re.findall(r'data-testid="seg-label">([^<]+)<', page)
    assert labels[0] == "Title"
    assert "¶1 sentence 1" in labels
    assert not [label for label in labels if label.startswith("s-")]
    assert 'aria-label="Translation of ¶1 sentence 1"' in page


def test_long_articles_come_in_pages_and_after_finds_the_page(
    app: Flask, client: FlaskClient, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(editor_service, "PER_PAGE", 5)
    token = login(client, "tina")
    base = f"/articles/{seeded.slug}/en"
    page = client.get(base).get_data(as_text=True)
    assert page.count('<section id="seg-') == 5
    assert 'data-testid="pager"' in page and "Page 1 of 5" in page
    page = client.get(f"{base}?page=3").get_data(as_text=True)
    keys = re.findall(r'<section id="seg-([^"]+)"', page)
    assert keys == seeded.keys[10:15]
    # "after" (the no-JS Ctrl+Enter) opens the page of the next segment needing the user.
    post(client, token, row_url(seeded, seeded.keys[17], "save"), {"text": "", "version": 1})
    page = client.get(f"{base}?after={seeded.keys[1]}").get_data(as_text=True)
    assert "Page 4 of 5" in page
    assert re.search(rf'<section id="seg-{seeded.keys[17]}".*?data-focus', page, re.S)


def test_error_pages_say_what_happened_with_a_way_back(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    login(client, "tina")
    r = client.get("/articles/no-such-article/en", headers={"Referer": "http://localhost/"})
    assert r.status_code == 404
    page = r.get_data(as_text=True)
    assert "Page not found" in page or "This was not found" in page
    assert 'data-testid="error-back"' in page
    assert "404 · NotFound" not in page


def test_assign_answers_json_for_the_queue_and_names_an_unknown_user(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    token = login(client, "eddie")
    url = f"/articles/{seeded.slug}/en/assign"
    headers = {"Accept": "application/json", "X-CSRFToken": token}
    form = {"translator": "tina", "reviewer": "erin", "deadline": "2026-12-24T18:00"}
    r = client.post(url, data=form, headers=headers)
    assert r.status_code == 200, r.get_data(as_text=True)
    assert r.get_json()["translator"] == "tina" and r.get_json()["reviewer"] == "erin"
    assert r.get_json()["message"] == "Assignment saved."
    r = client.post(url, data={"translator": "nobody"}, headers=headers)
    assert r.status_code == 400
    assert r.get_json()["field"] == "translator" and "nobody" in r.get_json()["message"]
    assert r.get_json()["text"]
    # Without JavaScript: the form's redirect, as before.
    r = client.post(url, data={**form, "csrf_token": token})
    assert r.status_code == 302


def test_a_low_confidence_bead_is_marked_in_its_rows_with_a_link(
    app: Flask, client: FlaskClient, seeded: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    from workflow.services import rows

    login(client, "tina")
    page = client.get(f"/articles/{seeded.slug}/en").get_data(as_text=True)
    assert 'data-testid="low-bead"' not in page  # the sample's beads are all sure
    monkeypatch.setattr(rows, "REVIEW_THRESHOLD", 1.01)  # now every bead is under it
    page = client.get(f"/articles/{seeded.slug}/en").get_data(as_text=True)
    links = re.findall(r'data-testid="low-bead" href="([^"]+)"', page)
    assert links and links[0].endswith(f"/articles/{seeded.slug}/en/alignment#bead-1")
