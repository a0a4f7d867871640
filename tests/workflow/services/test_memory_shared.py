"""One memory per server: a snapshot built once and used by every process of the instance;
approvals, removals and withdrawn approvals reach the other processes at their next lookup."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.workflow.services.conftest import Team
from workflow import services
from workflow.bootstrap import build_context
from workflow.services import Context
from workflow.settings import Settings


@pytest.fixture
def other(settings: Settings, ctx: Context) -> Iterator[Context]:
    """Another process of the same server: its own memory, the same instance and database."""
    d = build_context(settings)
    try:
        yield d
    finally:
        d.close()


def suggested(ctx: Context, key: str, user_id: int) -> list[tuple[str, str]]:
    found = services.segment_suggestions(ctx, "seoul", "en", key, user_id=user_id)
    assert not found.warming
    return [(m.unit.origin, m.unit.target) for m in found]


def test_processes_share_the_snapshot_and_see_each_others_changes(
    ctx: Context, other: Context, team: Team, paired: list[str]
) -> None:
    key = paired[1]
    aligned = suggested(other, key, team.eddie)
    assert aligned and aligned[0][0] == "aligned"
    info = services.build_snapshot(ctx)
    assert info is not None and info.units == len(paired)
    assert services.build_snapshot(ctx, if_due=True) is None  # nothing new: not due
    fresh = build_context(ctx.settings)  # a process started after the build
    try:
        assert suggested(fresh, key, team.eddie) == aligned
        assert fresh.memory.status()["snapshot"] == info.version
        assert fresh.memory.status()["tail_units"] == 0

        services.approve(ctx, "seoul", "en", [key], user_id=team.eddie)
        for process in (other, fresh):
            assert suggested(process, key, team.erin)[0][0] == "approved"

        title = services.segment_suggestions(fresh, "seoul", "en", paired[0], user_id=team.erin)
        assert services.tm_remove(ctx, [title[0].unit.id]) == [title[0].unit.id]
        for process in (other, fresh, ctx):
            assert suggested(process, paired[0], team.erin) == []
    finally:
        fresh.close()


def test_a_withdrawn_approval_leaves_every_process(
    ctx: Context, other: Context, team: Team, paired: list[str]
) -> None:
    key = paired[2]
    services.build_snapshot(ctx)
    services.approve(ctx, "seoul", "en", [key], user_id=team.eddie)
    assert suggested(other, key, team.erin)[0][0] == "approved"
    services.build_snapshot(ctx)  # the approved unit is in the snapshot now
    services.reject(ctx, "seoul", "en", key, "wrong figure", user_id=team.erin)
    assert [o for o, _ in suggested(other, key, team.erin)] == ["aligned"]
    assert [o for o, _ in suggested(ctx, key, team.erin)] == ["aligned"]
