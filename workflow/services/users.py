"""Users: create, authenticate, look up."""

from __future__ import annotations

import re

from workflow.errors import AuthenticationFailed, BadInput
from workflow.model import User
from workflow.passwords import MIN_LENGTH, check_password, hash_password
from workflow.services.desk import Desk
from workflow.states import Role
from workflow.store import repo

NAME = re.compile(r"[A-Za-z0-9._-]{2,80}")
# Checked when nobody matches, so that a wrong name costs as much as a wrong password.
_DUMMY_HASH = "scrypt$16384$8$1$00000000000000000000000000000000$" + "0" * 64


def add_user(desk: Desk, name: str, role: str, password: str) -> User:
    """Create a user; the password must have at least 12 characters."""
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
    if len(password) < MIN_LENGTH:
        raise BadInput(f"password must have at least {MIN_LENGTH} characters", field="password")
    hashed = hash_password(password)
    with desk.db.transaction() as conn:
        if repo.user_by_name(conn, name) is not None:
            raise BadInput(f"user {name!r} already exists", field="name")
        return repo.insert_user(conn, name, parsed_role, hashed, desk.clock())


def authenticate(desk: Desk, name: str, password: str) -> User:
    """The user if name and password match and the user is active; one message otherwise."""
    with desk.db.transaction(write=False) as conn:
        found = repo.user_by_name(conn, name)
    stored = found[1] if found else _DUMMY_HASH
    if not check_password(stored, password) or found is None or not found[0].active:
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
