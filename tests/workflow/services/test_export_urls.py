"""A hostile source URL, through import → publish → bundle (issue 12, item 6).

At import every importer refuses it, naming the field, and stores nothing. A URL that is
already in the database (stored before the check existed, or by hand) reaches the bundle
only percent-encoded: the exported Markdown, rendered by a CommonMark renderer, holds no
raw HTML or event handler, and article.json holds no ``javascript:`` link.
"""

from __future__ import annotations

import io
import json
import zipfile

import lxml.html
import pytest
from markdown_it import MarkdownIt
from sqlalchemy import update

from tests.conftest import SAMPLES
from workflow import services
from workflow.errors import BadInput
from workflow.services import Context
from workflow.store import tables

KO = SAMPLES / "hani-ko-689058-demo.txt"
EN = SAMPLES / "hani-en-689225.txt"
MARKDOWN_PAYLOAD = "https://www.hani.co.kr/arti/689058.html\n<details\nopen\nontoggle=alert(1)"
IMG_PAYLOAD = "https://www.hani.co.kr/arti/689058.html\n<img src=x onerror=alert(1)>"


def article_json(url: str) -> bytes:
    doc = {"title": "제목이다", "body": ["본문 첫 문장이다."], "source_url": url}
    return json.dumps(doc, ensure_ascii=False).encode()


@pytest.mark.parametrize("url", [MARKDOWN_PAYLOAD, IMG_PAYLOAD, "javascript:alert(1)"])
def test_import_refuses_the_url_and_stores_nothing(ctx: Context, url: str) -> None:
    with pytest.raises(BadInput) as info:
        services.import_article(ctx, article_json(url), source="a.json", locale="ko")
    assert info.value.field == "source_url"
    assert "a.json" in info.value.message
    assert services.list_articles(ctx) == []


def published_bundle(ctx: Context, source_url: str, target_url: str) -> dict[str, str]:
    """The sample pair published with these URLs stored as they are; the bundle's files."""
    editor = services.add_user(ctx, "eddie", "editor", "correct horse battery").id
    slug = services.import_article(ctx, KO.read_bytes(), source=KO.name, locale="ko").slug
    services.pair_translation(ctx, slug, EN.read_bytes(), source=EN.name, locale="en")
    with ctx.db.transaction() as conn:  # as if stored before the import check existed
        conn.execute(
            update(tables.articles)
            .where(tables.articles.c.slug == slug)
            .values(source_url=source_url)
        )
        loc = conn.execute(tables.localizations.select()).one()
        meta = dict(loc.target_meta) | {"source_url": target_url}
        conn.execute(
            update(tables.localizations)
            .where(tables.localizations.c.id == loc.id)
            .values(target_meta=meta)
        )
    services.approve(ctx, slug, "en", None, user_id=editor)
    services.publish(ctx, slug, "en", user_id=editor)
    data = services.export_bundle(ctx, slug, "en").data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n).decode() for n in z.namelist() if not n.endswith(".mo")}


def elements_and_handlers(markup: str) -> list[str]:
    root = lxml.html.fromstring(f"<div>{markup}</div>")
    # comments are inert; the Markdown file keeps an image slot's placeholder in one
    elements = [el for el in root.iter() if not isinstance(el, lxml.html.HtmlComment)]
    found = [el.tag for el in elements if el.tag not in ("div", "h1", "p", "em", "a")]
    for el in elements:
        found += [f"{el.tag} {name}" for name in el.attrib if name != "href"]
        href = el.get("href")
        if href is not None and not href.startswith(("https://", "http://")):
            found.append(f"{el.tag} href={href}")
    return found


@pytest.mark.parametrize("url", [MARKDOWN_PAYLOAD, IMG_PAYLOAD])
def test_stored_hostile_url_never_reaches_the_bundle(ctx: Context, url: str) -> None:
    files = published_bundle(ctx, url, "javascript:alert(document.domain)")
    rendered = MarkdownIt("commonmark").render(files["article.md"])
    assert elements_and_handlers(rendered) == [], rendered
    # Not an acceptable link (whitespace in it): left out, not repaired.
    assert lxml.html.fromstring(f"<div>{rendered}</div>").xpath("//a") == []
    doc = json.loads(files["article.json"])
    assert doc["metadata"]["source_url"] is None
    assert doc["source_metadata"]["source_url"] is None
    assert "javascript:" not in files["article.json"]
    assert "<details" not in files["article.html"] and "<img" not in files["article.html"]


def test_markdown_syntax_in_an_accepted_url_is_encoded(ctx: Context) -> None:
    url = "https://www.hani.co.kr/arti/689058.html?a='x'&b=*_[y](javascript:z)_*"
    files = published_bundle(ctx, url, url)
    rendered = MarkdownIt("commonmark").render(files["article.md"])
    assert elements_and_handlers(rendered) == [], rendered
    (link,) = lxml.html.fromstring(f"<div>{rendered}</div>").xpath("//a/@href")
    assert link == (
        "https://www.hani.co.kr/arti/689058.html?a=%27x%27&b=%2A_%5By%5D%28javascript:z%29_%2A"
    )
    doc = json.loads(files["article.json"])
    assert doc["metadata"]["source_url"] == doc["source_metadata"]["source_url"] == link
    assert f'href="{link.replace("&", "&amp;")}"' in files["article.html"]


def test_a_javascript_url_is_left_out_of_every_file(ctx: Context) -> None:
    files = published_bundle(ctx, "javascript:alert(1)", "data:text/html,<script>x</script>")
    doc = json.loads(files["article.json"])
    assert doc["metadata"]["source_url"] is None
    assert doc["source_metadata"]["source_url"] is None
    for name, text in files.items():
        assert "javascript:" not in text and "data:" not in text, name
