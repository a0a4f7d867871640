"""Prefill from the memory: a 100 % match fills an EMPTY segment as NEEDS_EDIT; a segment
someone has written is left alone."""

from __future__ import annotations

from tests.workflow.services.conftest import SEOUL_KO, Team, entries
from workflow import services
from workflow.services import Context
from workflow.states import SegmentState


def test_prefill_fills_only_what_nobody_wrote(ctx: Context, team: Team, paired: list[str]) -> None:
    services.approve(ctx, "seoul", "en", None, user_id=team.eddie)  # into the memory
    services.import_article(ctx, SEOUL_KO, source="again.json", locale="ko", slug="again")
    keys = list(entries(ctx, "again"))
    services.save_translation(ctx, "again", "en", keys[0], "Seoul picks", user_id=team.tina)

    assert services.tm_prefill(ctx, "again", "en", user_id=team.erin) == len(keys) - 1
    after = entries(ctx, "again")
    assert (after[keys[0]].translation.text, after[keys[0]].translation.state) == (
        "Seoul picks",
        SegmentState.TRANSLATED,
    )
    approved = entries(ctx)
    for key in keys[1:]:
        assert after[key].translation.state is SegmentState.NEEDS_EDIT
        assert after[key].translation.text == approved[key].translation.text
    # Nothing left to fill: a second prefill changes nothing.
    assert services.tm_prefill(ctx, "again", "en", user_id=team.erin) == 0
