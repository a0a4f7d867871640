"""The ``hani-text`` importer: metadata, boilerplate, placeholders, bylines, errors."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SAMPLES as REPO_SAMPLES
from workflow.errors import ImportFailed
from workflow.importers import HaniTextImporter
from workflow.model import ArticleMeta

SAMPLES = REPO_SAMPLES

BOILERPLATE = [
    "button that move to original korean article",
    "Related stories",
    "Please direct questions",
    "english@hani.co.kr",
    "영문 기사 보기",
    "관련기사",
]


def parse(text: str) -> tuple[ArticleMeta, tuple[str, ...]]:
    article = HaniTextImporter().parse(text.encode("utf-8"), source="story.txt")
    return article.meta, article.blocks


@pytest.mark.parametrize(
    ("name", "lang", "blocks"),
    [("hani-en-689225.txt", "en", 18), ("hani-ko-689058-demo.txt", "ko", 17)],
)
def test_samples_metadata_and_body(name: str, lang: str, blocks: int) -> None:
    gold = json.loads((SAMPLES / "hani-689225.pair.gold.json").read_text(encoding="utf-8"))
    article = HaniTextImporter().parse((SAMPLES / name).read_bytes(), source=name)
    meta = article.meta
    expected = gold["metadata"][lang]

    assert meta.title == expected["title"]
    assert meta.subtitle == expected["subtitle"]
    assert meta.posted is not None and meta.posted.isoformat() == expected["posted"]
    assert meta.modified is not None and meta.modified.isoformat() == expected["modified"]
    assert meta.byline == expected["byline"]
    assert list(meta.images) == expected["images"]
    assert article.format == "hani-text"
    assert article.blocks[0] == "[%%IMAGE1%%]"
    assert len(article.blocks) == blocks  # the placeholder and the paragraphs
    body = "\n".join(article.blocks)
    for junk in [*BOILERPLATE, meta.byline, meta.title, meta.subtitle]:
        assert junk and junk not in body
    assert all(block.strip() and "\u00a0" not in block for block in article.blocks)


def test_inline_placeholder_becomes_its_own_block() -> None:
    _, blocks = parse(
        "Title\n\nPosted on : 2015-04-30 17:24 KST\n\n"
        "First part. [%%IMAGE1%%] Second part.\n\n[%%IMAGE2%%]Third.\n"
    )
    assert blocks == ("First part.", "[%%IMAGE1%%]", "Second part.", "[%%IMAGE2%%]", "Third.")


def test_trailer_after_related_stories_is_dropped() -> None:
    _, blocks = parse(
        "Title\nPosted on : 2015-04-30 17:24 KST\nSubtitle\n\nBody.\n\n"
        "By Kim Ji-hoon, staff reporter\n\nRelated stories\n\nAnother headline\n\nMore news\n"
    )
    assert blocks == ("Body.",)


@pytest.mark.parametrize(
    ("last_line", "byline"),
    [
        ("By Gil Yun-hyung, Tokyo correspondent", "By Gil Yun-hyung, Tokyo correspondent"),
        ("도쿄/길윤형 특파원", "도쿄/길윤형 특파원"),
        ("길윤형 기자", "길윤형 기자"),
        ("김소연 기자 dandy@hani.co.kr", "김소연 기자 dandy@hani.co.kr"),
        ("이재성 논설위원", "이재성 논설위원"),
        ("By then, the deal was done.", None),  # a sentence, not a byline
        ("그는 기자였다.", None),
    ],
)
def test_byline_is_metadata_not_body(last_line: str, byline: str | None) -> None:
    meta, blocks = parse(
        f"제목\n등록 :2015-04-29 19:34\n부제\n\n본문이다.\n\n{last_line}\n\n관련기사\n"
    )
    assert meta.byline == byline
    assert (last_line in blocks) is (byline is None)


def test_plain_text_without_dates() -> None:
    meta, blocks = parse("A headline\nA subtitle under it\n\nFirst paragraph.\n\nSecond one.\n")
    assert meta.title == "A headline"
    assert meta.subtitle == "A subtitle under it"
    assert meta.posted is None
    assert blocks == ("First paragraph.", "Second one.")


def test_bom_crlf_and_decomposed_hangul_are_normalised() -> None:
    decomposed = "\u1112\u1161\u11ab\u1100\u1167\u1105\u1166"  # 한겨레 as jamo (NFD)
    text = f"\ufeff{decomposed}\r\n\r\n본문이다.\r\n"
    article = HaniTextImporter().parse(text.encode("utf-8"), source="k.txt")
    assert article.meta.title == "한겨레"
    assert article.blocks == ("본문이다.",)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "story.txt: empty file"),
        (b" \n\xc2\xa0\n", "story.txt: empty file"),
        (b"Title\n\nBody \x00 here.\n", "story.txt, line 3: binary file: NUL byte at offset 12"),
        (
            b"Title\n\nBody \xff here.\n",
            "story.txt, line 3: not valid UTF-8: byte 0xff at offset 12",
        ),
        (
            b"Posted on : 2015-04-30 17:24 KST\n\nBody.\n",
            "story.txt, line 1: no title",
        ),
        (
            b"Title\nPosted on : 2015-13-45 17:24 KST\n\nBody.\n",
            "story.txt, line 2: unparseable date '2015-13-45 17:24 KST'",
        ),
        (
            "제목\n등록 :어제 수정 :2019-10-20 09:12\n\n본문.\n".encode(),
            "story.txt, line 2: unparseable date '어제'",
        ),
        (
            b"Title\nPosted on : 2015-04-30 17:24 KST\nSubtitle\n[%%IMAGE1%%]\n\n"
            b"By Kim, reporter\n\nRelated stories\n",
            "story.txt: no body paragraphs",
        ),
    ],
)
def test_bad_input_says_what_and_where(data: bytes, message: str) -> None:
    with pytest.raises(ImportFailed) as info:
        HaniTextImporter().parse(data, source="story.txt")
    assert str(info.value).startswith(message)
    assert info.value.source == "story.txt"
