"""Users: create, authenticate, look up."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from workflow.errors import AuthenticationFailed, BadInput, NotFound, PermissionDenied, Throttled
from workflow.model import User
from workflow.security.passwords import check_password, check_strength, hash_password
from workflow.services.common import acting_user, desk_names
from workflow.services.context import Context
from workflow.states import Role
from workflow.store import audit, users

NAME = re.compile(r"[A-Za-z0-9._-]{2,80}")
#: Failed logins allowed for one name from one client address within the window.
MAX_FAILURES = 5
#: Failed logins allowed from one client address, whatever the names, within the window.
MAX_ADDRESS_FAILURES = 30
THROTTLE_WINDOW = timedelta(minutes=15)
# Checked when nobody matches, so that a wrong name costs as much as a wrong password.
_DUMMY_HASH = "scrypt$16384$8$1$00000000000000000000000000000000$" + "0" * 64


def add_user(
    ctx: Context,
    name: str,
    role: str,
    password: str,
    *,
    desks: str | Sequence[str] = ("news",),
) -> User:
    """Create a user working on ``desks`` (``"news,sports"`` or a sequence); the password
    must have at least 12 characters."""
    sections = desk_names(desks)
    if not NAME.fullmatch(name):
        raise BadInput(
            "user name %(name)r must be 2–80 letters, digits, dots, dashes or underscores",
            name=name,
            field="name",
        )
    try:
        parsed_role = Role(role)
    except ValueError:
        raise BadInput(
            "unknown role %(role)r; expected one of %(known)s",
            role=role,
            known=", ".join(r.value for r in Role),
            field="role",
        ) from None
    check_strength(password, name)
    hashed = hash_password(password)
    with ctx.db.transaction() as conn:
        if users.user_by_name(conn, name) is not None:
            raise BadInput("user %(name)r already exists", name=name, field="name")
        return users.insert_user(conn, name, parsed_role, hashed, ctx.clock(), sections)


def set_user_desks(
    ctx: Context, name: str, desks: str | Sequence[str], *, by: int | None = None
) -> User:
    """Set the desks a user works on (administrators, or the operator with ``by=None``);
    the user sees the articles of these desks only, from their next request on."""
    sections = desk_names(desks)
    now = ctx.clock()
    with ctx.db.transaction() as conn:
        if by is not None and not acting_user(conn, by).role.can_manage:
            raise PermissionDenied("only administrators change who works on which desk")
        found = users.user_by_name(conn, name)
        if found is None:
            raise NotFound("no user named %(name)r", name=name)
        users.set_user_desks(conn, found[0].id, sections)
        audit.audit(
            conn,
            action="user_desks",
            now=now,
            user_id=by,
            target=name,
            detail=",".join(sections),
        )
        return users.user_by_id(conn, found[0].id)


def authenticate(ctx: Context, name: str, password: str, *, address: str = "local") -> User:
    """The user if name and password match and the user is active; one message otherwise.

    Throttled (HTTP 429, with when to try again) after ``MAX_FAILURES`` failed logins for a
    name from one client ``address`` within ``THROTTLE_WINDOW`` — keyed on both, so an
    attacker elsewhere cannot lock the user out of their own address — and after
    ``MAX_ADDRESS_FAILURES`` failed logins of any names from one address (a flood of
    made-up names). The attempt is counted atomically *before* the password is checked,
    so parallel requests cannot run more checks than the limits allow; a success takes its
    count back. Unknown names are counted and cost one scrypt check like known ones, so
    neither the answer, nor its time, nor the limits tell which names exist. Counters
    whose window is over are pruned here; an administrator lifts a lock with
    :func:`unlock_login`.
    """
    now = ctx.clock()
    addr = (address or "local")[:64]
    if not NAME.fullmatch(name):  # no user can have this name: nothing to check or count
        raise AuthenticationFailed("wrong user name or password")
    with ctx.db.transaction() as conn:
        for key, limit in ((users.ADDRESS_ROW, MAX_ADDRESS_FAILURES), (name, MAX_FAILURES)):
            count = users.count_login_attempt(conn, key, addr, now, THROTTLE_WINDOW)
            if count.attempts > limit:
                # raised inside the transaction: a refused attempt is not counted
                raise _throttled(count.window_start + THROTTLE_WINDOW, now)
        found = users.user_by_name(conn, name)
    stored = found[1] if found else _DUMMY_HASH
    ok = check_password(stored, password) and found is not None and found[0].active
    with ctx.db.transaction() as conn:
        if ok:  # same row order as the counting above
            users.uncount_login_attempt(conn, users.ADDRESS_ROW, addr)
            users.clear_login_attempts(conn, name, addr)
        users.prune_login_attempts(conn, now - THROTTLE_WINDOW)
    if not ok or found is None:
        raise AuthenticationFailed("wrong user name or password")
    return found[0]


def _throttled(until: datetime, now: datetime) -> Throttled:
    wait = max(1, math.ceil((until - now).total_seconds()))
    return Throttled(
        "too many failed logins; try again after %(until)s UTC (in %(minutes)s minutes)",
        until=format(until.astimezone(UTC), "%H:%M"),
        minutes=math.ceil(wait / 60),
        retry_after=wait,
    )


def unlock_login(ctx: Context, name: str, *, by: int | None = None) -> int:
    """Lift the login lock of user ``name`` from every address (administrators, or the
    operator with ``by=None``); the addresses it came from are let in again too.
    Returns the number of counters removed (0: nothing was locked)."""
    now = ctx.clock()
    with ctx.db.transaction() as conn:
        if by is not None and not acting_user(conn, by).role.can_manage:
            raise PermissionDenied("only administrators lift login locks")
        if users.user_by_name(conn, name) is None:
            raise NotFound("no user named %(name)r", name=name)
        removed = users.unlock_login(conn, name)
        audit.audit(conn, action="login_unlocked", now=now, user_id=by, target=name)
        return removed


def login_locks(ctx: Context, *, by: int | None = None) -> dict[str, datetime]:
    """User names locked out from some address now, with when the lock ends (administrators)."""
    now = ctx.clock()
    with ctx.db.transaction(write=False) as conn:
        if by is not None and not acting_user(conn, by).role.can_manage:
            raise PermissionDenied("only administrators see login locks")
        starts = users.locked_logins(conn, MAX_FAILURES, now - THROTTLE_WINDOW)
    return {name: start + THROTTLE_WINDOW for name, start in sorted(starts.items())}


def get_user(ctx: Context, user_id: int) -> User:
    with ctx.db.transaction(write=False) as conn:
        return users.user_by_id(conn, user_id)


def list_users(ctx: Context) -> list[User]:
    with ctx.db.transaction(write=False) as conn:
        return users.list_users(conn)


UI_LANGUAGES = ("en", "ko")


def set_ui_language(ctx: Context, user_id: int, lang: str) -> User:
    """Keep the user's choice of UI language (English or Korean)."""
    if lang not in UI_LANGUAGES:
        raise BadInput(
            "UI language %(lang)r; choose one of %(languages)s",
            lang=lang,
            languages=", ".join(UI_LANGUAGES),
            field="lang",
        )
    with ctx.db.transaction() as conn:
        users.set_ui_lang(conn, user_id, lang)
        return users.user_by_id(conn, user_id)
