"""Login throttling that cannot race and cannot be turned against a user (issue 12, item 10).

Every attempt is counted atomically before the password is checked, per (name, client
address) and per address; so parallel wrong logins run at most the allowed number of
scrypt checks, the real user logs in from their own address while an attacker elsewhere
is locked out, a flood of made-up names from one address is cut off, old counters are
pruned, and an administrator can lift a lock.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterator
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from workflow import services
from workflow.errors import AuthenticationFailed, NotFound, PermissionDenied, Throttled
from workflow.services import Context, users
from workflow.store.tables import login_attempts

GOOD = "correct horse battery staple"
WRONG = "wrong password here"
ATTACKER = "203.0.113.7"
HOME = "198.51.100.20"


class Checks:
    """Counts the password checks (scrypt runs) the service makes."""

    def __init__(self) -> None:
        self.count = 0
        self._lock = threading.Lock()

    def wrap(self, check: Callable[[str, str], bool]) -> Callable[[str, str], bool]:
        def counted(stored: str, password: str) -> bool:
            with self._lock:
                self.count += 1
            return check(stored, password)

        return counted


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> Iterator[Checks]:
    counter = Checks()
    monkeypatch.setattr(users, "check_password", counter.wrap(users.check_password))
    yield counter


def attempt(ctx: Context, name: str, password: str, address: str) -> str:
    """What the user is told: "ok", "wrong" or "throttled"."""
    try:
        services.authenticate(ctx, name, password, address=address)
    except AuthenticationFailed:
        return "wrong"
    except Throttled:
        return "throttled"
    return "ok"


def in_parallel(n: int, work: Callable[[int], str]) -> list[str]:
    results: list[str] = [""] * n
    start = threading.Barrier(n)

    def run(i: int) -> None:
        start.wait()
        results[i] = work(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def rows(ctx: Context) -> int:
    with ctx.db.transaction(write=False) as conn:
        return int(conn.execute(select(func.count()).select_from(login_attempts)).scalar_one())


def test_parallel_wrong_logins_run_at_most_the_allowed_checks(ctx: Context, checks: Checks) -> None:
    services.add_user(ctx, "tina", "translator", GOOD)
    answers = in_parallel(40, lambda _: attempt(ctx, "tina", WRONG, ATTACKER))
    assert checks.count <= users.MAX_FAILURES
    assert answers.count("wrong") == checks.count == users.MAX_FAILURES
    assert answers.count("throttled") == 40 - users.MAX_FAILURES
    assert attempt(ctx, "tina", GOOD, ATTACKER) == "throttled"  # locked from there


def test_the_real_user_still_logs_in_from_their_own_address(ctx: Context) -> None:
    services.add_user(ctx, "tina", "translator", GOOD)
    for _ in range(users.MAX_FAILURES):
        assert attempt(ctx, "tina", WRONG, ATTACKER) == "wrong"
    assert attempt(ctx, "tina", GOOD, ATTACKER) == "throttled"
    assert attempt(ctx, "tina", GOOD, HOME) == "ok"


def test_a_flood_of_made_up_names_from_one_address_is_cut_off(ctx: Context, checks: Checks) -> None:
    services.add_user(ctx, "tina", "translator", GOOD)
    answers = in_parallel(20, lambda i: attempt(ctx, f"user{i:03d}", WRONG, ATTACKER))
    answers += [attempt(ctx, f"name{i:03d}", WRONG, ATTACKER) for i in range(60)]
    assert checks.count == users.MAX_ADDRESS_FAILURES
    assert answers.count("wrong") == users.MAX_ADDRESS_FAILURES
    assert answers[-1] == "throttled"
    # a known name is refused the same way from there: the limit tells nothing about names
    assert attempt(ctx, "tina", WRONG, ATTACKER) == "throttled"
    # and nobody else is affected
    assert attempt(ctx, "tina", GOOD, HOME) == "ok"


def test_unknown_names_cost_one_check_like_known_ones(ctx: Context, checks: Checks) -> None:
    services.add_user(ctx, "tina", "translator", GOOD)
    assert attempt(ctx, "tina", WRONG, ATTACKER) == "wrong"
    assert checks.count == 1
    assert attempt(ctx, "nobody", WRONG, ATTACKER) == "wrong"
    assert checks.count == 2


def test_the_lock_says_when_to_try_again(ctx: Context) -> None:
    services.add_user(ctx, "tina", "translator", GOOD)
    for _ in range(users.MAX_FAILURES):
        attempt(ctx, "tina", WRONG, ATTACKER)
    later = dataclasses.replace(ctx, clock=lambda: ctx.clock() + timedelta(minutes=5))
    with pytest.raises(Throttled, match=r"try again after \d\d:\d\d UTC \(in 1\d minutes\)") as e:
        services.authenticate(later, "tina", GOOD, address=ATTACKER)
    assert 9 * 60 < e.value.retry_after <= 10 * 60 + 1
    assert services.login_locks(ctx) == {
        "tina": pytest.approx(ctx.clock(), abs=timedelta(minutes=16))
    }
    done = dataclasses.replace(ctx, clock=lambda: ctx.clock() + timedelta(minutes=16))
    assert attempt(done, "tina", GOOD, ATTACKER) == "ok"


def test_a_success_takes_its_count_back(ctx: Context) -> None:
    services.add_user(ctx, "tina", "translator", GOOD)
    for _ in range(users.MAX_ADDRESS_FAILURES + 5):
        assert attempt(ctx, "tina", GOOD, HOME) == "ok"
    for _ in range(users.MAX_FAILURES - 1):
        assert attempt(ctx, "tina", WRONG, HOME) == "wrong"
    assert attempt(ctx, "tina", GOOD, HOME) == "ok"
    for _ in range(users.MAX_FAILURES - 1):
        assert attempt(ctx, "tina", WRONG, HOME) == "wrong"
    assert attempt(ctx, "tina", GOOD, HOME) == "ok"


def test_old_counters_are_pruned(ctx: Context) -> None:
    services.add_user(ctx, "tina", "translator", GOOD)
    for i in range(10):
        attempt(ctx, f"name{i}", WRONG, f"192.0.2.{i}")
    assert rows(ctx) == 20  # a counter per name and address, one per address
    later = dataclasses.replace(ctx, clock=lambda: ctx.clock() + timedelta(minutes=16))
    assert attempt(later, "tina", WRONG, HOME) == "wrong"
    assert rows(ctx) == 2  # only the new attempt's counters are left


def test_an_administrator_lifts_a_lock(ctx: Context) -> None:
    services.add_user(ctx, "tina", "translator", GOOD)
    ada = services.add_user(ctx, "ada", "admin", GOOD).id
    eddie = services.add_user(ctx, "eddie", "editor", GOOD).id
    for _ in range(users.MAX_FAILURES):
        attempt(ctx, "tina", WRONG, HOME)
    assert list(services.login_locks(ctx, by=ada)) == ["tina"]
    with pytest.raises(PermissionDenied):
        services.unlock_login(ctx, "tina", by=eddie)
    with pytest.raises(PermissionDenied):
        services.login_locks(ctx, by=eddie)
    with pytest.raises(NotFound):
        services.unlock_login(ctx, "nobody", by=ada)
    assert attempt(ctx, "tina", GOOD, HOME) == "throttled"
    assert services.unlock_login(ctx, "tina", by=ada) > 0
    assert services.login_locks(ctx, by=ada) == {}
    assert attempt(ctx, "tina", GOOD, HOME) == "ok"
