"""The editor page: filters by state, text and comments; counts what it found."""

from __future__ import annotations

from tests.workflow.services.conftest import Team
from workflow import services
from workflow.services import Context, EditorFilter
from workflow.states import SegmentState


def test_filters_keep_what_they_say(ctx: Context, team: Team, paired: list[str]) -> None:
    services.reject(ctx, "seoul", "en", paired[2], "Which date?", user_id=team.eddie)
    services.add_comment(ctx, "seoul", "en", paired[1], "June 3?", user_id=team.tina)

    def shown(flt: EditorFilter) -> list[str]:
        return [e.segment.key for e in services.editor_page(ctx, "seoul", "en", flt).shown]

    assert shown(EditorFilter()) == paired
    assert shown(EditorFilter(states=frozenset({SegmentState.NEEDS_EDIT}))) == [paired[2]]
    assert shown(EditorFilter(with_comments=True)) == [paired[1]]
    assert shown(EditorFilter(text="TURNOUT")) == [paired[3]]  # target text, any case
    assert shown(EditorFilter(text="투표율")) == [paired[3]]  # source text
    page = services.editor_page(ctx, "seoul", "en")
    assert page.with_comments == 1
