"""Users and API tokens on the command line (the operator's, who needs no login)."""

from __future__ import annotations

import click

from web import serialize
from web.cli.common import CliState, domain_errors, emit, json_option, pass_state, password_option
from workflow import services
from workflow.services.tokens import SCOPES


@click.group()
def users() -> None:
    """Manage users."""


@users.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(["translator", "editor", "admin"]), required=True)
@click.option(
    "--desks",
    default="news",
    show_default=True,
    help="The desks (sections) whose articles the user works on, comma-separated.",
)
@password_option("Password")
@pass_state
def users_add(state: CliState, name: str, role: str, desks: str, password: str) -> None:
    """Add a user; the password comes from TRANSDESK_PASSWORD, else a prompt."""
    with domain_errors():
        user = services.add_user(state.ctx, name, role, password, desks=desks)
    click.echo(
        f"Added {user.role.value} {user.name!r} (id {user.id}), desks {','.join(user.desks)}"
    )


@users.command("desks")
@click.argument("name")
@click.argument("desks")
@pass_state
def users_desks(state: CliState, name: str, desks: str) -> None:
    """Set the desks a user works on, e.g. `users desks kim news,sports`."""
    with domain_errors():
        user = services.set_user_desks(state.ctx, name, desks)
    click.echo(f"{user.name!r} works on {', '.join(user.desks)}")


@users.command("disable")
@click.argument("name")
@pass_state
def users_disable(state: CliState, name: str) -> None:
    """Disable a user: their sessions end at once and their API tokens are revoked."""
    with domain_errors():
        services.set_active(state.ctx, name, False)
    click.echo(f"Disabled {name!r}; their sessions ended and their tokens were revoked")


@users.command("enable")
@click.argument("name")
@pass_state
def users_enable(state: CliState, name: str) -> None:
    """Let a disabled user log in again."""
    with domain_errors():
        services.set_active(state.ctx, name, True)
    click.echo(f"Enabled {name!r}")


@users.command("unlock")
@click.argument("name")
@pass_state
def users_unlock(state: CliState, name: str) -> None:
    """Lift NAME's login lock (too many failed logins), from every address."""
    with domain_errors():
        removed = services.unlock_login(state.ctx, name)
    click.echo(f"{name!r} can log in again" if removed else f"{name!r} was not locked")


@users.command("password")
@click.argument("name")
@password_option("New password")
@pass_state
def users_password(state: CliState, name: str, password: str) -> None:
    """Set a new password (TRANSDESK_PASSWORD, else a prompt); ends sessions and tokens."""
    with domain_errors():
        services.reset_password(state.ctx, name, password)
    click.echo(f"Password of {name!r} changed; their sessions ended and their tokens were revoked")


@click.group()
def tokens() -> None:
    """API tokens for the CMS: create, list, revoke."""


@tokens.command("create")
@click.argument("user")
@click.option("--name", required=True, help="What the token is for, e.g. CMS.")
@click.option(
    "--scope",
    "scopes",
    multiple=True,
    required=True,
    type=click.Choice(list(SCOPES)),
    help="Repeat for several scopes.",
)
@json_option
@pass_state
def tokens_create(
    state: CliState, user: str, name: str, scopes: tuple[str, ...], as_json: bool
) -> None:
    """Make a token for USER; its secret is printed once and never stored."""
    with domain_errors():
        made = services.create_token(state.ctx, user, name, scopes)
    emit(
        serialize.new_token(made),
        as_json,
        f"{made.secret}\n(token {made.token.id} for {user!r}; shown once, keep it safe)",
    )


@tokens.command("list")
@json_option
@pass_state
def tokens_list(state: CliState, as_json: bool) -> None:
    """Every token: id, owner, name, prefix, scopes, last use, revoked or not."""
    with domain_errors():
        made = services.list_tokens(state.ctx)
        names = {u.id: u.name for u in services.list_users(state.ctx)}
    rows = [serialize.token(t, names.get(t.user_id, "?")) for t in made]
    text = "\n".join(
        f"{r['id']:>4}  {r['user']:<12} {r['name']:<16} {r['prefix']}…  {' '.join(r['scopes'])}"
        + ("  REVOKED" if r["revoked"] else "")
        for r in rows
    )
    emit(rows, as_json, text or "No tokens.")


@tokens.command("revoke")
@click.argument("token_id", type=int)
@pass_state
def tokens_revoke(state: CliState, token_id: int) -> None:
    """Revoke a token; it stops working at once."""
    with domain_errors():
        services.revoke_token(state.ctx, token_id)
    click.echo(f"Revoked token {token_id}")
