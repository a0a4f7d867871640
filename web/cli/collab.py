"""Working together on the command line: assign, inbox, replace (issue 15's contract)."""

from __future__ import annotations

import click

from web import serialize
from web.cli.common import (
    CliState,
    article_locale_arguments,
    as_option,
    domain_errors,
    emit,
    json_option,
    pass_state,
    user_id,
)
from workflow import services


@click.command()
@article_locale_arguments
@click.option("--to", "to", required=True, metavar="USER", help="Who gets the work.")
@click.option(
    "--key", "keys", multiple=True, metavar="KEY", help="A segment (repeatable); none: all."
)
@click.option(
    "--due", default=None, metavar="YYYY-MM-DDTHH:MM", help="Deadline (newsroom time, KST)."
)
@as_option
@json_option
@pass_state
def assign(
    state: CliState,
    ref: str,
    locale: str,
    to: str,
    keys: tuple[str, ...],
    due: str | None,
    as_user: str,
    as_json: bool,
) -> None:
    """Assign an article × locale, or some of its segments, to USER (editors)."""
    with domain_errors():
        made = services.assign_work(
            state.ctx,
            [ref],
            locale,
            to=to,
            keys=list(keys) or None,
            due=services.parse_due(due, field="--due"),
            user_id=user_id(state, as_user),
        )
    data = [serialize.assignment(a) for a in made]
    text = "\n".join(
        f"Assigned {a.slug} ({a.locale}) to {a.assignee}: "
        + (f"{len(a.keys)} segments" if a.keys else "the whole article")
        + (f", due {a.due.isoformat()}" if a.due else "")
        for a in made
    )
    emit(data, as_json, text)


@click.command()
@click.argument("user", metavar="USER")
@click.option("--unread", is_flag=True, help="Only what is not read yet.")
@json_option
@pass_state
def inbox(state: CliState, user: str, unread: bool, as_json: bool) -> None:
    """What USER was told: assignments, rejections, mentions, work ready for review."""
    with domain_errors():
        events = services.inbox_of(state.ctx, user, unread=unread)
    data = [serialize.inbox_event(e) for e in events]
    text = "\n".join(
        f"{' ' if d['read'] else '*'} {d['created_at']}  {d['kind']:<8} "
        f"{d['article'] or '-'} ({d['locale'] or '-'}) {d['key'] or ''}"
        f"  by {d['by'] or 'the system'}" + (f": {d['text']}" if d["text"] else "")
        for d in data
    )
    emit(data, as_json, text or "Nothing in the inbox.")


@click.command()
@article_locale_arguments
@click.option("--find", required=True, metavar="TEXT", help="The text to find.")
@click.option("--replace", "replacement", required=True, metavar="TEXT", help="Its replacement.")
@click.option("--case", is_flag=True, help="Match case.")
@click.option("--word", is_flag=True, help="Whole words only.")
@click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")
@as_option
@json_option
@pass_state
def replace(
    state: CliState,
    ref: str,
    locale: str,
    find: str,
    replacement: str,
    case: bool,
    word: bool,
    dry_run: bool,
    as_user: str,
    as_json: bool,
) -> None:
    """Replace TEXT in every translation of the article × locale the user may edit."""
    with domain_errors():
        r = services.replace_in_article(
            state.ctx,
            ref,
            locale,
            find,
            replacement,
            case=case,
            word=word,
            dry_run=dry_run,
            user_id=user_id(state, as_user),
        )
    verb = "Would change" if dry_run else "Changed"
    lines = [f"{verb} {len(r.changed)} segments"]
    lines += [f"  {c.key}: {c.before!r} -> {c.after!r}" for c in r.changed]
    lines += [f"skipped {s.key}: {s.reason}" for s in r.skipped]
    emit(serialize.replacement(r), as_json, "\n".join(lines))
