"""The Korean UI in real Chromium: a QA finding, the error refusing its approval, the audit log.

The same three views as the README's Korean screenshots (``make screenshots``), checked for
their words: the finding and the error in Korean with the check's Korean name, the audit
log's actions and details in Korean.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from tests.web.conftest import PASSWORD, Seeded
from workflow import services
from workflow.services import Context

pytestmark = pytest.mark.browser

HANGUL_LEFT = "The talks in 워싱턴 ended without a deal"


@pytest.fixture
def korean_page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(locale="ko-KR", extra_http_headers={"Accept-Language": "ko"})
    yield context.new_page()
    context.close()


def test_a_finding_an_error_and_the_audit_log_in_korean(
    app: Flask, live_server: str, seeded: Seeded, korean_page: Any
) -> None:
    ctx: Context = app.extensions["transdesk"]
    tina = next(u.id for u in services.list_users(ctx) if u.name == "tina")
    key = seeded.keys[6]
    services.save_translation(ctx, seeded.slug, "en", key, HANGUL_LEFT, user_id=tina)

    page = korean_page
    page.goto(f"{live_server}/login")
    page.get_by_label("사용자 이름").fill("eddie")
    page.get_by_label("비밀번호").fill(PASSWORD)
    page.get_by_role("button", name="로그인").click()
    page.wait_for_url(f"{live_server}/")

    page.goto(f"{live_server}/articles/{seeded.slug}/en#seg-{key}")
    segment = page.locator(f"#seg-{key}")
    segment.locator("ul.findings").wait_for()
    findings = segment.inner_text()
    assert "번역문에 한글이 남아 있습니다: 워싱턴" in findings
    assert "Hangul" not in findings and "missing" not in findings

    segment.locator("button.approve").click()
    # Refused in place, in the row, in Korean: what stands in the way and what to do next.
    segment.locator(".row-error", has_text="품질").wait_for()
    error = segment.locator(".row-error").inner_text()
    assert "품질 검사 오류가 있습니다. 번역을 고쳐 저장한 뒤 승인하세요." in error
    assert "한글" in error and "hangul" not in error and "Hangul" not in error
    assert key not in error  # the row is the segment: its key would say nothing
    assert page.locator("h1").first.inner_text() != "409 · 충돌"  # no dead-end page

    page.goto(f"{live_server}/audit")
    rows = page.locator("table.audit tbody").inner_text()
    # In people's words (issue 15), in Korean: who did what to which sentence, states named.
    assert "님이" in rows and "가져왔습니다" in rows and "5문단 1문장" in rows
    assert "번역됨" in rows and "translated" not in rows
    for english in ("pair", "import", "beads", "segments"):
        assert english not in rows.split(), english
