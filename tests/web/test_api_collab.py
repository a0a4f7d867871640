"""The JSON API for working together: assign by API, the assignee's inbox and assignments,
read/unread, the desk's people with their load; bad input named, other people's items
refused; OpenAPI lists every route (``test_api.py`` checks the whole document)."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import Seeded
from workflow import services
from workflow.services import Context


def bearer(app: Flask, owner: str, scope: str = "work") -> dict[str, str]:
    desk: Context = app.extensions["transdesk"]
    made = services.create_token(desk, owner, "bot", (scope,))
    return {"Authorization": f"Bearer {made.secret}"}


def test_assign_then_inbox_and_read(app: Flask, client: FlaskClient, seeded: Seeded) -> None:
    eddie, tina = bearer(app, "eddie"), bearer(app, "tina")
    body = {
        "articles": [seeded.slug],
        "locale": "en",
        "to": "tina",
        "keys": seeded.keys[:2],
        "due": "2026-12-05T18:00",
    }
    made = client.post("/api/v1/assignments", json=body, headers=eddie)
    assert made.status_code == 201, made.get_json()
    [a] = made.get_json()["assignments"]
    assert (a["to"], a["keys"], a["due"]) == ("tina", seeded.keys[:2], "2026-12-05T09:00:00+00:00")

    items = client.get("/api/v1/inbox", headers=tina).get_json()["items"]
    assert [(i["kind"], i["article"], i["key"], i["by"], i["read"]) for i in items] == [
        ("assigned", seeded.slug, seeded.keys[0], "eddie", False)
    ]
    mine = client.get("/api/v1/assignments", headers=tina).get_json()["assignments"]
    assert [m["id"] for m in mine] == [a["id"]]
    on_article = client.get(f"/api/v1/articles/{seeded.slug}/en/assignments", headers=eddie)
    assert [m["to"] for m in on_article.get_json()["assignments"]] == ["tina"]

    # nobody marks another person's item
    refused = client.post("/api/v1/inbox/read", json={"ids": [items[0]["id"]]}, headers=eddie)
    assert refused.status_code == 404
    done = client.post("/api/v1/inbox/read", json={"ids": [items[0]["id"]]}, headers=tina)
    assert done.get_json() == {"changed": 1}
    assert client.get("/api/v1/inbox?unread=1", headers=tina).get_json()["items"] == []

    people = client.get(f"/api/v1/people?article={seeded.slug}", headers=eddie).get_json()
    assert {p["name"]: p["load"] for p in people["people"]}["tina"] == 1


def test_bad_requests_and_scopes(app: Flask, client: FlaskClient, seeded: Seeded) -> None:
    eddie = bearer(app, "eddie")
    for body, field in (
        ({"locale": "en", "to": "tina"}, "articles"),
        ({"articles": [seeded.slug], "locale": "en", "to": "translatr"}, "to"),
        ({"articles": [seeded.slug], "locale": "en", "to": "tina", "due": "soon"}, "due"),
        ({"articles": [seeded.slug], "locale": "en", "to": "tina", "keys": ["x"]}, "key"),
    ):
        r = client.post("/api/v1/assignments", json=body, headers=eddie)
        assert r.status_code == 400 and field in r.get_json()["message"], (body, r.get_json())
    r = client.post("/api/v1/inbox/read", json={"ids": "all"}, headers=eddie)
    assert r.status_code == 400
    translator = client.post(
        "/api/v1/assignments",
        json={"articles": [seeded.slug], "locale": "en", "to": "erin"},
        headers=bearer(app, "tina"),
    )
    assert translator.status_code == 403
    no_scope = client.get("/api/v1/inbox", headers=bearer(app, "tina", "articles:read"))
    assert no_scope.status_code == 403
