"""The collaborators every service takes: the clock they stamp with is the Context's."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from tests.workflow.services.conftest import Team
from workflow import services
from workflow.services import Context
from workflow.services.context import utc_now

NOON = datetime(2026, 6, 3, 12, 0, tzinfo=UTC)


def test_services_stamp_with_the_contexts_clock(ctx: Context, team: Team, seoul: list[str]) -> None:
    fixed = replace(ctx, clock=lambda: NOON)
    services.save_translation(fixed, "seoul", "en", seoul[0], "Seoul votes", user_id=team.tina)
    (revision,) = services.segment_history(ctx, "seoul", "en", seoul[0]).revisions
    assert revision.at.replace(tzinfo=UTC) == NOON


def test_the_default_clock_is_utc_to_the_second() -> None:
    now = utc_now()
    assert now.tzinfo is UTC and now.microsecond == 0
