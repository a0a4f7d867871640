"""Sentence splitting and article segmentation, checked against the gold sample pair."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import SAMPLES as REPO_SAMPLES
from workflow.importers import read_article
from workflow.model import ArticleMeta, LayoutBlock, ParsedArticle, SegmentKind
from workflow.text.segmentation import segment_article, split_sentences

SAMPLES = REPO_SAMPLES


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    return json.loads((SAMPLES / "hani-689225.pair.gold.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("lang", "key", "count"),
    [("ko", "ko_file", 19), ("en", "en_file", 20)],
)
def test_samples_give_the_gold_sentences_and_metadata(
    gold: dict[str, Any], lang: str, key: str, count: int
) -> None:
    name = gold[key]
    parsed = read_article((SAMPLES / name).read_bytes(), source=name)
    article = segment_article(parsed, lang)

    assert article.body == gold[f"{lang}_sentences"]
    assert len(article.body) == count
    meta = article.meta
    got = {k: v for k, v in meta.to_dict().items() if k != "source_url"}
    assert got == gold["metadata"][lang]


def test_sample_segments_are_in_article_order(gold: dict[str, Any]) -> None:
    name = gold["en_file"]
    article = segment_article(read_article((SAMPLES / name).read_bytes(), source=name), "en")

    kinds = [s.kind for s in article.segments]
    assert kinds[:2] == [SegmentKind.TITLE, SegmentKind.SUBTITLE]
    assert kinds[-1] is SegmentKind.BYLINE
    assert set(kinds[2:-1]) == {SegmentKind.BODY}
    assert article.layout[0] == LayoutBlock("image", placeholder="[%%IMAGE1%%]")
    assert [b.paragraph for b in article.layout[1:]] == list(range(1, 18))
    # the 14th paragraph holds three sentences
    p14 = [(s.sentence, s.text[:15]) for s in article.segments if s.paragraph == 14]
    assert p14 == [(1, "“In particular,"), (2, "The “regional a"), (3, "It’s a passage ")]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "Carter met Nakatani on Apr. 28 in Washington. The U.S. agreed.",
            ["Carter met Nakatani on Apr. 28 in Washington.", "The U.S. agreed."],
        ),
        (
            "en",
            "“We will fight. We will win,” he said. Gen. Kim left.",
            ["“We will fight. We will win,” he said.", "Gen. Kim left."],
        ),
        # pysbd ends a sentence at "pct."; a lower-case word continues it
        ("en", "It rose 3 pct. on the day. It fell.", ["It rose 3 pct. on the day.", "It fell."]),
        # …but "iPhone" is not a lower-case word
        ("en", "Sales fell. iPhone sales rose.", ["Sales fell.", "iPhone sales rose."]),
        (
            "ko",
            "그는 “우리는 싸울 것이다. 이길 것이다”라고 말했다. 미국(U.S.)은 1.5% 올랐다.",
            ["그는 “우리는 싸울 것이다. 이길 것이다”라고 말했다.", "미국(U.S.)은 1.5% 올랐다."],
        ),
        ("ko-KR", "그는 말했다. e메일로 보냈다.", ["그는 말했다.", "e메일로 보냈다."]),
        # line breaks and placeholders split first, with or without a full stop
        ("en", "No full stop here\nNext line.", ["No full stop here", "Next line."]),
        (
            "ko",
            "첫 문장이다[%%IMAGE1%%]둘째 문장이다.",
            ["첫 문장이다", "[%%IMAGE1%%]", "둘째 문장이다."],
        ),
        ("en", "  Spaces  inside   stay.  ", ["Spaces  inside   stay."]),
        ("de", "Das ist z. B. gut. Er ging.", ["Das ist z. B. gut.", "Er ging."]),
        ("pt-BR", "Ele saiu. Ela ficou.", ["Ele saiu.", "Ela ficou."]),  # pysbd lacks pt
        ("en", " \n\n ", []),
    ],
)
def test_split_sentences(lang: str, text: str, expected: list[str]) -> None:
    assert split_sentences(text, lang) == expected


def test_sentences_are_slices_of_the_source() -> None:
    text = "The U.S.  and Japan met on Apr. 28.   “Good,” he said.\tThen: a deal!"
    for sentence in split_sentences(text, "en"):
        assert sentence in text


def test_segment_article_numbers_paragraphs_and_sentences() -> None:
    parsed = ParsedArticle(
        meta=ArticleMeta(title="제목", subtitle=None, byline="홍길동 기자"),
        blocks=("[%%IMAGE1%%]", "첫 문장이다. 둘째 문장이다.", "[%%IMAGE2%%]", "셋째 문장이다."),
        format="markdown",
    )
    article = segment_article(parsed, "ko")

    assert [(s.kind, s.text, s.paragraph, s.sentence) for s in article.segments] == [
        (SegmentKind.TITLE, "제목", None, None),
        (SegmentKind.BODY, "첫 문장이다.", 1, 1),
        (SegmentKind.BODY, "둘째 문장이다.", 1, 2),
        (SegmentKind.BODY, "셋째 문장이다.", 2, 1),
        (SegmentKind.BYLINE, "홍길동 기자", None, None),
    ]
    assert article.layout == (
        LayoutBlock("image", placeholder="[%%IMAGE1%%]"),
        LayoutBlock("paragraph", paragraph=1),
        LayoutBlock("image", placeholder="[%%IMAGE2%%]"),
        LayoutBlock("paragraph", paragraph=2),
    )
    assert article.format == "markdown"


def test_title_and_subtitle_are_not_split() -> None:
    parsed = ParsedArticle(
        meta=ArticleMeta(title="U.S. acts. Japan waits.", subtitle="One. Two."),
        blocks=("Body.",),
        format="json",
    )
    segments = segment_article(parsed, "en").segments
    assert [s.text for s in segments[:2]] == ["U.S. acts. Japan waits.", "One. Two."]
