"""Review over HTTP: roles, four-eyes, approval bound to the version seen, the publish gate."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import Seeded, login, switch_user
from workflow import services
from workflow.states import LocalizationState, SegmentState


def state_of(app: Flask, slug: str, index: int) -> SegmentState:
    la = services.show_article(app.extensions["transdesk"], slug, "en")
    return la.entries[index].translation.state


def test_translators_cannot_approve_reject_or_publish(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    token = login(client, "tina")
    base = f"/articles/{seeded.slug}/en"
    key = seeded.keys[2]
    assert client.post(f"{base}/approve", data={"csrf_token": token}).status_code == 403
    r = client.post(f"{base}/segments/{key}/reject", data={"csrf_token": token, "reason": "no"})
    assert r.status_code == 403
    assert client.post(f"{base}/publish", data={"csrf_token": token}).status_code == 403
    assert state_of(app, seeded.slug, 2) is SegmentState.TRANSLATED


def test_an_editor_cannot_approve_their_own_edit(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    token = login(client, "eddie")
    base = f"/articles/{seeded.slug}/en"
    key = seeded.keys[2]
    client.post(f"{base}/segments/{key}", data={"csrf_token": token, "text": "Mine.", "version": 1})
    r = client.post(f"{base}/approve", data={"csrf_token": token, "key": key})
    assert r.status_code == 403
    assert "four-eyes" in r.get_data(as_text=True)
    assert state_of(app, seeded.slug, 2) is SegmentState.TRANSLATED
    # Approve-all approves the rest and says what it left.
    r = client.post(f"{base}/approve", data={"csrf_token": token}, follow_redirects=True)
    page = r.get_data(as_text=True)
    assert "Approved 21 segments." in page
    assert f"Not approved {key}" in page
    token = switch_user(client, token, "erin")
    assert client.post(f"{base}/approve", data={"csrf_token": token, "key": key}).status_code == 302
    assert state_of(app, seeded.slug, 2) is SegmentState.APPROVED


def test_approval_is_bound_to_the_version_seen(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    desk = app.extensions["transdesk"]
    tina = next(u for u in services.list_users(desk) if u.name == "tina")
    token = login(client, "eddie")
    key = seeded.keys[3]
    # The page showed version 1; the translator saves version 2 meanwhile.
    services.save_translation(desk, seeded.slug, "en", key, "Changed.", user_id=tina.id)
    r = client.post(
        f"/articles/{seeded.slug}/en/approve",
        data={"csrf_token": token, "key": key, f"v:{key}": "1"},
    )
    assert r.status_code == 409
    assert "changed since you loaded it" in r.get_data(as_text=True)
    assert state_of(app, seeded.slug, 3) is SegmentState.TRANSLATED


def test_reject_needs_a_reason_and_shows_it_to_the_translator(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    token = login(client, "eddie")
    url = f"/articles/{seeded.slug}/en/segments/{seeded.keys[4]}/reject"
    assert client.post(url, data={"csrf_token": token, "reason": "  "}).status_code == 400
    r = client.post(url, data={"csrf_token": token, "reason": "Names are wrong"})
    assert r.status_code == 302
    assert state_of(app, seeded.slug, 4) is SegmentState.NEEDS_EDIT
    switch_user(client, token, "tina")
    page = client.get(f"/articles/{seeded.slug}/en").get_data(as_text=True)
    assert "Names are wrong" in page


def test_publish_is_refused_until_everything_is_approved(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    token = login(client, "eddie")
    base = f"/articles/{seeded.slug}/en"
    r = client.post(f"{base}/publish", data={"csrf_token": token})
    assert r.status_code == 409
    assert "22 of 22 segments are not approved" in r.get_data(as_text=True)
    assert client.get(f"{base}/bundle.zip").status_code == 409
    client.post(f"{base}/approve", data={"csrf_token": token})
    assert client.post(f"{base}/publish", data={"csrf_token": token}).status_code == 302
    la = services.show_article(app.extensions["transdesk"], seeded.slug, "en")
    assert la.state is LocalizationState.PUBLISHED
    r = client.get(f"{base}/bundle.zip")
    assert r.status_code == 200
    assert r.headers["Content-Type"] == "application/zip"
    folder = app.extensions["transdesk"].settings.instance / "published" / seeded.slug / "en"
    assert (folder / f"{seeded.slug}.en.zip").read_bytes() == r.data
    # A later change takes it out of "published" until it is approved and published again.
    tina = next(u for u in services.list_users(app.extensions["transdesk"]) if u.name == "tina")
    services.save_translation(
        app.extensions["transdesk"], seeded.slug, "en", seeded.keys[2], "New.", user_id=tina.id
    )
    assert client.get(f"{base}/bundle.zip").status_code == 409


def test_catalog_download_passes_for_any_state(client: FlaskClient, seeded: Seeded) -> None:
    login(client, "tina")
    r = client.get(f"/articles/{seeded.slug}/en/catalog.po")
    assert r.status_code == 200
    assert f'filename="{seeded.slug}.en.po"' in r.headers["Content-Disposition"]
    assert 'msgctxt "title"' in r.get_data(as_text=True)
