"""Users: create, authenticate, look up."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta

from workflow.errors import AuthenticationFailed, BadInput, NotFound, PermissionDenied, Throttled
from workflow.model import User
from workflow.passwords import check_password, check_strength, hash_password
from workflow.services.common import acting_user, desk_names
from workflow.services.desk import Desk
from workflow.states import Role
from workflow.store import repo

NAME = re.compile(r"[A-Za-z0-9._-]{2,80}")
MAX_FAILURES = 5
THROTTLE_WINDOW = timedelta(minutes=15)
# Checked when nobody matches, so that a wrong name costs as much as a wrong password.
_DUMMY_HASH = "scrypt$16384$8$1$00000000000000000000000000000000$" + "0" * 64


def add_user(
    desk: Desk,
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
            f"user name {name!r} must be 2–80 letters, digits, dots, dashes or underscores",
            field="name",
        )
    try:
        parsed_role = Role(role)
    except ValueError:
        raise BadInput(
            f"unknown role {role!r}; expected one of " + ", ".join(r.value for r in Role),
            field="role",
        ) from None
    check_strength(password, name)
    hashed = hash_password(password)
    with desk.db.transaction() as conn:
        if repo.user_by_name(conn, name) is not None:
            raise BadInput(f"user {name!r} already exists", field="name")
        return repo.insert_user(conn, name, parsed_role, hashed, desk.clock(), sections)


def set_user_desks(
    desk: Desk, name: str, desks: str | Sequence[str], *, by: int | None = None
) -> User:
    """Set the desks a user works on (administrators, or the operator with ``by=None``);
    the user sees the articles of these desks only, from their next request on."""
    sections = desk_names(desks)
    now = desk.clock()
    with desk.db.transaction() as conn:
        if by is not None and not acting_user(conn, by).role.can_manage:
            raise PermissionDenied("only administrators change who works on which desk")
        found = repo.user_by_name(conn, name)
        if found is None:
            raise NotFound(f"no user named {name!r}")
        repo.set_user_desks(conn, found[0].id, sections)
        repo.audit(
            conn,
            action="user_desks",
            now=now,
            user_id=by,
            target=name,
            detail=",".join(sections),
        )
        return repo.user_by_id(conn, found[0].id)


def authenticate(desk: Desk, name: str, password: str) -> User:
    """The user if name and password match and the user is active; one message otherwise.

    After MAX_FAILURES failed logins for a name within THROTTLE_WINDOW, further attempts
    are refused (Throttled, HTTP 429) until the oldest of them is out of the window —
    the same for names that do not exist, so the answer tells nothing about accounts.
    """
    now = desk.clock()
    with desk.db.transaction(write=False) as conn:
        recent = repo.login_failures_since(conn, name, now - THROTTLE_WINDOW)
        found = repo.user_by_name(conn, name)
    if len(recent) >= MAX_FAILURES:
        wait = int((recent[0] + THROTTLE_WINDOW - now).total_seconds()) + 1
        raise Throttled(
            f"too many failed logins; try again in {max(1, wait // 60)} minutes",
            retry_after=wait,
        )
    stored = found[1] if found else _DUMMY_HASH
    ok = check_password(stored, password) and found is not None and found[0].active
    with desk.db.transaction() as conn:
        if ok:
            repo.clear_login_failures(conn, name)
        else:
            repo.record_login_failure(conn, name, now)
    if not ok or found is None:
        raise AuthenticationFailed("wrong user name or password")
    return found[0]


def get_user(desk: Desk, user_id: int) -> User:
    with desk.db.transaction(write=False) as conn:
        return repo.user_by_id(conn, user_id)


def list_users(desk: Desk) -> list[User]:
    with desk.db.transaction(write=False) as conn:
        return repo.list_users(conn)


UI_LANGUAGES = ("en", "ko")


def set_ui_language(desk: Desk, user_id: int, lang: str) -> User:
    """Keep the user's choice of UI language (English or Korean)."""
    if lang not in UI_LANGUAGES:
        raise BadInput(
            f"UI language {lang!r}; choose one of {', '.join(UI_LANGUAGES)}", field="lang"
        )
    with desk.db.transaction() as conn:
        repo.set_ui_lang(conn, user_id, lang)
        return repo.user_by_id(conn, user_id)
