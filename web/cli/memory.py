"""The translation memory on the command line: search, TMX import and export, pre-fill."""

from __future__ import annotations

from pathlib import Path

import click

from web import serialize
from web.cli.common import (
    CliState,
    domain_errors,
    emit,
    json_option,
    optional_as_option,
    optional_user_id,
    pass_state,
)
from workflow import services
from workflow.files import open_atomic


@click.group()
def tm() -> None:
    """The translation memory: search, TMX import and export, pre-fill."""


@tm.command("search")
@click.argument("text")
@click.option("--locale", default=None, help="Target locale of the units.")
@json_option
@pass_state
def tm_search(state: CliState, text: str, locale: str | None, as_json: bool) -> None:
    """Fuzzy and concordance search, best first, over every desk (never an embargoed
    article's units)."""
    with domain_errors():
        hits = services.tm_search(state.ctx, text, locale=locale)
    data = [serialize.tm_hit(h) for h in hits]
    lines = [
        f"{d['score']:>5.1f}  {d['source']}\n       → {d['target']}  ({d['origin']})" for d in data
    ]
    emit(data, as_json, "\n".join(lines) or "No match.")


@tm.command("import")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option(
    "--desk",
    "desk_name",
    default="news",
    show_default=True,
    help="The desk whose members get the units as suggestions.",
)
@json_option
@pass_state
def tm_import(state: CliState, file: Path, desk_name: str, as_json: bool) -> None:
    """Import a TMX 1.4b file (streamed) onto a desk."""
    with domain_errors(), file.open("rb") as fh:
        n = services.tm_import(state.ctx, fh, source=file.name, desk_name=desk_name)
    emit({"imported": n}, as_json, f"Imported {n} units")


@tm.command("export")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@pass_state
def tm_export(state: CliState, output: Path) -> None:
    """Write the memory as TMX 1.4b."""
    with domain_errors(), open_atomic(output) as fh:
        n = services.tm_export(state.ctx, fh)
    click.echo(f"Wrote {n} units to {output}")


@tm.command("prefill")
@click.argument("ref", metavar="ID")
@click.argument("locale")
@optional_as_option
@json_option
@pass_state
def tm_prefill(state: CliState, ref: str, locale: str, as_user: str | None, as_json: bool) -> None:
    """Fill EMPTY segments that have a 100 % match, as NEEDS_EDIT."""
    with domain_errors():
        uid = optional_user_id(state, as_user)
        n = services.tm_prefill(state.ctx, ref, locale, user_id=uid)
    emit({"filled": n}, as_json, f"{n} segments filled from the memory (needs edit)")
