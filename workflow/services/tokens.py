"""Bearer tokens of the JSON API: created once (the secret is shown then and never again),
stored as a SHA-256, scoped, revocable, revoked when the owner's password changes.

A token acts as its owner: the owner's role, desks and the four-eyes rule apply to every
call, and a scope can only narrow what the owner may do, never widen it.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from workflow.errors import AuthenticationFailed, BadInput, Message, PermissionDenied
from workflow.model import ApiToken, User
from workflow.security.passwords import secret_digest
from workflow.services.common import acting_user
from workflow.services.context import Context
from workflow.store import audit, sessions, users
from workflow.text.clean import clean_text

PREFIX = "tdk_"
#: What a token may be used for; each API route names the scope it needs.
SCOPES: dict[str, str] = {
    "articles:read": Message("read articles, their status, catalogs and bundles"),
    "articles:write": Message("import originals and pair translations"),
    "articles:publish": Message("publish a translation (the owner must be an editor)"),
    "work": Message("read and mark the owner's inbox, list and make assignments (editors assign)"),
}
TOKEN_SHAPE = re.compile(r"tdk_[A-Za-z0-9_-]{20,100}")
TOUCH_EVERY = timedelta(minutes=1)


@dataclass(frozen=True)
class NewToken:
    """A token just made: ``secret`` is shown to its owner once."""

    token: ApiToken
    secret: str


@dataclass(frozen=True)
class Principal:
    """Who is calling the API: the token's owner and the token's scopes."""

    user: User
    token: ApiToken

    def require(self, scope: str) -> None:
        if scope not in self.token.scopes:
            raise PermissionDenied("this token lacks the scope %(scope)r", scope=scope)


def create_token(
    ctx: Context, owner: str, name: str, scopes: tuple[str, ...], *, by: int | None = None
) -> NewToken:
    """A new token for the user named ``owner``; ``by`` is the acting user (None for the
    operator's CLI). Users make their own tokens; administrators make them for anyone."""
    name = name.strip()
    if not 1 <= len(name) <= 80:
        raise BadInput("a token needs a name of 1–80 characters", field="name")
    name = clean_text(name, field="name")
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown or not scopes:
        if unknown:
            raise BadInput(
                "unknown scope %(scope)r; choose from %(known)s",
                scope=", ".join(unknown),
                known=", ".join(SCOPES),
                field="scopes",
            )
        raise BadInput("a token needs at least one scope", field="scopes")
    secret = PREFIX + secrets.token_urlsafe(32)
    now = ctx.clock()
    with ctx.db.transaction() as conn:
        found = users.user_by_name(conn, owner)
        if found is None or not found[0].active:
            raise BadInput("no active user named %(owner)r", owner=owner, field="user")
        user = found[0]
        if by is not None:
            actor = acting_user(conn, by)
            if actor.id != user.id and not actor.role.can_manage:
                raise PermissionDenied("only administrators make tokens for other users")
        token = sessions.insert_token(
            conn,
            user_id=user.id,
            name=name,
            prefix=secret[: len(PREFIX) + 6],
            token_hash=secret_digest(secret),
            scopes=tuple(s for s in SCOPES if s in scopes),
            now=now,
        )
        audit.audit(conn, action="token_created", now=now, user_id=by, target=f"{owner}:{name}")
    return NewToken(token=token, secret=secret)


def list_tokens(ctx: Context, *, user_id: int | None = None) -> list[ApiToken]:
    """The user's tokens (all tokens for ``user_id=None``, the operator)."""
    with ctx.db.transaction(write=False) as conn:
        return sessions.tokens_of(conn, user_id)


def revoke_token(ctx: Context, token_id: int, *, by: int | None = None) -> ApiToken:
    """Revoke a token: its owner or an administrator may; it stops working at once."""
    now = ctx.clock()
    with ctx.db.transaction() as conn:
        token = sessions.token_by_id(conn, token_id)
        if by is not None:
            actor = acting_user(conn, by)
            if actor.id != token.user_id and not actor.role.can_manage:
                raise PermissionDenied("only the owner or an administrator revokes a token")
        sessions.revoke_token(conn, token_id, now)
        audit.audit(conn, action="token_revoked", now=now, user_id=by, target=token.name)
        return sessions.token_by_id(conn, token_id)


def authenticate_token(ctx: Context, secret: str) -> Principal:
    """The caller of a bearer token; one message for every kind of refusal."""
    refused = AuthenticationFailed("invalid, expired or revoked API token")
    if not TOKEN_SHAPE.fullmatch(secret):
        raise refused
    now = ctx.clock()
    with ctx.db.transaction(write=False) as conn:
        token = sessions.token_by_hash(conn, secret_digest(secret))
        if token is None or not token.active:
            raise refused
        user = users.user_by_id(conn, token.user_id)
    if not user.active:
        raise refused
    if token.last_used_at is None or now - token.last_used_at > TOUCH_EVERY:
        with ctx.db.transaction() as conn:
            sessions.touch_token(conn, token.id, now)
    return Principal(user=user, token=token)
