"""API tokens: scoped, made by their owner or an administrator, refused with one message
once revoked or when their owner is disabled."""

from __future__ import annotations

import pytest

from tests.workflow.services.conftest import Team
from workflow import services
from workflow.errors import AuthenticationFailed, BadInput, PermissionDenied
from workflow.services import Context

REFUSED = "invalid, expired or revoked API token"


def test_a_token_carries_its_scopes_until_revoked(ctx: Context, team: Team) -> None:
    new = services.create_token(ctx, "eddie", "cms", ("articles:read",), by=team.eddie)
    caller = services.authenticate_token(ctx, new.secret)
    assert caller.user.name == "eddie"
    caller.require("articles:read")
    with pytest.raises(PermissionDenied, match="lacks the scope 'articles:publish'"):
        caller.require("articles:publish")
    services.revoke_token(ctx, new.token.id, by=team.eddie)
    with pytest.raises(AuthenticationFailed, match=REFUSED):
        services.authenticate_token(ctx, new.secret)
    for bad in ("", "tdk_short", new.secret[:-1] + ("A" if new.secret[-1] != "A" else "B")):
        with pytest.raises(AuthenticationFailed, match=REFUSED):
            services.authenticate_token(ctx, bad)


def test_who_may_make_and_revoke_tokens(ctx: Context, team: Team) -> None:
    with pytest.raises(PermissionDenied, match="only administrators make tokens"):
        services.create_token(ctx, "erin", "cms", ("articles:read",), by=team.eddie)
    made = services.create_token(ctx, "erin", "cms", ("articles:read",), by=team.admin)
    with pytest.raises(PermissionDenied, match="only the owner or an administrator"):
        services.revoke_token(ctx, made.token.id, by=team.tina)
    services.set_active(ctx, "erin", False, by=team.admin)
    with pytest.raises(AuthenticationFailed, match=REFUSED):
        services.authenticate_token(ctx, made.secret)


@pytest.mark.parametrize(
    ("name", "scopes", "message"),
    [
        ("", ("articles:read",), "needs a name"),
        ("cms", (), "at least one scope"),
        ("cms", ("articles:delete",), "unknown scope 'articles:delete'"),
    ],
)
def test_a_bad_token_request_names_the_field(
    ctx: Context, team: Team, name: str, scopes: tuple[str, ...], message: str
) -> None:
    with pytest.raises(BadInput, match=message):
        services.create_token(ctx, "eddie", name, scopes, by=team.eddie)
    assert services.list_tokens(ctx) == []
