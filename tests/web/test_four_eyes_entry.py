"""Four-eyes over HTTP for text brought in whole: the editor who pairs a translation (form or
API) or uploads a catalog cannot approve it alone, let alone publish it; another editor can."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import SAMPLES
from tests.web.conftest import PASSWORD, login, switch_user, upload
from workflow import services
from workflow.services import Context
from workflow.states import SegmentState

KO = SAMPLES / "hani-ko-689058-demo.txt"
EN = SAMPLES / "hani-en-689225.txt"


@pytest.fixture
def slug(app: Flask) -> str:
    ctx: Context = app.extensions["transdesk"]
    for name in ("eddie", "erin"):
        services.add_user(ctx, name, "editor", PASSWORD)
    return services.import_article(ctx, KO.read_bytes(), source=KO.name, locale="ko").slug


def states(app: Flask, slug: str) -> set[SegmentState]:
    la = services.show_article(app.extensions["transdesk"], slug, "en")
    return {e.translation.state for e in la.entries}


def state_of(app: Flask, slug: str, key: str) -> SegmentState:
    la = services.show_article(app.extensions["transdesk"], slug, "en")
    return next(e.translation.state for e in la.entries if e.segment.key == key)


def approve_alone_then_with_another(app: Flask, client: FlaskClient, slug: str, key: str) -> None:
    """eddie (the author) is refused; erin approves everything."""
    token = login(client, "eddie")
    base = f"/articles/{slug}/en"
    single = client.post(f"{base}/approve", data={"csrf_token": token, "key": key})
    assert single.status_code == 403 and "four-eyes" in single.get_data(as_text=True)
    page = client.post(f"{base}/approve", data={"csrf_token": token}, follow_redirects=True)
    text = page.get_data(as_text=True)
    assert "Approved 0 segments." in text
    assert f"Not approved {key}: four-eyes" in text
    assert state_of(app, slug, key) is SegmentState.TRANSLATED
    assert client.post(f"{base}/publish", data={"csrf_token": token}).status_code == 409
    token = switch_user(client, token, "erin")
    assert client.post(f"{base}/approve", data={"csrf_token": token}).status_code == 302
    assert states(app, slug) == {SegmentState.APPROVED}


def test_the_editor_who_pairs_in_the_browser_cannot_approve_alone(
    app: Flask, client: FlaskClient, slug: str
) -> None:
    token = login(client, "eddie")
    r = upload(client, f"/articles/{slug}/pair", token, EN.read_bytes(), "en.txt", locale="en")
    assert r.status_code == 302
    client.post("/logout", data={"csrf_token": token})
    assert states(app, slug) == {SegmentState.TRANSLATED}
    approve_alone_then_with_another(app, client, slug, "title")


def test_the_editor_who_pairs_through_the_api_cannot_approve_or_publish_alone(
    app: Flask, client: FlaskClient, slug: str
) -> None:
    ctx: Context = app.extensions["transdesk"]
    secret = services.create_token(ctx, "eddie", "CMS", ("articles:write", "articles:publish"))
    bearer = {"Authorization": f"Bearer {secret.secret}"}
    r = client.post(
        f"/api/v1/articles/{slug}/translations",
        json={"content": EN.read_text("utf-8"), "filename": "en.txt", "locale": "en"},
        headers=bearer,
    )
    assert r.status_code == 201, r.get_json()
    refused = client.post(f"/api/v1/articles/{slug}/en/publish", headers=bearer)
    assert refused.status_code == 409
    approve_alone_then_with_another(app, client, slug, "title")
    assert client.post(f"/api/v1/articles/{slug}/en/publish", headers=bearer).status_code == 200


def test_the_editor_who_uploads_a_catalog_cannot_approve_its_changes_alone(
    app: Flask, client: FlaskClient, slug: str
) -> None:
    ctx: Context = app.extensions["transdesk"]
    services.pair_translation(ctx, slug, EN.read_bytes(), source=EN.name, locale="en")
    erin = next(u.id for u in services.list_users(ctx) if u.name == "erin")
    services.approve(ctx, slug, "en", None, user_id=erin)
    po = services.export_catalog(ctx, slug, "en").data.decode()
    title = services.show_article(ctx, slug, "en").entries[0].translation.text
    edited = po.replace(f'msgstr "{title}"', 'msgstr "A title eddie wrote"', 1)
    token = login(client, "eddie")
    r = upload(client, f"/articles/{slug}/en/upload", token, edited.encode(), "x.po")
    assert r.status_code == 200 and "1 applied, 21 unchanged" in r.get_data(as_text=True)
    client.post("/logout", data={"csrf_token": token})
    approve_alone_then_with_another(app, client, slug, "title")
