"""Account changes that end access: password changes, disabling and enabling users."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection

from workflow.errors import AuthenticationFailed, NotFound, PermissionDenied
from workflow.model import User
from workflow.security.passwords import check_password, check_strength, hash_password
from workflow.services.common import acting_user
from workflow.services.context import Context
from workflow.store import audit, sessions, users


def change_password(ctx: Context, user_id: int, current: str, new: str) -> User:
    """The user's own change: the current password must match. Every session of the user
    ends and every API token is revoked (the caller starts a new session)."""
    now = ctx.clock()
    with ctx.db.transaction() as conn:
        user = acting_user(conn, user_id)
        found = users.user_by_name(conn, user.name)
        assert found is not None
        if not check_password(found[1], current):
            raise AuthenticationFailed("the current password is wrong")
        check_strength(new, user.name)
        _replace_password(conn, user, new, now=now, by=user.id)
        return user


def reset_password(ctx: Context, name: str, new: str, *, by: int | None = None) -> User:
    """An administrator's (or the operator's, ``by=None``) reset of someone's password."""
    now = ctx.clock()
    with ctx.db.transaction() as conn:
        if by is not None and not acting_user(conn, by).role.can_manage:
            raise PermissionDenied("only administrators reset passwords")
        user = _named(conn, name)
        check_strength(new, user.name)
        _replace_password(conn, user, new, now=now, by=by)
        return user


def set_active(ctx: Context, name: str, active: bool, *, by: int | None = None) -> User:
    """Disable (or enable again) a user. Disabling ends their sessions at once; their API
    tokens stop working with them and are revoked."""
    now = ctx.clock()
    with ctx.db.transaction() as conn:
        if by is not None:
            actor = acting_user(conn, by)
            if not actor.role.can_manage:
                raise PermissionDenied("only administrators disable users")
            if actor.name == name and not active:
                raise PermissionDenied("administrators cannot disable themselves")
        user = _named(conn, name)
        users.set_user_active(conn, user.id, active)
        if not active:
            sessions.delete_user_sessions(conn, user.id)
            sessions.revoke_user_tokens(conn, user.id, now)
        audit.audit(
            conn,
            action="user_enabled" if active else "user_disabled",
            now=now,
            user_id=by,
            target=user.name,
        )
        return users.user_by_id(conn, user.id)


def _named(conn: Connection, name: str) -> User:
    found = users.user_by_name(conn, name)
    if found is None:
        raise NotFound("no user named %(name)r", name=name)
    return found[0]


def _replace_password(
    conn: Connection, user: User, new: str, *, now: datetime, by: int | None
) -> None:
    users.set_password(conn, user.id, hash_password(new))
    sessions.delete_user_sessions(conn, user.id)
    sessions.revoke_user_tokens(conn, user.id, now)
    audit.audit(conn, action="password_changed", now=now, user_id=by, target=user.name)
