"""The translation memory on the command line: search, TMX import and export, pre-fill."""

from __future__ import annotations

from pathlib import Path

import click

from web import serialize
from web.cli.common import (
    CliState,
    article_locale_arguments,
    domain_errors,
    emit,
    json_option,
    optional_as_option,
    optional_user_id,
    output_option,
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
@output_option
@pass_state
def tm_export(state: CliState, output: Path) -> None:
    """Write the memory as TMX 1.4b."""
    with domain_errors(), open_atomic(output) as fh:
        n = services.tm_export(state.ctx, fh)
    click.echo(f"Wrote {n} units to {output}")


@tm.command("prefill")
@article_locale_arguments
@optional_as_option
@json_option
@pass_state
def tm_prefill(state: CliState, ref: str, locale: str, as_user: str | None, as_json: bool) -> None:
    """Fill EMPTY segments that have a 100 % match, as NEEDS_EDIT."""
    with domain_errors():
        uid = optional_user_id(state, as_user)
        n = services.tm_prefill(state.ctx, ref, locale, user_id=uid)
    emit({"filled": n}, as_json, f"{n} segments filled from the memory (needs edit)")


@tm.command("remove")
@click.argument("unit_ids", metavar="ID...", nargs=-1, type=int, required=True)
@json_option
@pass_state
def tm_remove(state: CliState, unit_ids: tuple[int, ...], as_json: bool) -> None:
    """Delete units; every worker of every server stops suggesting them within a second."""
    with domain_errors():
        removed = services.tm_remove(state.ctx, unit_ids)
    emit({"removed": removed}, as_json, f"Removed {len(removed)} units")


@tm.command("snapshot")
@click.option("--if-due", is_flag=True, help="Only when the newest snapshot is far behind.")
@json_option
@pass_state
def tm_snapshot(state: CliState, if_due: bool, as_json: bool) -> None:
    """Write a snapshot of the memory for this server's workers (the job worker does this
    every minute when due); they switch to it at their next lookup."""
    with domain_errors():
        info = services.build_snapshot(state.ctx, if_due=if_due)
    if info is None:
        emit({"snapshot": None}, as_json, "No snapshot written (not due, or another build runs)")
        return
    data = info.to_dict()
    emit(
        {"snapshot": data},
        as_json,
        f"Snapshot {info.version}: {info.units} units, {info.bytes / 2**20:.0f} MB in {info.path}",
    )


@tm.command("status")
@json_option
@pass_state
def tm_status(state: CliState, as_json: bool) -> None:
    """The memory's newest snapshot and what a process reads beyond it."""
    with domain_errors():
        data = services.memory_status(state.ctx)
    snap = data["newest_snapshot"]
    text = (
        f"{data['units']} units; snapshot {data['snapshot'] or 'none'}, "
        f"{data['tail_units']} in the tail" + (" (warming up)" if data["warming"] else "")
    )
    emit(data, as_json, text if snap else text + "; no snapshot yet")
