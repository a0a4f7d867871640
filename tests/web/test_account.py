"""Sessions live on the server: logout, disabling and password changes end them; a user
manages their own API tokens; administrators manage users."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import PASSWORD, Seeded, csrf_token, login
from workflow import services
from workflow.services import Context


def _desk(app: Flask) -> Context:
    return app.extensions["transdesk"]  # type: ignore[no-any-return]


def _stolen(app: Flask, client: FlaskClient) -> FlaskClient:
    """Another browser holding a copy of ``client``'s session cookie."""
    cookie = client.get_cookie("session")
    assert cookie is not None
    thief = app.test_client()
    thief.set_cookie("session", cookie.value)
    return thief


def _logged_in(client: FlaskClient) -> bool:
    return client.get("/").status_code == 200


def test_logout_ends_the_session_on_the_server(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    token = login(client, "tina")
    thief = _stolen(app, client)
    assert _logged_in(thief)
    client.post("/logout", data={"csrf_token": token})
    assert not _logged_in(client)
    assert not _logged_in(thief), "a copied cookie must not outlive the logout"


def test_disabling_a_user_ends_their_sessions(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    login(client, "tina")
    services.add_user(_desk(app), "ada", "admin", PASSWORD)
    admin = app.test_client()
    token = login(admin, "ada")
    page = admin.get("/admin/users").get_data(as_text=True)
    assert 'data-user="tina"' in page
    answer = admin.post("/admin/users/tina/active", data={"active": "0", "csrf_token": token})
    assert answer.status_code == 302
    assert not _logged_in(client)
    relogin = client.post(
        "/login", data={"name": "tina", "password": PASSWORD, "csrf_token": csrf_token(client)}
    )
    assert relogin.status_code == 401
    assert "disabled" in admin.get("/admin/users").get_data(as_text=True)


def test_only_admins_manage_users(app: Flask, client: FlaskClient, seeded: Seeded) -> None:
    token = login(client, "eddie")
    assert client.get("/admin/users").status_code == 403
    answer = client.post("/admin/users/tina/active", data={"active": "0", "csrf_token": token})
    assert answer.status_code == 403
    assert _desk(app).db is not None
    assert next(u for u in services.list_users(_desk(app)) if u.name == "tina").active


def test_changing_the_password_ends_other_sessions(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    token = login(client, "tina")
    other = app.test_client()
    login(other, "tina")
    wrong = client.post(
        "/account/password",
        data={"current": "not it", "new": "x" * 20, "confirm": "x" * 20, "csrf_token": token},
    )
    assert wrong.status_code == 400
    assert "current password is wrong" in wrong.get_data(as_text=True)
    weak = client.post(
        "/account/password",
        data={
            "current": PASSWORD,
            "new": "password1234",
            "confirm": "password1234",
            "csrf_token": token,
        },
    )
    assert weak.status_code == 400
    assert "common passwords" in weak.get_data(as_text=True)
    new = "a longer passphrase of the desk"
    done = client.post(
        "/account/password",
        data={"current": PASSWORD, "new": new, "confirm": new, "csrf_token": token},
    )
    assert done.status_code == 302
    assert _logged_in(client), "the browser that changed it stays logged in"
    assert not _logged_in(other)
    assert services.authenticate(_desk(app), "tina", new).name == "tina"


def test_a_user_makes_and_revokes_api_tokens(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    token = login(client, "eddie")
    made = client.post(
        "/account/tokens",
        data={"name": "CMS", "scope": ["articles:read", "articles:publish"], "csrf_token": token},
    )
    assert made.status_code == 201
    page = made.get_data(as_text=True)
    secret = re.search(r'data-testid="new-token">(tdk_[^<]+)<', page)
    assert secret
    headers = {"Authorization": f"Bearer {secret.group(1)}"}
    assert client.get("/api/v1/articles", headers=headers).status_code == 200
    listed = client.get("/account").get_data(as_text=True)
    assert secret.group(1) not in listed, "the secret is shown once, never again"
    assert secret.group(1)[:10] in listed
    tid = services.list_tokens(_desk(app))[0].id
    # Another user cannot revoke it by changing the id.
    other = app.test_client()
    other_token = login(other, "tina")
    assert (
        other.post(f"/account/tokens/{tid}/revoke", data={"csrf_token": other_token}).status_code
        == 404
    )
    assert client.get("/api/v1/articles", headers=headers).status_code == 200
    client.post(f"/account/tokens/{tid}/revoke", data={"csrf_token": token})
    assert client.get("/api/v1/articles", headers=headers).status_code == 401
    assert "revoked" in client.get("/account").get_data(as_text=True)
