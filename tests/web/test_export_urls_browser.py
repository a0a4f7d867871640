"""The exported article, opened in Chromium, runs nothing from a hostile source URL.

A CMS renders ``article.md`` with a CommonMark renderer and shows ``article.html`` as it
is; a URL stored with a line break and an HTML block after it (issue 12, item 6) made the
Markdown carry a ``<details open ontoggle>`` that ran. Each file is opened here with
``window.__xss`` as the canary and any dialog counted.
"""

from __future__ import annotations

from typing import Any

import pytest
from markdown_it import MarkdownIt

from tests.workflow.services.test_export_urls import published_bundle
from workflow.services import Context

pytestmark = pytest.mark.browser

PAYLOADS = [
    "https://www.hani.co.kr/arti/689058.html\n<details\nopen\nontoggle=window.__xss=1;alert(1)",
    "https://www.hani.co.kr/arti/689058.html\n\n<img src=x onerror=window.__xss=1;alert(1)>",
    "https://www.hani.co.kr/arti/689058.html?q='onfocus=window.__xss=1;alert(1)'autofocus=",
]


def ran(chromium: Any, html: str) -> list[str]:
    """What ran when Chromium showed ``html``: dialogs and the canary."""
    page = chromium.new_page()
    seen: list[str] = []
    page.on("dialog", lambda d: (seen.append(f"dialog {d.message}"), d.dismiss()))
    page.set_content(html, wait_until="load")
    page.wait_for_timeout(300)  # toggle and error events fire after load
    if page.evaluate("() => window.__xss") is not None:
        seen.append("window.__xss set")
    page.close()
    return seen


@pytest.mark.parametrize("url", PAYLOADS)
def test_nothing_runs_in_the_rendered_markdown_or_html(
    chromium: Any, ctx: Context, url: str
) -> None:
    files = published_bundle(ctx, url, url)
    markdown = MarkdownIt("commonmark").render(files["article.md"])
    assert ran(chromium, f"<!doctype html><html><body>{markdown}</body></html>") == []
    assert ran(chromium, files["article.html"]) == []
