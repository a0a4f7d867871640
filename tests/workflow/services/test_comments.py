"""Comment threads per segment: in order, with their author; an empty comment is refused."""

from __future__ import annotations

import pytest

from tests.workflow.services.conftest import Team
from workflow import services
from workflow.errors import BadInput
from workflow.services import Context


def test_threads_per_segment_oldest_first(ctx: Context, team: Team, seoul: list[str]) -> None:
    assert services.comments(ctx, "seoul", "en") == {}
    services.add_comment(ctx, "seoul", "en", seoul[1], " Is it 3 or 4? ", user_id=team.tina)
    services.add_comment(ctx, "seoul", "en", seoul[1], "Three.", user_id=team.eddie)
    services.add_comment(ctx, "seoul", "en", seoul[0], "Shorter?", user_id=team.erin)
    threads = services.comments(ctx, "seoul", "en")
    assert [(c.user, c.body) for c in threads[seoul[1]]] == [
        ("tina", "Is it 3 or 4?"),
        ("eddie", "Three."),
    ]
    assert set(threads) == {seoul[0], seoul[1]}


def test_an_empty_comment_is_refused(ctx: Context, team: Team, seoul: list[str]) -> None:
    with pytest.raises(BadInput, match="cannot be empty") as info:
        services.add_comment(ctx, "seoul", "en", seoul[0], " \n ", user_id=team.tina)
    assert info.value.field == "body"
    assert services.comments(ctx, "seoul", "en") == {}
