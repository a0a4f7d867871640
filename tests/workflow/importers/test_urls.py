"""Source URLs are checked at import, in every importer: only http(s), no whitespace or
control characters, no markup characters, a sensible length; a bad one is refused with
the field named and nothing is imported."""

from __future__ import annotations

import json

import pytest

from workflow.errors import BadInput
from workflow.importers import HtmlImporter, JsonImporter, MarkdownImporter

BAD = [
    "https://example.com/\n<img src=x onerror=alert(1)>",
    "https://example.com/\t<img src=x onerror=alert(1)>",
    "https://example.com/\r<b>",
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://example.com/a.txt",
    "//example.com/relative-to-scheme",
    "/arti/689058.html",
    "https://",
    "https://exa mple.com/",
    "https://example.com/a\u00a0b",
    "https://example.com/a\u2028b",
    "https://example.com/\u202egnp.exe",
    "https://example.com/\u200b",
    'https://example.com/"onmouseover="alert(1)',
    "https://example.com/<script>",
    "https://example.com/`x`",
    "https://example.com\\@evil.example/",
    "https://user:secret@example.com/",
    "https://example.com:99999/",
    "https://example.com/" + "a" * 3000,
]
GOOD = [
    "https://www.hani.co.kr/arti/politics/defense/689058.html",
    "http://english.hani.co.kr/arti/english_edition/e_international/689225.html?_fr=mt2",
    "https://example.com/검색?q=국방&x=1#top",
    "HTTPS://Example.COM:8443/a_(b)*c'd",
]


def _json(url: str) -> bytes:
    return json.dumps({"title": "제목", "body": ["본문이다."], "source_url": url}).encode()


def _markdown(url: str) -> bytes:
    return f"---\ntitle: 제목\nsource_url: {url}\n---\n\n본문이다.\n".encode()


def _html(url: str) -> bytes:
    href = url.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return (
        f'<!doctype html><html><head><link rel="canonical" href="{href}"></head>'
        "<body><article><h1>제목</h1><p>본문이다.</p></article></body></html>"
    ).encode()


@pytest.mark.parametrize("url", BAD)
def test_json_refuses_a_bad_source_url(url: str) -> None:
    with pytest.raises(BadInput) as info:
        JsonImporter().parse(_json(url), source="a.json")
    assert info.value.field == "source_url"
    assert "a.json" in str(info.value)


def test_json_names_the_url_field_it_read() -> None:
    data = json.dumps({"title": "제목", "body": ["본문이다."], "url": "javascript:x"}).encode()
    with pytest.raises(BadInput) as info:
        JsonImporter().parse(data, source="a.json")
    assert info.value.field == "url"


@pytest.mark.parametrize("url", [u for u in BAD if "\n" not in u and "\r" not in u])
def test_markdown_refuses_a_bad_source_url(url: str) -> None:
    with pytest.raises(BadInput) as info:
        MarkdownImporter().parse(_markdown(url), source="a.md")
    assert info.value.field == "source_url"
    assert info.value.line == 3


@pytest.mark.parametrize("url", [u for u in BAD if u.strip() == u])
def test_html_refuses_a_bad_canonical_link(url: str) -> None:
    with pytest.raises(BadInput) as info:
        HtmlImporter().parse(_html(url), source="a.html")
    assert info.value.field == "source_url"


@pytest.mark.parametrize("url", GOOD)
def test_good_urls_are_kept_as_given(url: str) -> None:
    assert JsonImporter().parse(_json(url), source="a.json").meta.source_url == url
    assert MarkdownImporter().parse(_markdown(url), source="a.md").meta.source_url == url
    assert HtmlImporter().parse(_html(url), source="a.html").meta.source_url == url
