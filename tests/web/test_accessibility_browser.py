"""axe-core on every page of the UI, in English and in Korean: no serious or critical
violation. axe-core is vendored in ``tests/web/vendor/axe-core`` (MPL-2.0, see VENDORED.md)
and injected into each page; nothing is fetched at run time.

The pages are those a person reaches: login, the article list, the editor (with its preview
panel open), a segment's history, the alignment review, import, pairing, catalog upload and
update, the glossary, the review queue, my work, the dashboard, the audit log, the account,
user administration, a job's progress, the preview document and the 404 page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from tests.web.conftest import PASSWORD, Seeded
from workflow import services

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"

RUN_AXE = """
async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3)
                  .map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
}
"""


def pages(slug: str, key: str) -> list[str]:
    article = f"/articles/{slug}/en"
    return [
        "/",
        article,
        f"{article}/segments/{key}/history",
        f"{article}/alignment",
        f"{article}/upload",
        f"{article}/preview",
        f"/articles/{slug}/pair",
        f"/articles/{slug}/update",
        "/articles/import",
        "/glossary",
        "/review",
        "/my-work",
        "/dashboard",
        "/audit",
        "/account",
        "/admin/users",
        "/no-such-page",
    ]


@pytest.fixture
def admin(app: Flask) -> Iterator[str]:
    services.add_user(app.extensions["transdesk"], "ada", "admin", PASSWORD)
    yield "ada"


def violations(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result: list[dict[str, Any]] = page.evaluate(RUN_AXE)
    return result


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_no_serious_or_critical_violation_on_any_page(
    chromium: Any, live_server: str, seeded: Seeded, admin: str, lang: str
) -> None:
    # bypass_csp: axe is injected as an inline script, which the app's CSP rightly refuses.
    context = chromium.new_context(
        bypass_csp=True,
        locale="ko-KR" if lang == "ko" else "en-US",
        viewport={"width": 1280, "height": 900},
    )
    try:
        page = context.new_page()
        page.goto(f"{live_server}/login")
        found = {"/login": violations(page)}
        page.fill("input[name=name]", admin)
        page.fill("input[name=password]", PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(f"{live_server}/")
        if lang == "ko":
            page.get_by_role("button", name="한국어").click()
            page.wait_for_load_state()
        assert page.locator("html").get_attribute("lang") == lang
        for path in pages(seeded.slug, seeded.keys[2]):
            page.goto(f"{live_server}{path}")
            if path == f"/articles/{seeded.slug}/en":
                page.locator("#preview-panel summary").click()
                page.locator("#preview-panel[data-loads='1']").wait_for(state="attached")
            found[path] = violations(page)
        bad = [
            f"{path}: {v['impact']} {v['id']} ({v['help']}): " + " | ".join(v["nodes"])
            for path, vs in found.items()
            for v in vs
        ]
        assert bad == [], "\n".join(bad)
    finally:
        context.close()
