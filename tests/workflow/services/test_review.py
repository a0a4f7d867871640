"""Approve and reject through the transitions: what each may start from, all-or-nothing for
named segments, and the audit entry each writes."""

from __future__ import annotations

import pytest

from tests.workflow.services.conftest import Team, entries, state
from workflow import services
from workflow.errors import BadInput, InvalidTransition
from workflow.services import Context
from workflow.states import SegmentState


def test_named_approvals_are_all_or_nothing(ctx: Context, team: Team, paired: list[str]) -> None:
    title, first = paired[0], paired[1]
    services.save_translation(ctx, "seoul", "en", first, "", user_id=team.tina)  # EMPTY
    with pytest.raises(InvalidTransition, match=f"segment '{first}' is empty; only a translated"):
        services.approve(ctx, "seoul", "en", [title, first], user_id=team.eddie)
    assert state(ctx, title) is SegmentState.TRANSLATED
    assert services.audit_log(ctx, article="seoul", action="approve") == []


def test_approve_all_takes_only_translated_segments(
    ctx: Context, team: Team, paired: list[str]
) -> None:
    services.save_translation(ctx, "seoul", "en", paired[1], "", user_id=team.tina)
    result = services.approve(ctx, "seoul", "en", None, user_id=team.eddie)
    assert result.approved == tuple(k for k in paired if k != paired[1])
    assert result.skipped == ()
    assert state(ctx, paired[1]) is SegmentState.EMPTY
    # Approving again changes nothing and writes nothing.
    again = services.approve(ctx, "seoul", "en", [paired[0]], user_id=team.erin)
    assert again.approved == ()
    log = services.audit_log(ctx, article="seoul", action="approve")
    assert len(log) == len(paired) - 1
    assert {(e.from_state, e.to_state, e.user) for e in log} == {
        ("translated", "approved", "eddie")
    }


def test_a_rejection_sends_back_with_the_reason(
    ctx: Context, team: Team, paired: list[str]
) -> None:
    title = paired[0]
    services.approve(ctx, "seoul", "en", [title], user_id=team.eddie)
    back = services.reject(ctx, "seoul", "en", title, " Too long. ", user_id=team.erin)
    assert (back.state, back.approved_by) == (SegmentState.NEEDS_EDIT, None)
    assert entries(ctx)[title].translation.rejected_reason == "Too long."
    (entry,) = services.audit_log(ctx, article="seoul", action="reject")
    assert (entry.target, entry.from_state, entry.to_state, entry.detail) == (
        title,
        "approved",
        "needs_edit",
        "Too long.",
    )
    with pytest.raises(InvalidTransition, match="is needs_edit; only a translated or approved"):
        services.reject(ctx, "seoul", "en", title, "Again.", user_id=team.erin)


def test_a_rejection_without_a_reason_is_refused_first(ctx: Context, team: Team) -> None:
    # Refused before anything is looked up: not even the article exists.
    with pytest.raises(BadInput, match="needs a reason") as info:
        services.reject(ctx, "no-such-article", "en", "title", "  ", user_id=team.eddie)
    assert info.value.field == "reason"
