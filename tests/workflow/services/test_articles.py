"""Import and pairing as use cases: stable keys, pre-filled states, unmatched sentences, errors."""

from __future__ import annotations

import pytest

from tests.workflow.services.conftest import article
from workflow import services
from workflow.errors import BadInput, ImportFailed, NotFound, UnknownLocale
from workflow.model import SegmentKind
from workflow.services import Context
from workflow.states import LocalizationState, SegmentState

KO = article(
    "서울 시장 선거",
    "서울시장 선거가 2026년 6월 3일 열린다. 후보는 3명이다.",
    "투표율은 55%로 예상된다.",
    "[%%IMAGE1%%]",
    "결과는 밤 11시에 나온다.",
    byline="김기자 기자",
)


def test_import_gives_segments_in_article_order_with_stable_keys(ctx: Context) -> None:
    first = services.import_article(ctx, KO, source="seoul.json", locale="ko")
    assert (first.slug, first.locale, first.segments) == ("seoul", "ko", 6)
    la = services.show_article(ctx, first.slug, "en")
    kinds = [e.segment.kind for e in la.entries]
    assert kinds == [SegmentKind.TITLE] + [SegmentKind.BODY] * 4 + [SegmentKind.BYLINE]
    assert [e.segment.where for e in la.entries[1:5]] == [
        "body p1 s1",
        "body p1 s2",
        "body p2 s1",
        "body p3 s1",
    ]
    assert la.state is LocalizationState.DRAFT
    assert la.article.layout[2].placeholder == "[%%IMAGE1%%]"
    # The same text imported again keeps its keys (a corrected original keeps its entries).
    again = services.import_article(ctx, KO, source="seoul.json", locale="ko")
    assert again.slug == "seoul-2"
    keys = [e.segment.key for e in services.show_article(ctx, "seoul-2", "en").entries]
    assert keys == [e.segment.key for e in la.entries]
    assert len(set(keys)) == len(keys)


def test_pairing_prefills_translated_with_confidence(ctx: Context) -> None:
    services.import_article(ctx, KO, source="seoul.json", locale="ko")
    en = article(
        "Seoul mayoral election",
        "Seoul elects its mayor on June 3, 2026. There are three candidates.",
        "Turnout is expected at 55%.",
        "[%%IMAGE1%%]",
        "Results come at 11 p.m.",
        byline="By Kim",
    )
    result = services.pair_translation(ctx, "seoul", en, source="seoul-en.json", locale="en")
    assert result.prefilled == 6
    la = services.show_article(ctx, "seoul", "en")
    assert la.state is LocalizationState.IN_REVIEW
    texts = [e.translation.text for e in la.entries]
    assert texts[0] == "Seoul mayoral election"
    assert texts[1] == "Seoul elects its mayor on June 3, 2026."
    assert texts[-1] == "By Kim"
    assert all(e.translation.state is SegmentState.TRANSLATED for e in la.entries)
    assert all(0.0 <= (e.translation.confidence or 0) <= 1.0 for e in la.entries)
    assert la.target_meta is not None and la.target_meta.title == "Seoul mayoral election"


def test_an_english_sentence_without_korean_is_kept_next_to_its_neighbour(ctx: Context) -> None:
    ko = article("제목", "북한이 1일 미사일 2발을 발사했다.", "일본 정부는 5일 회의를 연다.")
    en = article(
        "Title",
        "North Korea fired two missiles on the 1st.",
        "The launch was the ninth this year, according to the Joint Chiefs of Staff, "
        "who gave no further detail about the range.",
        "Japan's government holds a meeting on the 5th.",
    )
    services.import_article(ctx, ko, source="m.json", locale="ko")
    result = services.pair_translation(ctx, "m", en, source="m-en.json", locale="en")
    types = [b.type for b in result.beads]
    assert "0-1" in types
    joined = " ".join(e.translation.text for e in services.show_article(ctx, "m", "en").entries)
    assert "ninth this year" in joined  # no published text is lost


def test_pairing_a_corrected_translation_keeps_the_unchanged_approved_pairs(ctx: Context) -> None:
    services.import_article(ctx, KO, source="seoul.json", locale="ko")
    eddie = services.add_user(ctx, "eddie", "editor", "correct horse battery")
    first = article(
        "Seoul",
        "Seoul elects its mayor on June 3, 2026. There are three candidates.",
        "Turnout is expected at 55%.",
        "Results come at 11 p.m.",
        byline="By Kim",
    )
    services.pair_translation(ctx, "seoul", first, source="e.json", locale="en")
    services.approve(ctx, "seoul", "en", None, user_id=eddie.id)
    corrected = first.replace(b"at 55%", b"at about 55%")
    result = services.pair_translation(ctx, "seoul", corrected, source="e2.json", locale="en")
    assert result.prefilled == 1
    entries = services.show_article(ctx, "seoul", "en").entries
    changed = [e for e in entries if e.translation.state is not SegmentState.APPROVED]
    assert [e.translation.text for e in changed] == ["Turnout is expected at about 55%."]
    assert changed[0].translation.state is SegmentState.TRANSLATED


@pytest.mark.parametrize(
    ("data", "locale", "error", "message"),
    [
        (b"", "ko", ImportFailed, "empty"),
        (b"\xff\xfe\x00\x00garbage", "ko", ImportFailed, "binary"),
        (KO, "klingon", UnknownLocale, "unknown locale"),
        (b'{"title": "x"}', "ko", BadInput, "body"),
    ],
)
def test_bad_imports_store_nothing(
    ctx: Context, data: bytes, locale: str, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        services.import_article(ctx, data, source="bad.json", locale=locale)
    assert services.list_articles(ctx) == []


def test_pairing_in_the_source_locale_or_an_unknown_article_fails(ctx: Context) -> None:
    services.import_article(ctx, KO, source="seoul.json", locale="ko")
    with pytest.raises(BadInput, match="original's"):
        services.pair_translation(ctx, "seoul", KO, source="k.json", locale="ko")
    with pytest.raises(NotFound):
        services.pair_translation(ctx, "nope", KO, source="k.json", locale="en")
    assert services.show_article(ctx, "seoul", "en").state is LocalizationState.DRAFT
