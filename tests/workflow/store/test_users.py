"""The user store: users with desks, and the login throttling counters."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.workflow.store.conftest import NOW
from workflow.errors import NotFound
from workflow.states import Role
from workflow.store import Database, users

WINDOW = timedelta(minutes=15)


def test_a_user_comes_back_with_role_desks_and_password_hash(db: Database) -> None:
    with db.transaction() as conn:
        made = users.insert_user(conn, "tina", Role.TRANSLATOR, "h1", NOW, ("news", "sports"))
        users.set_ui_lang(conn, made.id, "ko")
    with db.transaction(write=False) as conn:
        found = users.user_by_name(conn, "tina")
        assert users.user_by_name(conn, "nobody") is None
        with pytest.raises(NotFound):
            users.user_by_id(conn, made.id + 1)
    assert found is not None
    user, password_hash = found
    assert (user.name, user.role, user.desks, user.ui_lang) == (
        "tina",
        Role.TRANSLATOR,
        ("news", "sports"),
        "ko",
    )
    assert password_hash == "h1"


def test_attempts_count_up_and_an_expired_window_starts_again(db: Database) -> None:
    with db.transaction() as conn:
        counts = [
            users.count_login_attempt(conn, "tina", "10.0.0.1", NOW, WINDOW).attempts
            for _ in range(3)
        ]
        later = NOW + WINDOW + timedelta(seconds=1)
        fresh = users.count_login_attempt(conn, "tina", "10.0.0.1", later, WINDOW)
    assert counts == [1, 2, 3]
    assert (fresh.attempts, fresh.window_start) == (1, later)


def test_unlocking_forgets_the_name_and_its_addresses_counters(db: Database) -> None:
    with db.transaction() as conn:
        for name in ("tina", users.ADDRESS_ROW):
            for _ in range(5):
                users.count_login_attempt(conn, name, "10.0.0.1", NOW, WINDOW)
        users.count_login_attempt(conn, users.ADDRESS_ROW, "10.0.0.2", NOW, WINDOW)
        assert users.locked_logins(conn, 5, NOW - WINDOW) == {"tina": NOW}
        assert users.unlock_login(conn, "tina") == 2
        assert users.locked_logins(conn, 5, NOW - WINDOW) == {}
        other = users.count_login_attempt(conn, users.ADDRESS_ROW, "10.0.0.2", NOW, WINDOW)
    assert other.attempts == 2  # another address's counter is left alone
