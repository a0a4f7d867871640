"""Sessions and the UI language: Accept-Language first, then the user's choice."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.web.conftest import Seeded, csrf_token, login


def test_the_ui_follows_the_browser_language(client: FlaskClient) -> None:
    page = client.get("/login", headers={"Accept-Language": "ko-KR,ko;q=0.9"})
    assert '<html lang="ko">' in page.get_data(as_text=True)
    assert "비밀번호" in page.get_data(as_text=True)
    english = client.get("/login", headers={"Accept-Language": "en-US"}).get_data(as_text=True)
    assert "Password" in english


def test_a_chosen_language_wins_over_the_browser(client: FlaskClient, seeded: Seeded) -> None:
    token = login(client, "tina")
    r = client.post("/language", data={"lang": "ko", "next": "/", "csrf_token": token})
    assert r.headers["Location"] == "/"
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "검토 중" in page  # "In review"
    assert "번역자" in page  # the role
    # The choice is the user's setting: it holds in the next session too.
    client.post("/logout", data={"csrf_token": token})
    login(client, "tina")
    again = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "검토 중" in again


def test_logout_ends_the_session(client: FlaskClient, seeded: Seeded) -> None:
    token = login(client, "tina")
    assert client.get("/").status_code == 200
    client.post("/logout", data={"csrf_token": token})
    assert client.get("/").status_code == 302


def test_a_new_session_at_login(client: FlaskClient, seeded: Seeded) -> None:
    csrf_token(client)
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    login(client, "tina")
    with client.session_transaction() as session:
        assert "planted" not in session


def test_login_throttling_answers_429(client: FlaskClient, seeded: Seeded) -> None:
    token = csrf_token(client)
    for _ in range(5):
        r = client.post("/login", data={"name": "tina", "password": "x" * 12, "csrf_token": token})
        assert r.status_code == 401
    r = client.post(
        "/login",
        data={"name": "tina", "password": "correct horse battery staple", "csrf_token": token},
    )
    assert r.status_code == 429
    assert int(r.headers["Retry-After"]) > 0
    assert "Too many failed logins" in r.get_data(as_text=True)
