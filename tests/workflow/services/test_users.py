"""Users: password rules and login throttling without account enumeration."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from workflow import services
from workflow.errors import AuthenticationFailed, BadInput, Throttled
from workflow.services import Context

GOOD = "correct horse battery staple"


@pytest.mark.parametrize(
    ("name", "password", "message"),
    [
        ("tina", "short", "at least 12 characters"),
        ("tina", "qwertyuiop123", "common passwords"),
        ("tina", "Password1234", "common passwords"),
        ("tina", "my name is tina, ok?", "user name"),
    ],
)
def test_weak_passwords_are_refused(ctx: Context, name: str, password: str, message: str) -> None:
    with pytest.raises(BadInput, match=message):
        services.add_user(ctx, name, "translator", password)
    assert services.list_users(ctx) == []


def test_five_failures_lock_the_name_for_a_while(ctx: Context) -> None:
    services.add_user(ctx, "tina", "translator", GOOD)
    for _ in range(5):
        with pytest.raises(AuthenticationFailed):
            services.authenticate(ctx, "tina", "wrong password here")
    with pytest.raises(Throttled, match="too many failed logins") as refused:
        services.authenticate(ctx, "tina", GOOD)  # even the right password waits
    assert 0 < refused.value.retry_after <= 15 * 60 + 1
    later = dataclasses.replace(ctx, clock=lambda: ctx.clock() + timedelta(minutes=16))
    assert services.authenticate(later, "tina", GOOD).name == "tina"


def test_unknown_names_are_throttled_the_same_way(ctx: Context) -> None:
    for _ in range(5):
        with pytest.raises(AuthenticationFailed, match="wrong user name or password"):
            services.authenticate(ctx, "nobody", "whatever password")
    with pytest.raises(Throttled):
        services.authenticate(ctx, "nobody", "whatever password")


def test_a_success_clears_the_failures(ctx: Context) -> None:
    services.add_user(ctx, "tina", "translator", GOOD)
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            services.authenticate(ctx, "tina", "wrong password here")
    services.authenticate(ctx, "tina", GOOD)
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            services.authenticate(ctx, "tina", "wrong password here")
    assert services.authenticate(ctx, "tina", GOOD).name == "tina"
