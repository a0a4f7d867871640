"""Login throttling on the web (issue 12, item 10): parallel wrong logins against the
development server run at most the allowed scrypt checks; the user logs in from their own
address while the attacker's is locked; the locked-out browser is told when to try again
(429, Retry-After, in its language); an administrator lifts the lock on the users page or
with ``transdesk users unlock``."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import PASSWORD, Seeded, csrf_token, login
from tests.web.test_cli import cli
from tests.workflow.services.test_login_throttling import Checks
from workflow import services
from workflow.services import Context, users

ATTACKER = "203.0.113.7"
HOME = "198.51.100.20"


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> Iterator[Checks]:
    counter = Checks()
    monkeypatch.setattr(users, "check_password", counter.wrap(users.check_password))
    yield counter


def _desk(app: Flask) -> Context:
    return app.extensions["transdesk"]  # type: ignore[no-any-return]


def post_login(client: FlaskClient, name: str, password: str, address: str) -> Any:
    token = csrf_token(client)
    return client.post(
        "/login",
        data={"name": name, "password": password, "csrf_token": token},
        environ_base={"REMOTE_ADDR": address},
    )


def lock_out(app: Flask, name: str = "tina") -> None:
    attacker = app.test_client()
    for _ in range(users.MAX_FAILURES):
        assert post_login(attacker, name, "wrong password here", ATTACKER).status_code == 401


def test_parallel_wrong_logins_on_the_server(
    live_server: str, seeded: Seeded, checks: Checks
) -> None:
    browsers = []
    for _ in range(40):
        s = requests.Session()
        page = s.get(f"{live_server}/login", timeout=30).text
        match = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert match
        browsers.append((s, match[1]))
    statuses: list[int] = []
    start = threading.Barrier(len(browsers))

    def run(s: requests.Session, token: str) -> None:
        start.wait()
        form = {"name": "tina", "password": "wrong password here", "csrf_token": token}
        statuses.append(s.post(f"{live_server}/login", data=form, timeout=60).status_code)

    threads = [threading.Thread(target=run, args=b) for b in browsers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert checks.count <= users.MAX_FAILURES
    assert sorted(statuses) == [401] * checks.count + [429] * (40 - checks.count)


def test_the_user_logs_in_from_their_own_address(app: Flask, seeded: Seeded) -> None:
    lock_out(app)
    assert post_login(app.test_client(), "tina", PASSWORD, ATTACKER).status_code == 429
    assert post_login(app.test_client(), "tina", PASSWORD, HOME).status_code == 302


def test_the_locked_out_browser_is_told_when(app: Flask, seeded: Seeded) -> None:
    lock_out(app)
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "ko"
    answer = post_login(client, "tina", PASSWORD, ATTACKER)
    assert answer.status_code == 429
    assert 14 * 60 < int(answer.headers["Retry-After"]) <= 15 * 60
    text = answer.get_data(as_text=True)
    assert re.search(r"\d{1,2}:\d\d.{0,12}이후에 다시 시도하세요 \(1[45]분 뒤\)", text), text
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    text = post_login(client, "tina", PASSWORD, ATTACKER).get_data(as_text=True)
    assert re.search(r"Try again after \d{1,2}:\d\d\s?[AP]M \(in 1[45] minutes\)", text), text


def test_an_administrator_unlocks_on_the_users_page(app: Flask, seeded: Seeded) -> None:
    services.add_user(_desk(app), "ada", "admin", PASSWORD)
    lock_out(app)
    admin = app.test_client()
    token = login(admin, "ada")
    page = admin.get("/admin/users").get_data(as_text=True)
    row = re.search(r'<tr data-user="tina">.*?</tr>', page, re.S)
    assert row and "locked until" in row[0] and "/admin/users/tina/unlock" in row[0]
    editor = app.test_client()
    refused = editor.post("/admin/users/tina/unlock", data={"csrf_token": login(editor, "eddie")})
    assert refused.status_code == 403
    assert post_login(app.test_client(), "tina", PASSWORD, ATTACKER).status_code == 429
    answer = admin.post("/admin/users/tina/unlock", data={"csrf_token": token})
    assert answer.status_code == 302
    assert "tina can log in again." in admin.get("/admin/users").get_data(as_text=True)
    assert "locked until" not in admin.get("/admin/users").get_data(as_text=True)
    assert post_login(app.test_client(), "tina", PASSWORD, ATTACKER).status_code == 302


def test_the_operator_unlocks_with_the_cli(app: Flask, seeded: Seeded, runner: CliRunner) -> None:
    lock_out(app)
    assert cli(runner, "users", "unlock", "tina").stdout == "'tina' can log in again\n"
    assert post_login(app.test_client(), "tina", PASSWORD, ATTACKER).status_code == 302
    assert cli(runner, "users", "unlock", "tina").stdout == "'tina' was not locked\n"
    missing = cli(runner, "users", "unlock", "nobody", ok=False)
    assert missing.exit_code == 1 and "no user named 'nobody'" in missing.stderr
