"""Assignments by picking, with deadlines, and the inbox: assigned, rejected with the reason,
@mentions, ready for review; read and unread; each person sees only their own."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.workflow.services.conftest import Team, entries
from workflow import services
from workflow.errors import BadInput, NotFound, PermissionDenied
from workflow.services import Context


def kinds(ctx: Context, name: str, **kw: bool) -> list[tuple[str, str | None, str | None]]:
    return [(e.kind, e.key, e.by) for e in services.inbox_of(ctx, name, **kw)]


def test_an_assignment_reaches_the_assignees_inbox_and_my_work(
    ctx: Context, team: Team, seoul: list[str]
) -> None:
    due = services.parse_due("2026-12-05T18:00")
    assert due == datetime(2026, 12, 5, 9, 0, tzinfo=UTC)  # newsroom time, KST
    made = services.assign_work(ctx, ["seoul"], "en", to="tina", due=due, user_id=team.eddie)
    assert [(a.slug, a.assignee, a.assigned_by, a.keys, a.due) for a in made] == [
        ("seoul", "tina", "eddie", None, due)
    ]
    assert kinds(ctx, "tina") == [("assigned", None, "eddie")]
    assert [w.slug for w in services.my_work(ctx, team.tina)] == ["seoul"]
    assert services.my_work(ctx, team.tina)[0].deadline == due
    people = {p.name: p.load for p in services.desk_people(ctx, "seoul", user_id=team.eddie)}
    assert people == {"admin": 0, "eddie": 0, "erin": 0, "tina": 1}
    assert services.unread_count(ctx, user_id=team.tina) == 1
    assert kinds(ctx, "eddie") == []


def test_segments_and_several_articles(ctx: Context, team: Team, seoul: list[str]) -> None:
    one = services.assign_work(ctx, ["seoul"], "en", to="tina", keys=seoul[1:3], user_id=team.eddie)
    assert one[0].keys == tuple(seoul[1:3])
    [event] = services.inbox_of(ctx, "tina")
    assert event.key == seoul[1] and event.text == "2 segments"
    with pytest.raises(BadInput, match="no segment with key 'nope'") as info:
        services.assign_work(ctx, ["seoul"], "en", to="tina", keys=["nope"], user_id=team.eddie)
    assert info.value.field == "key"


def test_bad_assignments_are_refused(ctx: Context, team: Team, seoul: list[str]) -> None:
    with pytest.raises(BadInput, match="no user named 'translatr'"):
        services.assign_work(ctx, ["seoul"], "en", to="translatr", user_id=team.eddie)
    with pytest.raises(PermissionDenied):
        services.assign_work(ctx, ["seoul"], "en", to="erin", user_id=team.tina)
    with pytest.raises(BadInput, match="not a time"):
        services.parse_due("tomorrow")
    with pytest.raises(BadInput, match=r"month must be in 1\.\.12"):
        services.parse_due("2026-13-01T10:00")
    assert services.inbox_of(ctx, "tina") == []


def test_a_rejection_and_a_mention_arrive(ctx: Context, team: Team, seoul: list[str]) -> None:
    services.save_translation(ctx, "seoul", "en", seoul[0], "Seoul vote", user_id=team.tina)
    services.reject(ctx, "seoul", "en", seoul[0], "Say 'mayoral'", user_id=team.eddie)
    services.add_comment(
        ctx, "seoul", "en", seoul[1], "@tina @erin look; @nobody", user_id=team.eddie
    )
    tina = services.inbox_of(ctx, "tina")
    assert [(e.kind, e.key, e.text) for e in tina] == [
        ("mention", seoul[1], "@tina @erin look; @nobody"),
        ("rejected", seoul[0], "Say 'mayoral'"),
    ]
    assert kinds(ctx, "erin") == [("mention", seoul[1], "eddie")]
    assert kinds(ctx, "eddie") == []  # not told of their own comment


def test_ready_for_review_when_the_last_segment_is_translated(
    ctx: Context, team: Team, seoul: list[str]
) -> None:
    for key in seoul[:-1]:
        services.save_translation(ctx, "seoul", "en", key, "text", user_id=team.tina)
    assert kinds(ctx, "eddie") == []
    services.save_translation(ctx, "seoul", "en", seoul[-1], "last", user_id=team.tina)
    assert kinds(ctx, "eddie") == [("ready", None, "tina")]
    assert kinds(ctx, "erin") == [("ready", None, "tina")]
    services.save_translation(ctx, "seoul", "en", seoul[-1], "again", user_id=team.tina)
    assert len(services.inbox_of(ctx, "eddie")) == 1  # once, not at every save


def test_read_and_unread_only_ones_own(ctx: Context, team: Team, seoul: list[str]) -> None:
    services.assign_work(ctx, ["seoul"], "en", to="tina", user_id=team.eddie)
    services.assign_work(ctx, ["seoul"], "en", to="tina", keys=seoul[:1], user_id=team.erin)
    first, second = services.inbox_of(ctx, "tina")
    with pytest.raises(NotFound):
        services.mark_read(ctx, [first.id], user_id=team.erin)
    assert services.mark_read(ctx, [first.id], user_id=team.tina) == 1
    assert [e.id for e in services.inbox_of(ctx, "tina", unread=True)] == [second.id]
    assert services.mark_read(ctx, None, user_id=team.tina) == 1
    assert services.unread_count(ctx, user_id=team.tina) == 0
    assert services.mark_read(ctx, [first.id], read=False, user_id=team.tina) == 1
    assert services.unread_count(ctx, user_id=team.tina) == 1


def test_publishing_closes_the_assignments(ctx: Context, team: Team, paired: list[str]) -> None:
    services.assign_work(ctx, ["seoul"], "en", to="tina", user_id=team.eddie)
    services.approve(ctx, "seoul", "en", None, user_id=team.erin)
    services.publish(ctx, "seoul", "en", user_id=team.erin)
    assert services.my_assignments(ctx, user_id=team.tina) == []
    assert entries(ctx)[paired[0]].translation.text


def test_email_settings(ctx: Context, team: Team) -> None:
    assert services.notify_settings(ctx, user_id=team.tina) is None
    s = services.set_notify_settings(
        ctx, "tina@example.org", ["rejected", "assigned"], user_id=team.tina
    )
    assert s is not None and s.kinds == ("assigned", "rejected")
    with pytest.raises(BadInput, match="not an e-mail"):
        services.set_notify_settings(ctx, "tina", [], user_id=team.tina)
    with pytest.raises(BadInput, match="unknown kinds"):
        services.set_notify_settings(ctx, "t@example.org", ["spam"], user_id=team.tina)


def test_my_work_lists_segments_handed_over_with_the_soonest_due(
    ctx: Context, team: Team, seoul: list[str]
) -> None:
    late, soon = services.parse_due("2026-12-06T10:00"), services.parse_due("2026-12-05T10:00")
    services.assign_work(
        ctx, ["seoul"], "en", to="tina", keys=seoul[:1], due=late, user_id=team.eddie
    )
    services.assign_work(
        ctx, ["seoul"], "en", to="tina", keys=seoul[1:2], due=soon, user_id=team.eddie
    )
    [item] = services.my_work(ctx, team.tina)
    assert (item.slug, item.translator, item.deadline) == ("seoul", None, soon)


def test_an_assignment_summary_reads_back_as_written() -> None:
    due = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)  # 18:00 in the newsroom
    assert services.assignment_summary(3, due) == "3 segments, due 2026-12-05 18:00"
    assert services.read_assignment_summary("3 segments, due 2026-12-05 18:00") == (
        3,
        "2026-12-05 18:00",
    )
    assert services.read_assignment_summary(services.assignment_summary(0, None)) == (0, None)
    assert services.read_assignment_summary("@tina see 3 segments, due tomorrow") is None
