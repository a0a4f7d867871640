"""Catalogs and bundles on the command line: PO/XLIFF export and three-way import, zip bundles."""

from __future__ import annotations

from pathlib import Path

import click

from web.cli.common import (
    CliState,
    article_locale_arguments,
    as_option,
    domain_errors,
    emit,
    json_option,
    optional_output_option,
    output_option,
    pass_state,
    read_input,
    user_id,
    write_or_print,
)
from workflow import services
from workflow.files import write_atomic


@click.group()
def catalogs() -> None:
    """Export PO catalogs."""


@catalogs.command("export")
@article_locale_arguments
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["po", "xliff2", "xliff12"]),
    default="po",
    show_default=True,
)
@optional_output_option
@pass_state
def catalogs_export(state: CliState, ref: str, locale: str, fmt: str, output: Path | None) -> None:
    """Write the catalog (PO or XLIFF) to FILE, or to stdout."""
    with domain_errors():
        export = services.export_catalog_as(state.ctx, ref, locale, fmt)
        write_or_print(export.data, output)


@catalogs.command("import")
@article_locale_arguments
@click.argument("file")
@click.option("--format", "fmt", type=click.Choice(["po", "xliff2", "xliff12"]), default=None)
@as_option
@json_option
@pass_state
def catalogs_import(
    state: CliState, ref: str, locale: str, file: str, fmt: str | None, as_user: str, as_json: bool
) -> None:
    """Merge an edited catalog (PO or XLIFF) into the article × locale (three-way)."""
    with domain_errors():
        data, source = read_input(file)
        result = services.import_catalog(
            state.ctx, ref, locale, data, source=source, user_id=user_id(state, as_user), fmt=fmt
        )
    report = result.report.as_dict()
    text = (
        f"{report['applied']} applied, {report['unchanged']} unchanged, "
        f"{len(report['conflicts'])} conflicts, {len(report['unknown'])} unknown"
        + "".join(
            f"\nconflict {c['key']}: server {c['server']!r} / upload {c['upload']!r}"
            for c in report["conflicts"]
        )
    )
    emit(report, as_json, text)


@click.group()
def bundles() -> None:
    """Export published bundles."""


@bundles.command("export")
@article_locale_arguments
@output_option
@pass_state
def bundles_export(state: CliState, ref: str, locale: str, output: Path) -> None:
    """Write the zip bundle of a published article × locale."""
    with domain_errors():
        export = services.export_bundle(state.ctx, ref, locale)
        write_atomic(output, export.data)
    click.echo(f"Wrote {output} ({len(export.data)} bytes)")
