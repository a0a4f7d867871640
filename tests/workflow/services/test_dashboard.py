"""The dashboard counts today's work by state and by translator."""

from __future__ import annotations

from tests.workflow.services.conftest import Team
from workflow import services
from workflow.services import Context
from workflow.states import SegmentState


def test_todays_saves_count_by_state_and_translator(
    ctx: Context, team: Team, seoul: list[str]
) -> None:
    for key in seoul[:2]:
        services.save_translation(ctx, "seoul", "en", key, "Text.", user_id=team.tina)
    services.save_translation(ctx, "seoul", "en", seoul[2], "More.", user_id=team.eddie)
    board = services.dashboard(ctx, days=7)
    assert len(board.days) == 7 and board.days[-1] == ctx.clock().date()
    assert board.by_state[SegmentState.TRANSLATED][-1] == 3
    assert board.now[SegmentState.TRANSLATED] == 3
    assert board.now[SegmentState.EMPTY] == len(seoul) - 3
    assert board.throughput == (("tina", 2), ("eddie", 1))
