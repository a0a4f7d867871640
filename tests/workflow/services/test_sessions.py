"""Server-side sessions: ended by logout, expiry, disabling; the cookie key is not stored."""

from __future__ import annotations

from datetime import timedelta

from workflow import services
from workflow.bootstrap import build_context
from workflow.services import Context
from workflow.settings import Settings

PASSWORD = "correct horse battery staple"


def test_sessions_expire_when_idle_or_old(ctx: Context, settings: Settings) -> None:
    user = services.add_user(ctx, "tina", "translator", PASSWORD)
    start = ctx.clock()
    for hours, alive in ((11, True), (13, False)):
        key = services.start_session(ctx, user.id)
        assert services.session_user(ctx, key) == user
        later = build_context(settings, clock=lambda h=hours: start + timedelta(hours=h))
        try:
            assert (services.session_user(later, key) is not None) is alive
        finally:
            later.close()


def test_used_sessions_still_end_after_a_week(ctx: Context, settings: Settings) -> None:
    user = services.add_user(ctx, "tina", "translator", PASSWORD)
    key = services.start_session(ctx, user.id)
    start = ctx.clock()
    for hours in range(10, 200, 10):  # used every ten hours, never idle
        later = build_context(settings, clock=lambda h=hours: start + timedelta(hours=h))
        try:
            seen = services.session_user(later, key)
        finally:
            later.close()
        if seen is None:
            break
    assert hours == 170  # alive at 160 h, over at 170 h: a week is 168 h
    with ctx.db.transaction(write=False) as conn:
        stored = [r[0] for r in conn.exec_driver_sql("SELECT id FROM sessions")]
    assert key not in stored


def test_ending_and_disabling(ctx: Context) -> None:
    user = services.add_user(ctx, "tina", "translator", PASSWORD)
    first, second = services.start_session(ctx, user.id), services.start_session(ctx, user.id)
    services.end_session(ctx, first)
    assert services.session_user(ctx, first) is None
    assert services.session_user(ctx, second) is not None
    services.set_active(ctx, "tina", False)
    assert services.session_user(ctx, second) is None
    assert services.session_user(ctx, "made-up") is None
