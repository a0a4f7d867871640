"""Queues: what waits for review, each person's assigned work (gone once published), and the
audit log of transitions newest first."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.workflow.services.conftest import Team
from workflow import services
from workflow.errors import BadInput
from workflow.services import Context
from workflow.states import LocalizationState

DEADLINE = datetime(2026, 6, 3, 9, 0, tzinfo=UTC)


def test_assigned_work_leaves_my_work_when_published(
    ctx: Context, team: Team, paired: list[str]
) -> None:
    item = services.assign(
        ctx,
        "seoul",
        "en",
        translator="tina",
        reviewer="erin",
        deadline=DEADLINE,
        user_id=team.eddie,
    )
    assert (item.translator, item.reviewer, item.deadline) == ("tina", "erin", DEADLINE)
    assert [w.slug for w in services.my_work(ctx, team.tina)] == ["seoul"]
    assert [w.slug for w in services.my_work(ctx, team.erin)] == ["seoul"]
    assert services.my_work(ctx, team.eddie) == []
    (waiting,) = services.review_queue(ctx)
    assert waiting.state is LocalizationState.IN_REVIEW

    services.approve(ctx, "seoul", "en", None, user_id=team.eddie)
    assert services.review_queue(ctx) == []  # nothing translated waits any more
    services.publish(ctx, "seoul", "en", user_id=team.eddie)
    assert services.my_work(ctx, team.tina) == []


def test_a_deadline_needs_a_time_zone(ctx: Context, team: Team, seoul: list[str]) -> None:
    with pytest.raises(BadInput, match="needs a time zone") as info:
        services.assign(
            ctx,
            "seoul",
            "en",
            translator="tina",
            reviewer=None,
            deadline=datetime(2026, 6, 3, 9, 0),
            user_id=team.eddie,
        )
    assert info.value.field == "deadline"


def test_the_audit_log_newest_first_filtered_by_user(
    ctx: Context, team: Team, paired: list[str]
) -> None:
    services.save_translation(ctx, "seoul", "en", paired[0], "Seoul votes", user_id=team.tina)
    services.approve(ctx, "seoul", "en", [paired[0]], user_id=team.eddie)
    services.reject(ctx, "seoul", "en", paired[0], "Too short.", user_id=team.erin)
    log = services.audit_log(ctx, article="seoul")
    assert [(e.action, e.user) for e in log[:3]] == [
        ("reject", "erin"),
        ("approve", "eddie"),
        ("save", "tina"),
    ]
    assert [e.to_state for e in log[:3]] == ["needs_edit", "approved", "translated"]
    assert [e.action for e in services.audit_log(ctx, user="eddie")] == ["approve"]
    with pytest.raises(BadInput, match="no user named 'nobody'"):
        services.audit_log(ctx, user="nobody")
