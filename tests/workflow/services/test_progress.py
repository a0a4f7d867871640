"""The editor header's counts: source words done and left, where translations came from,
what still stands between the article and publishing."""

from __future__ import annotations

from dataclasses import replace

from tests.workflow.factories import all_approved, entry, localized
from workflow.model import LocalizedArticle
from workflow.services.progress import article_progress, words
from workflow.states import LocalizationState, SegmentState


def with_origins(la: LocalizedArticle, *origins: str | None) -> LocalizedArticle:
    entries = tuple(
        replace(e, translation=replace(e.translation, origin=o))
        for e, o in zip(la.entries, origins, strict=True)
    )
    return replace(la, entries=entries)


def test_words_done_and_left() -> None:
    la = localized()  # t1 s1 b1 approved, b2 translated, b3 needs edit, b4 empty, y1 approved
    p = article_progress(la)
    by_key = {e.segment.key: words(e.segment.source) for e in la.entries}
    assert p.source_words == sum(by_key.values())
    assert p.left_words == by_key["b3"] + by_key["b4"]
    assert p.done_words == p.source_words - p.left_words
    assert (p.approved, p.to_approve, p.to_translate) == (4, 1, 2)
    assert p.approve_words == by_key["b2"]
    assert not p.publishable


def test_origin_shares_count_segments_with_text() -> None:
    la = with_origins(localized(), "tm", "aligned", "aligned", "mt:deepl", "human", None, None)
    p = article_progress(la)
    # b4 is empty: it counts for no origin; y1 has no origin recorded: a person's.
    assert (p.memory, p.aligned, p.mt, p.people) == (1, 2, 1, 2)
    assert p.share(p.aligned) == 2 / 7


def test_publishable_only_when_all_approved_and_not_published() -> None:
    la = all_approved(localized())
    assert article_progress(la).publishable
    published = replace(la, state=LocalizationState.PUBLISHED)
    assert not article_progress(published).publishable
    assert article_progress(published).published
    empty = replace(la, entries=())
    assert not article_progress(empty).publishable and article_progress(empty).share(0) == 0.0


def test_korean_words_are_eojeol() -> None:
    assert words("정부가 28일 반도체 산업에 26조 원을 지원한다고 밝혔다.") == 8
    e = entry("x", "미·일, 한국에 회담 요청", "", SegmentState.EMPTY)
    assert article_progress(replace(localized(), entries=(e,))).left_words == 4
