"""Structured logs: request ids in and out, one JSON access line per request, app records."""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import Seeded, login
from web import create_app, logs
from workflow import services

Lines = Callable[[], list[dict[str, Any]]]


def _drop_json_handlers() -> None:
    for name in logs.LOGGERS:
        logger = logging.getLogger(name)
        for handler in [h for h in logger.handlers if h.get_name() == "transdesk-json"]:
            logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)


@pytest.fixture
def lines() -> Iterator[Lines]:
    """Logging configured as in production, into a buffer; returns the parsed lines."""
    stream = io.StringIO()
    logs.configure_logging(stream)

    def parsed() -> list[dict[str, Any]]:
        return [json.loads(line) for line in stream.getvalue().splitlines()]

    yield parsed
    _drop_json_handlers()


def access(lines: Lines) -> list[dict[str, Any]]:
    return [line for line in lines() if line["logger"] == "transdesk.access"]


def test_every_response_carries_a_new_request_id(client: FlaskClient) -> None:
    first = client.get("/login").headers["X-Request-ID"]
    second = client.get("/login").headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        ("lb-7f3a.2_x", True),
        ("a" * 64, True),
        ("a" * 65, False),
        ("bad id", False),
        ("id;X-Evil: 1", False),
        ("한국", False),
        ('"><script>', False),
        ("", False),
    ],
)
def test_an_incoming_request_id_is_kept_only_when_it_is_sane(
    client: FlaskClient, lines: Lines, sent: str, kept: bool
) -> None:
    answer = client.get("/login", headers={"X-Request-ID": sent}).headers["X-Request-ID"]
    if kept:
        assert answer == sent
    else:
        assert re.fullmatch(r"[0-9a-f]{32}", answer)
    (line,) = access(lines)
    assert line["request_id"] == answer


def test_one_json_access_line_per_request_with_the_user(
    client: FlaskClient, seeded: Seeded, lines: Lines
) -> None:
    login(client, "tina")
    before = len(access(lines))
    response = client.get(f"/articles/{seeded.slug}/en", headers={"X-Request-ID": "req-42"})
    assert response.status_code == 200
    after = access(lines)
    assert len(after) == before + 1
    line = after[-1]
    assert line["request_id"] == "req-42"
    assert (line["method"], line["path"], line["status"]) == (
        "GET",
        f"/articles/{seeded.slug}/en",
        200,
    )
    assert line["level"] == "INFO"
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    desk = client.application.extensions["transdesk"]
    tina = next(u for u in services.list_users(desk) if u.name == "tina")
    assert line["user"] == tina.id
    assert line["remote_addr"] == "127.0.0.1"
    assert line["ts"].endswith("+00:00")


def test_an_anonymous_request_has_no_user(client: FlaskClient, lines: Lines) -> None:
    client.get("/articles/nothing/en")  # redirected to the login page
    (line,) = access(lines)
    assert (line["status"], line["user"]) == (302, None)


def test_app_records_and_errors_carry_the_request_id(app: Flask, lines: Lines) -> None:
    def note() -> str:
        logging.getLogger("transdesk.test").info("counted %d words", 7, extra={"words": 7})
        return "ok"

    def boom() -> str:
        raise RuntimeError("the disk is on fire")

    app.add_url_rule("/_note", view_func=note)
    app.add_url_rule("/_boom", view_func=boom)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    client = app.test_client()

    client.get("/_note", headers={"X-Request-ID": "note-1"})
    response = client.get(
        "/_boom", headers={"X-Request-ID": "boom-1", "Accept": "application/json"}
    )
    assert response.status_code == 500
    assert response.headers["X-Request-ID"] == "boom-1"

    records = lines()
    (note_line,) = [r for r in records if r["logger"] == "transdesk.test"]
    assert note_line["message"] == "counted 7 words"
    assert (note_line["request_id"], note_line["words"], note_line["level"]) == (
        "note-1",
        7,
        "INFO",
    )
    (error,) = [r for r in records if r["level"] == "ERROR" and r["logger"].startswith("web")]
    assert error["request_id"] == "boom-1"
    assert "RuntimeError: the disk is on fire" in error["exc"]
    boom_access = [r for r in access(lines) if r["path"] == "/_boom"]
    assert [(r["status"], r["level"], r["request_id"]) for r in boom_access] == [
        (500, "ERROR", "boom-1")
    ]


def test_records_outside_a_request_have_no_request_id() -> None:
    record = logging.LogRecord(
        "transdesk.jobs", logging.WARNING, __file__, 1, "slow %s", ("job",), None
    )
    record.__dict__["when"] = object()  # not JSON: written with str()
    data = json.loads(logs.JsonFormatter().format(record))
    assert data["message"] == "slow job"
    assert data["level"] == "WARNING"
    assert "request_id" not in data
    assert data["when"].startswith("<object")


def test_production_apps_log_json_once_per_process(env: dict[str, str]) -> None:
    try:
        apps = [create_app({"env": "production"}) for _ in range(2)]
        for name in logs.LOGGERS:
            handlers = [
                h for h in logging.getLogger(name).handlers if h.get_name() == "transdesk-json"
            ]
            assert len(handlers) == 1
            assert isinstance(handlers[0].formatter, logs.JsonFormatter)
        for application in apps:
            application.extensions["transdesk"].close()
    finally:
        _drop_json_handlers()


def test_test_apps_leave_logging_alone(app: Flask) -> None:
    assert not any(
        h.get_name() == "transdesk-json" for h in logging.getLogger("transdesk").handlers
    )


def test_a_fine_presence_poll_writes_no_access_line_and_a_refused_one_does(
    client: FlaskClient, seeded: Seeded, lines: Lines, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = login(client, "tina")
    url = f"/articles/{seeded.slug}/en/presence"
    headers = {"X-CSRFToken": token}
    before = len(access(lines))
    for _ in range(3):
        assert client.post(url, json={"key": None}, headers=headers).status_code == 200
    assert len(access(lines)) == before  # a million of these a day would bury the rest
    refused = client.post(url, json={"key": 7}, headers=headers)
    assert refused.status_code == 400
    unknown = client.post("/articles/no-such/en/presence", json={}, headers=headers)
    assert unknown.status_code == 404
    page = client.get(f"/articles/{seeded.slug}/en")
    assert page.status_code == 200
    logged = access(lines)[before:]
    assert [(line["path"], line["status"]) for line in logged] == [
        (url, 400),
        ("/articles/no-such/en/presence", 404),
        (f"/articles/{seeded.slug}/en", 200),
    ]
    monkeypatch.setattr(logs, "QUIET_UNDER_MS", 0.0)  # every poll is now "slow"
    assert client.post(url, json={"key": None}, headers=headers).status_code == 200
    assert (access(lines)[-1]["path"], access(lines)[-1]["status"]) == (url, 200)
