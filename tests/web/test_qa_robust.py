"""QA on hostile segments never takes a desk down: huge numbers, a check that crashes, and
translations as long as the editor allows answer 200 on the editor page and the review
queue, and approve refuses what QA blocks with a 409 rather than a 500."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import PASSWORD, login
from workflow import services
from workflow.checks import FAILED, Check, CheckContext, Severity
from workflow.glossary import TermHit, TermIndex
from workflow.services import Context
from workflow.states import SegmentState

HUGE = [
    "9" * 400 + "명이 참가했다",  # 400 digits: OverflowError in the numbers check's message
    "9" * 10_000 + "명",
    "1" + "0" * 309 + "명이 왔다",  # 1e309: past a float's range
    "9" * 400 + "만 명이 모였다",
    "9" * 300 + "명과 " + "9" * 400 + "조 1억원, 3만명이 28일 왔다",
]


def _article(ctx: Context, body: list[str]) -> tuple[str, list[str]]:
    """An imported article with ``body`` and a translation without figures for each
    paragraph, saved by tina; returns (slug, body keys)."""
    for name, role in (("tina", "translator"), ("eddie", "editor")):
        services.add_user(ctx, name, role, PASSWORD)
    data = json.dumps({"title": "큰 수", "body": body}, ensure_ascii=False).encode()
    slug = services.import_article(ctx, data, source="huge.json", locale="ko", format="json").slug
    tina = next(u for u in services.list_users(ctx) if u.name == "tina")
    la = services.show_article(ctx, slug, "en")
    keys = [e.segment.key for e in la.entries if e.segment.key.startswith("s-")]
    assert len(keys) == len(body)
    for key in keys:
        services.save_translation(ctx, slug, "en", key, "Very many people came.", user_id=tina.id)
    return slug, keys


def test_huge_numbers_are_reported_not_a_500(app: Flask, client: FlaskClient) -> None:
    ctx: Context = app.extensions["transdesk"]
    slug, keys = _article(ctx, HUGE)
    token = login(client, "eddie")
    base = f"/articles/{slug}/en"
    page = client.get(base)
    assert page.status_code == 200
    assert page.get_data(as_text=True).count("too large to read") >= len(HUGE)
    review = client.get("/review")
    assert review.status_code == 200
    assert f"{len(HUGE)} with errors" in review.get_data(as_text=True)
    r = client.post(f"{base}/approve", data={"csrf_token": token, "key": keys[0]})
    assert r.status_code == 409
    assert "too large to read" in r.get_data(as_text=True)
    r = client.post(f"{base}/approve", data={"csrf_token": token}, follow_redirects=True)
    assert r.status_code == 200
    assert "Approved 0 segments." in r.get_data(as_text=True)
    la = services.show_article(ctx, slug, "en")
    assert all(e.translation.state is SegmentState.TRANSLATED for e in la.entries[1:])


def test_a_translation_with_the_huge_number_passes(app: Flask, client: FlaskClient) -> None:
    ctx: Context = app.extensions["transdesk"]
    slug, keys = _article(ctx, [HUGE[0]])
    tina = next(u for u in services.list_users(ctx) if u.name == "tina")
    services.save_translation(
        ctx, slug, "en", keys[0], f"{'9' * 400} people took part.", user_id=tina.id
    )
    token = login(client, "eddie")
    r = client.post(f"/articles/{slug}/en/approve", data={"csrf_token": token, "key": keys[0]})
    assert r.status_code == 302
    la = services.show_article(ctx, slug, "en")
    assert la.entries[1].translation.state is SegmentState.APPROVED


class Broken(Check):
    """A check with a defect: it raises on any text with a 7 in it."""

    id = "broken"
    name = "Broken"
    severity = Severity.ERROR
    description = "Fails on sevens."

    def check(self, ctx: CheckContext) -> Iterator[str]:
        if "7" in ctx.source:
            raise ValueError("a defect")
        yield from ()


@pytest.fixture
def broken(app: Flask) -> Context:
    ctx: Context = app.extensions["transdesk"]
    ctx.checks.add(Broken.id, Broken())
    return ctx


def test_a_check_that_crashes_is_a_finding_not_a_500(
    broken: Context, client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    slug, keys = _article(broken, ["17명이 왔다", "13명이 왔다"])
    token = login(client, "eddie")
    base = f"/articles/{slug}/en"
    with caplog.at_level(logging.ERROR, logger="workflow.checks.runner"):
        page = client.get(base)
    assert page.status_code == 200
    assert page.get_data(as_text=True).count(FAILED) == 1
    assert any("'broken' failed" in r.getMessage() and r.exc_info for r in caplog.records)
    assert client.get("/review").status_code == 200
    # An error-level check that cannot run still blocks approval of its segment, only that.
    r = client.post(f"{base}/approve", data={"csrf_token": token, "key": keys[0]})
    assert r.status_code == 409
    # The other checks still ran on that segment: the missing 17 is reported too.
    assert "number 17 (17명) is missing" in r.get_data(as_text=True)
    # The "13명" segment fails the numbers check only; fix it, approve it.
    tina = next(u for u in services.list_users(broken) if u.name == "tina")
    services.save_translation(broken, slug, "en", keys[1], "Thirteen came.", user_id=tina.id)
    r = client.post(f"{base}/approve", data={"csrf_token": token, "key": keys[1]})
    assert r.status_code == 302


def test_a_glossary_matcher_that_crashes_blocks_the_segment_not_the_page(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx: Context = app.extensions["transdesk"]
    slug, keys = _article(ctx, ["3명이 왔다"])
    tina = next(u for u in services.list_users(ctx) if u.name == "tina")
    services.save_translation(ctx, slug, "en", keys[0], "Three came.", user_id=tina.id)

    def find(self: TermIndex, source: str) -> list[TermHit]:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(TermIndex, "find", find)
    token = login(client, "eddie")
    base = f"/articles/{slug}/en"
    page = client.get(base)
    assert page.status_code == 200
    assert "matching the glossary failed on this text" in page.get_data(as_text=True)
    assert client.get("/review").status_code == 200
    r = client.post(f"{base}/approve", data={"csrf_token": token, "key": keys[0]})
    assert r.status_code == 409
