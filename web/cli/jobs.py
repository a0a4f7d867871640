"""Background jobs on the command line: batch machine translation, job status, the worker."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial

import click

from web.app import complete_publications
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
from workflow.jobs import BackgroundConsumer, JobProgress, JobState, make_consumer


@click.group()
def mt() -> None:
    """Machine translation: batch pre-translation as a job."""


@mt.command("pretranslate")
@click.argument("refs", nargs=-1, required=True, metavar="ID...")
@click.argument("locale")
@click.option("--provider", "provider_id", required=True, help="A configured provider id.")
@click.option("--wait", is_flag=True, help="Run the job here and show its progress.")
@optional_as_option
@json_option
@pass_state
def mt_pretranslate(
    state: CliState,
    refs: tuple[str, ...],
    locale: str,
    provider_id: str,
    wait: bool,
    as_user: str | None,
    as_json: bool,
) -> None:
    """Pre-translate the EMPTY segments of one article or many (NEEDS_EDIT, never approved)."""
    with domain_errors():
        ctx = state.ctx
        uid = optional_user_id(state, as_user)
        submit = partial(services.submit_pretranslate, ctx, refs, locale, provider_id, user_id=uid)
        ran = queue_or_wait(ctx, submit, wait=wait, as_json=as_json)
    if ran is None:
        return
    job, progress = ran
    emit(
        progress.to_dict(), as_json, f"Job {job}: {progress.state.value}, {progress.message or ''}"
    )
    if progress.state is not JobState.DONE:
        raise click.exceptions.Exit(1)


def queue_or_wait(
    ctx: services.Context, submit: Callable[[], str], *, wait: bool, as_json: bool
) -> tuple[str, JobProgress] | None:
    """Submit a job: queued (its id printed, None returned), or with ``--wait`` run here
    with its progress shown, returning the job and how it ended."""
    if not wait:
        job = submit()
        emit({"job": job, "state": "queued"}, as_json, f"Queued job {job}")
        return None
    with BackgroundConsumer(ctx.mt.huey):
        job = submit()
        return job, follow(ctx, job, show=not as_json)


def follow(ctx: services.Context, job: str, *, show: bool) -> JobProgress:
    """Poll a job until it ends, drawing a progress bar on stderr."""
    while True:
        progress = services.job_progress(ctx, job)
        if show:
            width = 30
            filled = int(width * progress.percent / 100)
            bar = "#" * filled + "-" * (width - filled)
            click.echo(
                f"\r[{bar}] {progress.done}/{progress.total} {progress.state.value}",
                nl=False,
                err=True,
            )
        if progress.finished:
            if show:
                click.echo("", err=True)
            return progress
        time.sleep(0.2)


@click.group()
def jobs() -> None:
    """Background jobs: status and cancel."""


@jobs.command("status")
@click.argument("job")
@json_option
@pass_state
def jobs_status(state: CliState, job: str, as_json: bool) -> None:
    """Show a job's progress."""
    with domain_errors():
        p = services.job_progress(state.ctx, job)
    emit(p.to_dict(), as_json, f"{p.state.value} {p.done}/{p.total} {p.message or ''}")


@jobs.command("cancel")
@click.argument("job")
@pass_state
def jobs_cancel(state: CliState, job: str) -> None:
    """Cancel a job; it stops after the segment at hand."""
    with domain_errors():
        p = services.cancel_job(state.ctx, job)
    click.echo(f"{job}: {p.state.value}")


@click.command()
@pass_state
def worker(state: CliState) -> None:
    """Run the job worker (batch machine translation, webhooks, publications) until interrupted.

    First completes the publications a killed process left pending; then every minute.
    """
    with domain_errors():
        complete_publications(state.ctx)
        make_consumer(state.ctx.mt.huey).run()
