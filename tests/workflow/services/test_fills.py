"""Aligned text written into translations: TRANSLATED where it changes, a person's own edit
never overwritten, an approved pair that did not change still approved."""

from __future__ import annotations

from tests.workflow.services.conftest import SEOUL_EN, Team, article, entries
from workflow import services
from workflow.services import Context
from workflow.states import SegmentState

CORRECTED_EN = article(
    "Seoul mayoral election",
    "Seoul elects its mayor on June 3, 2026. There are three candidates.",
    "Turnout is expected at about 55%.",
    byline="By Kim Gi-ja",
)


def test_pairing_again_keeps_edits_and_unchanged_approvals(
    ctx: Context, team: Team, paired: list[str]
) -> None:
    title, byline, turnout = paired[0], paired[-1], paired[-2]
    services.approve(ctx, "seoul", "en", [title], user_id=team.eddie)
    services.save_translation(ctx, "seoul", "en", byline, "By Kim, Seoul", user_id=team.tina)
    result = services.pair_translation(
        ctx, "seoul", CORRECTED_EN, source="seoul-en-2.json", locale="en", user_id=team.erin
    )
    after = entries(ctx)
    # A person's edit is theirs, whatever the new edition says.
    assert after[byline].translation.text == "By Kim, Seoul"
    # The changed sentence is the new edition's, TRANSLATED, for review.
    assert after[turnout].translation.text == "Turnout is expected at about 55%."
    assert after[turnout].translation.state is SegmentState.TRANSLATED
    last = services.segment_history(ctx, "seoul", "en", turnout).revisions[-1]
    assert (last.action, last.user) == ("aligned", "erin")
    assert last.note is not None and last.note.startswith("confidence ")
    # The unchanged title keeps its approval.
    assert after[title].translation.state is SegmentState.APPROVED
    assert (result.prefilled, result.kept) == (1, len(paired) - 1)


def test_the_same_edition_twice_changes_nothing(ctx: Context, paired: list[str]) -> None:
    before = entries(ctx)
    result = services.pair_translation(ctx, "seoul", SEOUL_EN, source="again.json", locale="en")
    assert (result.prefilled, result.kept) == (0, len(paired))
    assert entries(ctx) == before
