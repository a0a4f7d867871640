"""The bilingual archive on the command line: pair folders of originals and translations;
and the day's edition out."""

from __future__ import annotations

import json
from datetime import datetime
from functools import partial
from pathlib import Path

import click

from web.cli.common import (
    CliState,
    domain_errors,
    emit,
    format_option,
    json_option,
    optional_as_option,
    optional_user_id,
    output_option,
    pass_state,
)
from web.cli.jobs import queue_or_wait
from workflow import services
from workflow.archive.pairing import DEFAULT_THRESHOLD
from workflow.files import write_atomic
from workflow.jobs import JobState


@click.group()
def archive() -> None:
    """Pair and import an archive of Korean originals and their English translations."""


_folder = click.Path(file_okay=False, dir_okay=True, path_type=Path)


@archive.command("pair")
@click.option("--ko", "ko_dir", required=True, type=_folder, help="Folder of Korean originals.")
@click.option("--en", "en_dir", required=True, type=_folder, help="Folder of English articles.")
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=DEFAULT_THRESHOLD,
    show_default=True,
    help="Leave both files alone below this confidence.",
)
@format_option
@json_option
@pass_state
def archive_pair(
    state: CliState,
    ko_dir: Path,
    en_dir: Path,
    threshold: float,
    fmt: str | None,
    as_json: bool,
) -> None:
    """Decide which English article translates which Korean one (nothing is stored).

    With --json: one JSON object a line, {"ko", "en", "confidence"} per pair, then
    {"ko": FILE, "en": null} and {"ko": null, "en": FILE} for the files left alone.
    Files that cannot be read are named on stderr and skipped.
    """
    with domain_errors():
        result = services.pair_folders(state.ctx, ko_dir, en_dir, format=fmt, threshold=threshold)
    for problem in result.problems:
        click.echo(f"Skipped {problem.message}", err=True)
    rows: list[dict[str, object]] = [
        {"ko": p.ko, "en": p.en, "confidence": p.confidence} for p in result.pairs
    ]
    rows += [{"ko": name, "en": None} for name in result.ko_alone]
    rows += [{"ko": None, "en": name} for name in result.en_alone]
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    for p in result.pairs:
        click.echo(f"{p.ko}\t{p.en}\t{p.confidence:.3f}\t{p.method}")
    for name in result.ko_alone:
        click.echo(f"{name}\t-\t(no translation found)")
    for name in result.en_alone:
        click.echo(f"-\t{name}\t(no original found)")
    click.echo(
        f"{len(result.pairs)} pairs; {len(result.ko_alone)} Korean and"
        f" {len(result.en_alone)} English files alone; {len(result.problems)} skipped",
        err=True,
    )


@archive.command("import")
@click.option("--ko", "ko_dir", required=True, type=_folder, help="Folder of Korean originals.")
@click.option("--en", "en_dir", required=True, type=_folder, help="Folder of English articles.")
@click.option("--desk", default="news", show_default=True, help="The desk that owns them.")
@click.option(
    "--review",
    is_flag=True,
    help="Pair each translation for review (TRANSLATED) instead of only filling the memory.",
)
@click.option("--wait", is_flag=True, help="Run the job here and show its progress.")
@optional_as_option
@json_option
@pass_state
def archive_import(
    state: CliState,
    ko_dir: Path,
    en_dir: Path,
    desk: str,
    review: bool,
    wait: bool,
    as_user: str | None,
    as_json: bool,
) -> None:
    """Pair the folders, import every paired original, align it with its translation and
    fill the translation memory (origin "aligned"), as a job. Running it again on the same
    files adds nothing."""
    with domain_errors():
        ctx = state.ctx
        uid = optional_user_id(state, as_user)
        options = {"desk": desk, "review": review, "user_id": uid}
        submit = partial(services.submit_archive_import, ctx, ko_dir, en_dir, **options)
        ran = queue_or_wait(ctx, submit, wait=wait, as_json=as_json)
    if ran is None:
        return
    job, progress = ran
    try:
        summary = json.loads(progress.message)
    except ValueError:
        summary = {"message": progress.message}
    out = {"job": job, "state": progress.state.value, **summary}
    text = f"Job {job}: {progress.state.value}; " + ", ".join(
        f"{k} {len(v) if isinstance(v, list) else v}" for k, v in summary.items()
    )
    emit(out, as_json, text)
    for failure in summary.get("failed", []) if isinstance(summary, dict) else []:
        click.echo(f"Failed {failure}", err=True)
    if progress.state is not JobState.DONE:
        raise click.exceptions.Exit(1)


@click.group()
def edition() -> None:
    """The day's edition: every published bundle of a day in one zip."""


@edition.command("export")
@click.argument("refs", metavar="[ID]...", nargs=-1)
@click.option("--locale", required=True, help="The edition's language (en).")
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The day (KST) whose articles make the edition; or give article ids.",
)
@output_option
@json_option
@pass_state
def edition_export(
    state: CliState,
    refs: tuple[str, ...],
    locale: str,
    day: datetime | None,
    output: Path,
    as_json: bool,
) -> None:
    """Write one zip with every published bundle of a day (or of the articles named), an
    index.json and an index.html; unpublished articles are listed in the index as missing."""
    with domain_errors():
        export = services.export_edition(
            state.ctx, locale, day=day.date() if day else None, refs=refs
        )
        write_atomic(output, export.data)
    summary = {
        "output": str(output),
        "bytes": len(export.data),
        "published": export.published,
        "missing": list(export.missing),
    }
    missing = ", ".join(export.missing) or "none"
    emit(
        summary,
        as_json,
        f"Wrote {output} ({len(export.data)} bytes): {export.published} published,"
        f" missing: {missing}",
    )
