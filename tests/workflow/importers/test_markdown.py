"""The ``markdown`` importer: front matter, title and subtitle, images, inline markup."""

from __future__ import annotations

import pytest

from workflow.errors import BadInput, ImportFailed
from workflow.importers import MarkdownImporter
from workflow.model import ParsedArticle

KOREAN_ARTICLE = """\
---
title: "미·일, 한국에 한·미·일 국방장관 회담 요청 추진"
posted: 2015-04-29T19:34
modified: "2019-10-20T09:12:00+09:00"
source_url: https://www.hani.co.kr/arti/international/japan/689058.html
section: 국제
---

# 미·일, 한국에 한·미·일 국방장관 회담 요청 추진

> ‘글로벌 동맹’ 격상한 미·일, 중국 견제 3각 전선에 한국 끌어들이기

![카터 장관과 나카타니 방위상](https://img.hani.co.kr/689058/1.jpg)

최근 동맹을 **‘글로벌’ 체제**로 격상한 미국과 일본이
[아시아안보회의](https://www.iiss.org/)에서 회담을 요청할 계획이다.

이로써 한국은 _빠르게_ 끌려들어가는 모양새가 됐다. 자세한 내용은 `ACSA` 참조.

[%%IMAGE1%%]

그는 말했다.\\
다음 줄이다.

영문 기사 보기 (클릭시 영문 기사로 이동하는 버튼)

도쿄/길윤형 특파원

관련기사

- [다른 기사](https://www.hani.co.kr/arti/1.html)
"""


def parse(text: str) -> ParsedArticle:
    return MarkdownImporter().parse(text.encode("utf-8"), source="story.md")


def test_korean_article() -> None:
    article = parse(KOREAN_ARTICLE)
    meta = article.meta

    assert meta.title == "미·일, 한국에 한·미·일 국방장관 회담 요청 추진"
    assert meta.subtitle == "‘글로벌 동맹’ 격상한 미·일, 중국 견제 3각 전선에 한국 끌어들이기"
    assert meta.posted is not None and meta.posted.isoformat() == "2015-04-29T19:34:00+09:00"
    assert meta.modified is not None and meta.modified.isoformat() == "2019-10-20T09:12:00+09:00"
    assert meta.byline == "도쿄/길윤형 특파원"
    assert meta.source_url == "https://www.hani.co.kr/arti/international/japan/689058.html"
    # the Markdown image is numbered after the placeholder the text already uses
    assert meta.images == ("[%%IMAGE2%%]", "[%%IMAGE1%%]")
    assert article.blocks == (
        "[%%IMAGE2%%]",
        "최근 동맹을 ‘글로벌’ 체제로 격상한 미국과 일본이 아시아안보회의에서 회담을 요청할 "
        "계획이다.",
        "이로써 한국은 빠르게 끌려들어가는 모양새가 됐다. 자세한 내용은 ACSA 참조.",
        "[%%IMAGE1%%]",
        "그는 말했다.\n다음 줄이다.",
    )
    assert article.format == "markdown"


@pytest.mark.parametrize(
    ("source", "title", "subtitle", "blocks"),
    [
        ("# Title\n\nBody.\n", "Title", None, ("Body.",)),
        ("# Title\n## The subtitle\n\nBody.\n", "Title", "The subtitle", ("Body.",)),
        ("Title\n=====\n\n> Sub\n\nBody.\n", "Title", "Sub", ("Body.",)),
        # a ## later in the body is a paragraph, not a subtitle
        ("# T\n\nBody.\n\n## Later\n\nMore.\n", "T", None, ("Body.", "Later", "More.")),
        (
            "# T\n\nSee **bold**, *em*, __strong__, [a link](http://x) and snake_case_name.\n",
            "T",
            None,
            ("See bold, em, strong, a link and snake_case_name.",),
        ),
        (
            "# T\n\nText ![a](1.png) more ![b](2.png)\n",
            "T",
            None,
            ("Text", "[%%IMAGE1%%]", "more", "[%%IMAGE2%%]"),
        ),
        ("# T\n\nBody.\n\n---\n\nBy Kim Ji-hoon, staff reporter\n", "T", None, ("Body.",)),
    ],
)
def test_shapes(source: str, title: str, subtitle: str | None, blocks: tuple[str, ...]) -> None:
    article = parse(source)
    assert (article.meta.title, article.meta.subtitle, article.blocks) == (title, subtitle, blocks)


def test_front_matter_title_without_heading() -> None:
    article = parse("---\ntitle: From front matter\nbyline: Kim\n---\n\nBody.\n")
    assert article.meta.title == "From front matter"
    assert article.meta.byline == "Kim"
    assert article.blocks == ("Body.",)


@pytest.mark.parametrize(
    ("source", "error", "message"),
    [
        ("Just a paragraph.\n\nAnother.\n", ImportFailed, "story.md: no title"),
        ("# Title\n\n[%%IMAGE1%%]\n", ImportFailed, "story.md: no body paragraphs"),
        (
            "---\ntitle: T\nposted: yesterday\n---\n\nBody.\n",
            BadInput,
            "story.md, line 3, field 'posted': unparseable date 'yesterday'",
        ),
        ("---\ntitle: T\n", ImportFailed, "story.md, line 1: front matter is not closed"),
        ("---\ntitle: T\n\n# T\n\nBody.\n", ImportFailed, "story.md, line 6: front matter line"),
        ("---\ntitle T\n---\n# T\n\nBody.\n", ImportFailed, "story.md, line 2: front matter line"),
    ],
)
def test_bad_input_says_what_and_where(source: str, error: type[BadInput], message: str) -> None:
    with pytest.raises(error) as info:
        parse(source)
    assert str(info.value).startswith(message)
