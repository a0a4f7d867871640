"""A corrected original: what becomes of the translations under the changed sentences."""

from __future__ import annotations

import pytest

from tests.workflow.services.conftest import Team, article, entries
from workflow import services
from workflow.errors import NotFound
from workflow.services import Context
from workflow.states import SegmentState

CORRECTED = article(
    "서울 시장 선거",
    "서울시장 선거가 2026년 6월 3일 치러진다. 후보는 3명이다.",  # 열린다 → 치러진다
    "투표율은 55%로 예상된다.",
    "한편 사전투표는 5월 29일 시작된다.",  # a new paragraph
    byline="김기자 기자",
)


def test_translations_under_an_edited_sentence_need_an_edit(
    ctx: Context, team: Team, paired: list[str]
) -> None:
    services.approve(ctx, "seoul", "en", None, user_id=team.eddie)
    before = entries(ctx)
    edited = next(k for k, e in before.items() if e.segment.source.endswith("열린다."))
    result = services.update_article(ctx, "seoul", CORRECTED, source="seoul-2.json")
    assert (result.kept, result.edited, result.added, result.removed) == (4, 1, 1, 0)
    after = entries(ctx)
    assert after[edited].translation.state is SegmentState.NEEDS_EDIT
    assert after[edited].translation.text == before[edited].translation.text
    assert after[edited].segment.previous_source == before[edited].segment.source
    last = services.segment_history(ctx, "seoul", "en", edited).revisions[-1]
    assert (last.action, last.note) == ("source-changed", f"was: {before[edited].segment.source}")
    # The new sentence starts empty; the others keep their approval.
    (new,) = set(after) - set(before)
    assert after[new].translation.state is SegmentState.EMPTY
    assert {after[k].translation.state for k in before if k != edited} == {SegmentState.APPROVED}


def test_an_empty_translation_stays_empty_when_its_source_changes(
    ctx: Context, team: Team, seoul: list[str]
) -> None:
    services.save_translation(ctx, "seoul", "en", seoul[0], "Seoul elects", user_id=team.tina)
    services.update_article(ctx, "seoul", CORRECTED, source="seoul-2.json")
    states = {k: e.translation.state for k, e in entries(ctx).items()}
    assert states[seoul[0]] is SegmentState.TRANSLATED
    assert set(states.values()) == {SegmentState.TRANSLATED, SegmentState.EMPTY}


def test_a_correction_of_an_unknown_article_is_not_found(ctx: Context) -> None:
    with pytest.raises(NotFound):
        services.update_article(ctx, "nowhere", CORRECTED, source="x.json")
