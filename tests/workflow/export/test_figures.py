"""Images in the bundle: the import's image and caption as a <figure>, else a labelled slot;
never the raw ``[%%IMAGE1%%]`` text on the page. From the import to the files."""

from __future__ import annotations

import json
from dataclasses import replace

import lxml.html
import pytest
from markdown_it import MarkdownIt

from tests.workflow.factories import all_approved, localized
from workflow.errors import BadInput
from workflow.export import HtmlExporter, MarkdownExporter
from workflow.importers import default_importers
from workflow.model import LayoutBlock, LocalizedArticle
from workflow.text.segmentation import segment_article

PHOTO = "https://img.example.kr/2024/04/chips.jpg"


def with_image(la: LocalizedArticle, **image: str | None) -> LocalizedArticle:
    layout = tuple(replace(b, **image) if b.type == "image" else b for b in la.article.layout)
    return replace(la, article=replace(la.article, layout=layout))


def visible_text(page: str) -> str:
    return str(lxml.html.document_fromstring(page).body.text_content())


def test_an_imported_image_is_a_figure_with_its_caption() -> None:
    la = with_image(all_approved(localized()), src=PHOTO, caption="반도체 공장", alt=None)
    page = HtmlExporter().render(la).decode()
    assert (
        f'<figure class="figure" data-placeholder="[%%IMAGE1%%]"><img src="{PHOTO}"'
        ' alt="반도체 공장" lang="ko" loading="lazy">'
        '<figcaption lang="ko">반도체 공장</figcaption></figure>'
    ) in page
    md = MarkdownExporter().render(la).decode()
    assert f"![반도체 공장](<{PHOTO}>)\n\n_반도체 공장_" in md
    rendered = MarkdownIt("commonmark").render(md)
    assert f'<img src="{PHOTO}" alt="반도체 공장" />' in rendered


def test_without_an_image_a_labelled_slot_never_the_placeholder_text() -> None:
    for locale, label in (("en", "Image 1"), ("ko", "사진 1")):
        la = replace(all_approved(localized()), locale=locale)
        page = HtmlExporter().render(la).decode()
        text = visible_text(page)
        assert "[%%IMAGE" not in text
        assert label in text
        assert 'data-placeholder="[%%IMAGE1%%]"' in page  # for the CMS, in an attribute
        md_html = MarkdownIt("commonmark").render(MarkdownExporter().render(la).decode())
        assert "[%%IMAGE" not in visible_text(md_html)
        assert "<!-- [%%IMAGE1%%] -->" in md_html  # the CMS can still find it


def test_a_hostile_image_link_is_dropped_to_a_slot() -> None:
    la = with_image(all_approved(localized()), src="javascript:alert(1)", caption="x")
    page = HtmlExporter().render(la).decode()
    assert "javascript" not in page
    assert "figure-slot" in page


def test_json_and_html_imports_keep_image_link_and_caption() -> None:
    body = {
        "title": "반도체 지원",
        "body": ["첫 문단입니다.", "[%%IMAGE1%%]", "둘째 문단입니다."],
        "images": [{"placeholder": "[%%IMAGE1%%]", "src": PHOTO, "caption": "공장 모습"}],
    }
    parsed = default_importers().get("json").parse(json.dumps(body).encode(), source="a.json")
    # The language only picks the sentence splitter; the layout is the same.
    layout = segment_article(parsed, "en").layout
    image = LayoutBlock("image", placeholder="[%%IMAGE1%%]", src=PHOTO, caption="공장 모습")
    assert image in layout
    # Stored as the layout's JSON and read back the same; older layouts read as before.
    assert LayoutBlock.from_dict(image.to_dict()) == image
    assert LayoutBlock.from_dict({"type": "paragraph", "paragraph": 1, "placeholder": None}) == (
        LayoutBlock("paragraph", paragraph=1)
    )

    html = (
        '<html><head><link rel="canonical" href="https://news.example.kr/a/1"></head><body>'
        "<article><h1>제목입니다</h1><p>첫 문단입니다.</p>"
        '<figure><img src="/photos/1.jpg" alt="사진 설명"><figcaption>캡션 글</figcaption></figure>'
        "<p>둘째 문단입니다.</p></article></body></html>"
    )
    parsed = default_importers().get("html").parse(html.encode(), source="a.html")
    assert [(f.src, f.caption, f.alt) for f in parsed.figures] == [
        ("https://news.example.kr/photos/1.jpg", "캡션 글", "사진 설명")
    ]


def test_a_bad_image_link_in_a_json_article_names_its_field() -> None:
    body = {
        "title": "제목",
        "body": ["문단입니다.", "[%%IMAGE1%%]"],
        "images": [{"placeholder": "[%%IMAGE1%%]", "src": "javascript:alert(1)"}],
    }
    with pytest.raises(BadInput) as e:
        default_importers().get("json").parse(json.dumps(body).encode(), source="a.json")
    assert e.value.field == "images[0].src"
