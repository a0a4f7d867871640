"""The term base on the command line: import, export, list."""

from __future__ import annotations

from pathlib import Path

import click

from web import serialize
from web.cli.common import (
    CliState,
    domain_errors,
    emit,
    json_option,
    optional_output_option,
    pass_state,
    read_input,
    write_or_print,
)
from workflow import services


@click.group()
def glossary() -> None:
    """The term base: import, export, list."""


@glossary.command("import")
@click.argument("file")
@click.option("--format", "fmt", type=click.Choice(["csv", "tbx"]), default=None)
@json_option
@pass_state
def glossary_import(state: CliState, file: str, fmt: str | None, as_json: bool) -> None:
    """Import terms from CSV or TBX (a term with the same source is replaced)."""
    with domain_errors():
        data, source = read_input(file)
        r = services.import_terms(state.ctx, data, source=source, fmt=fmt)
    emit(serialize.glossary_import(r), as_json, f"{r.added} added, {r.updated} updated")


@glossary.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "tbx"]), default="csv")
@optional_output_option
@pass_state
def glossary_export(state: CliState, fmt: str, output: Path | None) -> None:
    """Write the term base as CSV or TBX to FILE, or to stdout."""
    with domain_errors():
        export = services.export_terms(state.ctx, fmt)
        write_or_print(export.data, output)


@glossary.command("list")
@json_option
@pass_state
def glossary_list(state: CliState, as_json: bool) -> None:
    """List the terms."""
    with domain_errors():
        terms = services.list_terms(state.ctx)
    data = [serialize.term(i, t) for i, t in terms]
    emit(data, as_json, "\n".join(f"{d['source']} → {d['target']}" for d in data) or "No terms.")
