"""Presence: others in the same article × locale with their segment; stale after the window;
an unchanged poll writes nothing until the refresh is due."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from tests.workflow.services.conftest import Team
from workflow import services
from workflow.errors import BadInput, NotFound
from workflow.services import Context
from workflow.services.presence import POLL_SECONDS, REFRESH, WINDOW


def at(ctx: Context, moment: datetime) -> Context:
    return replace(ctx, clock=lambda: moment)


def test_others_seen_until_stale(ctx: Context, team: Team, paired: list[str]) -> None:
    t0 = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
    assert (
        services.heartbeat(
            at(ctx, t0), "seoul", "en", paired[1], typing=True, user_id=team.tina
        ).others
        == []
    )
    [erin_sees] = services.heartbeat(at(ctx, t0), "seoul", "en", None, user_id=team.erin).others
    assert (erin_sees.user, erin_sees.key, erin_sees.typing) == ("tina", paired[1], True)
    later = t0 + WINDOW + timedelta(seconds=1)
    assert services.heartbeat(at(ctx, later), "seoul", "en", None, user_id=team.erin).others == []
    services.leave(at(ctx, later), "seoul", "en", user_id=team.erin)
    assert services.heartbeat(at(ctx, later), "seoul", "en", None, user_id=team.tina).others == []


def test_an_unchanged_poll_writes_only_when_the_refresh_is_due(
    ctx: Context, team: Team, paired: list[str]
) -> None:
    t0 = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
    services.heartbeat(at(ctx, t0), "seoul", "en", paired[0], user_id=team.tina)
    soon = t0 + REFRESH - timedelta(seconds=1)
    services.heartbeat(at(ctx, soon), "seoul", "en", paired[0], user_id=team.tina)
    [seen] = services.heartbeat(at(ctx, soon), "seoul", "en", None, user_id=team.erin).others
    assert seen.seen_at == t0  # not rewritten
    services.heartbeat(at(ctx, soon), "seoul", "en", paired[1], user_id=team.tina)  # moved
    [seen] = services.heartbeat(at(ctx, soon), "seoul", "en", None, user_id=team.erin).others
    assert (seen.key, seen.seen_at) == (paired[1], soon)


def test_bad_presence(ctx: Context, team: Team, paired: list[str]) -> None:
    with pytest.raises(BadInput):
        services.heartbeat(ctx, "seoul", "en", "x" * 41, user_id=team.tina)
    with pytest.raises(NotFound):
        services.heartbeat(ctx, "nope", "en", None, user_id=team.tina)


def test_a_poll_that_asks_brings_the_inbox_count(
    ctx: Context, team: Team, paired: list[str]
) -> None:
    services.assign_work(ctx, ["seoul"], "en", to="tina", user_id=team.erin)
    asked = services.heartbeat(ctx, "seoul", "en", paired[0], unread=True, user_id=team.tina)
    assert asked.unread == services.unread_count(ctx, user_id=team.tina) == 1
    assert services.heartbeat(ctx, "seoul", "en", paired[0], user_id=team.tina).unread is None


@pytest.mark.parametrize("every", [POLL_SECONDS, 3 * POLL_SECONDS], ids=["visible", "background"])
def test_a_person_who_keeps_polling_never_drops_out(
    ctx: Context, team: Team, paired: list[str], every: int
) -> None:
    """Whether a poll writes or not, the others see the person at every moment in between."""
    t0 = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
    seen_at = set()
    for n in range(12):
        now = t0 + timedelta(seconds=n * every)
        services.heartbeat(at(ctx, now), "seoul", "en", paired[0], user_id=team.tina)
        just_before_next = now + timedelta(seconds=every - 0.5)
        [seen] = services.heartbeat(
            at(ctx, just_before_next), "seoul", "en", None, user_id=team.erin
        ).others
        assert seen.user == "tina"
        seen_at.add(seen.seen_at)
    if every == POLL_SECONDS:  # unchanged polls of a visible tab: one in three writes
        assert len(seen_at) == 4


def test_a_browser_poll_is_its_own_session_check(
    ctx: Context, team: Team, paired: list[str]
) -> None:
    """The poll answers only a live session, as a page would, and keeps it live as the
    pages do: a person who only polls all shift is not logged out, a disabled one is."""
    t0 = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
    key = services.start_session(at(ctx, t0), team.tina)
    assert services.session_heartbeat(at(ctx, t0), "no-such-session", "seoul", "en", None) is None
    # Polling every 4 s for 13 hours (more than the idle timeout) keeps the session.
    now = t0
    for _ in range(13 * 60 // 6):
        now += timedelta(minutes=6)  # more than a session is written at most every
        answered = services.session_heartbeat(at(ctx, now), key, "seoul", "en", paired[0])
        assert answered is not None
    user, beat = answered
    assert user.name == "tina" and beat.others == []
    assert services.session_user(at(ctx, now), key) is not None
    # The others see the person who polls; a bad key is refused like heartbeat's.
    [seen] = services.heartbeat(at(ctx, now), "seoul", "en", None, user_id=team.erin).others
    assert seen.user == "tina" and seen.key == paired[0]
    with pytest.raises(BadInput):
        services.session_heartbeat(at(ctx, now), key, "seoul", "en", "x" * 41)
    # Disabled: the poll gets no answer, and the person is not shown as present afterwards.
    services.set_active(ctx, "tina", False)
    later = now + WINDOW + timedelta(seconds=1)
    assert services.session_heartbeat(at(ctx, later), key, "seoul", "en", paired[0]) is None
    assert services.heartbeat(at(ctx, later), "seoul", "en", None, user_id=team.erin).others == []
