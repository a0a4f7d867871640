"""Security headers on every response (CSP without 'unsafe-inline'), and /healthz."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.web.conftest import Seeded, login
from tests.web.test_browser import log_in

PAGES = ["/", "/review", "/my-work", "/glossary", "/dashboard", "/audit"]


def test_every_response_carries_the_headers(client: FlaskClient, seeded: Seeded) -> None:
    responses = [client.get("/login"), client.get("/static/app.css"), client.get("/nope")]
    login(client, "eddie")
    responses += [client.get(p) for p in [*PAGES, f"/articles/{seeded.slug}/en"]]
    for r in responses:
        csp = r.headers["Content-Security-Policy"]
        assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert r.headers["Referrer-Policy"] == "same-origin"
        r.close()


def test_no_inline_script_or_style_in_pages(client: FlaskClient, seeded: Seeded) -> None:
    login(client, "eddie")
    for path in [*PAGES, f"/articles/{seeded.slug}/en", f"/articles/{seeded.slug}/en/alignment"]:
        page = client.get(path).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), path
        assert " style=" not in page and "<style" not in page, path
        assert not re.search(r"\son[a-z]+=", page), path


def test_healthz_reports_database_and_queue(client: FlaskClient) -> None:
    r = client.get("/healthz")
    assert r.status_code == 200
    assert r.get_json() == {"database": "ok", "queue": "ok", "pending_jobs": 0}


@pytest.mark.browser
def test_the_editor_works_under_the_csp(chromium: Any, live_server: str, seeded: Seeded) -> None:
    page = chromium.new_page()
    violations: list[str] = []
    page.on(
        "console", lambda m: violations.append(m.text) if "Content Security" in m.text else None
    )
    log_in(page, live_server, "tina")
    page.goto(f"{live_server}/articles/{seeded.slug}/en")
    page.locator(f"#seg-{seeded.keys[2]} textarea").focus()
    page.locator(f"#seg-{seeded.keys[2]} .suggestion-list").wait_for(state="attached")
    page.goto(f"{live_server}/dashboard")
    assert violations == []
    page.close()
