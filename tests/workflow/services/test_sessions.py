"""Server-side sessions: ended by logout, expiry, disabling; the cookie key is not stored."""

from __future__ import annotations

from datetime import timedelta

from workflow import services
from workflow.services import Desk, build_desk
from workflow.settings import Settings

PASSWORD = "correct horse battery staple"


def test_sessions_expire_when_idle_or_old(desk: Desk, settings: Settings) -> None:
    user = services.add_user(desk, "tina", "translator", PASSWORD)
    start = desk.clock()
    for hours, alive in ((11, True), (13, False)):
        key = services.start_session(desk, user.id)
        assert services.session_user(desk, key) == user
        later = build_desk(settings, clock=lambda h=hours: start + timedelta(hours=h))
        try:
            assert (services.session_user(later, key) is not None) is alive
        finally:
            later.close()


def test_used_sessions_still_end_after_a_week(desk: Desk, settings: Settings) -> None:
    user = services.add_user(desk, "tina", "translator", PASSWORD)
    key = services.start_session(desk, user.id)
    start = desk.clock()
    for hours in range(10, 200, 10):  # used every ten hours, never idle
        later = build_desk(settings, clock=lambda h=hours: start + timedelta(hours=h))
        try:
            seen = services.session_user(later, key)
        finally:
            later.close()
        if seen is None:
            break
    assert hours == 170  # alive at 160 h, over at 170 h: a week is 168 h
    with desk.db.transaction(write=False) as conn:
        stored = [r[0] for r in conn.exec_driver_sql("SELECT id FROM sessions")]
    assert key not in stored


def test_ending_and_disabling(desk: Desk) -> None:
    user = services.add_user(desk, "tina", "translator", PASSWORD)
    first, second = services.start_session(desk, user.id), services.start_session(desk, user.id)
    services.end_session(desk, first)
    assert services.session_user(desk, first) is None
    assert services.session_user(desk, second) is not None
    services.set_active(desk, "tina", False)
    assert services.session_user(desk, second) is None
    assert services.session_user(desk, "made-up") is None
