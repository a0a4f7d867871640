"""Source URLs are encoded on every export: a hostile URL stored before import checks
existed (or written into the database by hand) never becomes markup, an event handler or
a ``javascript:``/``data:`` link in the HTML, Markdown or JSON file."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from urllib.parse import unquote

import lxml.html
import pytest
from markdown_it import MarkdownIt

from tests.workflow.factories import SOURCE_META, all_approved, localized
from workflow.export import HtmlExporter, JsonExporter, MarkdownExporter
from workflow.model import LocalizedArticle

HOSTILE = [
    "https://example.com/\n<details\nopen\nontoggle=alert(1)",
    "https://example.com/\n<div\nonmouseover=alert(1)\nstyle=position:fixed;inset:0",
    "https://example.com/\n<img src=x onerror=alert(1)>",
    "https://example.com/\t<img src=x onerror=alert(1)>",
    "https://example.com/\r\n\r\n<script>alert(1)</script>",
    "https://example.com/><img src=x onerror=alert(1)>",
    'https://example.com/"onmouseover="alert(1)',
    "https://example.com/x?a='onmouseover=alert(1)'&b=[x](javascript:alert(1))",
    "https://example.com/\u2028<svg onload=alert(1)>",
    "javascript:alert(1)",
    " JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "https://exa mple.com/",
]
#: Elements the exporters write; anything else in a rendered file came from a payload.
ELEMENTS = {
    "html", "head", "body", "meta", "title", "link", "article", "header", "footer",
    "h1", "p", "em", "a", "figure", "time", "span", "style",
}  # fmt: skip


def hostile(url: str) -> LocalizedArticle:
    la = all_approved(localized(source_meta=replace(SOURCE_META, source_url=url)))
    return replace(la, target_meta=replace(SOURCE_META, title="T", source_url=url))


def injected(markup: str) -> list[str]:
    """What a payload made of the page: unknown elements, handlers, non-http(s) links."""
    root = lxml.html.document_fromstring(markup)
    bad = []
    for el in root.iter():
        if isinstance(el, lxml.html.HtmlComment):
            continue  # inert; the Markdown file keeps an image slot's placeholder in one
        if not isinstance(el.tag, str) or el.tag not in ELEMENTS:
            bad.append(f"<{el.tag}>")
            continue
        for name, value in el.attrib.items():
            if name.startswith("on"):
                bad.append(f"<{el.tag} {name}>")
            if name in ("href", "src") and (
                not value.startswith(("https://", "http://")) or re.search(r"[\s<>\"'`]", value)
            ):
                bad.append(f"<{el.tag} {name}={value!r}>")
    return bad


@pytest.mark.parametrize("url", HOSTILE)
def test_markdown_rendered_by_commonmark_has_no_markup_from_the_url(url: str) -> None:
    text = MarkdownExporter().render(hostile(url)).decode()
    rendered = MarkdownIt("commonmark").render(text)
    assert injected(rendered) == [], rendered
    # The link, when there is one, is one anchor showing its own address (decoded).
    links = lxml.html.fromstring(rendered).xpath("//a")
    assert len(links) <= 1
    for a in links:
        assert a.text_content() == unquote(a.get("href"))


@pytest.mark.parametrize("url", HOSTILE)
def test_html_has_no_markup_from_the_url(url: str) -> None:
    text = HtmlExporter().render(hostile(url)).decode()
    assert injected(text) == []


@pytest.mark.parametrize("url", HOSTILE)
def test_json_carries_no_unsafe_url(url: str) -> None:
    doc = json.loads(JsonExporter().render(hostile(url)))
    for meta in (doc["metadata"], doc["source_metadata"]):
        value = meta["source_url"]
        assert value is None or (
            value.startswith(("https://", "http://")) and not re.search(r"[\s<>\"'`()]", value)
        ), value


def test_a_good_url_is_exported_encoded_and_equivalent() -> None:
    url = "https://www.example.kr/검색?q=국방&page=2#top"
    la = all_approved(localized(source_meta=replace(SOURCE_META, source_url=url)))
    encoded = "https://www.example.kr/%EA%B2%80%EC%83%89?q=%EA%B5%AD%EB%B0%A9&page=2#top"
    assert f"<{encoded}>" in MarkdownExporter().render(la).decode()
    assert f'href="{encoded.replace("&", "&amp;")}"' in HtmlExporter().render(la).decode()
    doc = json.loads(JsonExporter().render(la))
    assert doc["source_metadata"]["source_url"] == encoded
    assert doc["metadata"]["source_url"] == encoded
