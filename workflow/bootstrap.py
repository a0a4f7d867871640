"""Building a desk: every collaborator wired for the settings, the job task bound."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from workflow.checks import default_checks
from workflow.export import default_exporters
from workflow.importers import default_importers
from workflow.jobs import (
    JobContext,
    PretranslateJob,
    make_huey,
    register_archive_task,
    register_mail_task,
    register_memory_tasks,
    register_publication_task,
    register_webhook_task,
)
from workflow.memory.cache import MemoryIndex
from workflow.services.archive_import import run_archive_job
from workflow.services.context import Context, MtRuntime, utc_now
from workflow.services.mail import send_event_mail
from workflow.services.memory import build_snapshot
from workflow.services.mt import run_pretranslate
from workflow.services.publications import complete_pending
from workflow.services.webhooks import deliver
from workflow.settings import Settings
from workflow.store import Database


def build_context(settings: Settings, *, clock: Callable[[], datetime] = utc_now) -> Context:
    """Everything wired for ``settings``; opens no database connection yet."""
    ctx = Context(
        db=Database(settings.database_url),
        settings=settings,
        importers=default_importers(),
        exporters=default_exporters(generator=settings.generator),
        checks=default_checks(),
        mt=MtRuntime(
            huey=make_huey(
                settings.instance, redis_url=settings.redis_url, name=settings.queue_name
            )
        ),
        clock=clock,
        memory=MemoryIndex(directory=settings.instance / "memory"),
    )
    ctx.mt.bind(lambda job, job_ctx: _run(ctx, job, job_ctx))
    ctx.mt.webhook_task = register_webhook_task(ctx.mt.huey, lambda i: deliver(ctx, i))
    ctx.mt.mail_task = register_mail_task(ctx.mt.huey, lambda i: send_event_mail(ctx, i))
    register_publication_task(ctx.mt.huey, lambda: complete_pending(ctx))
    ctx.mt.archive_tasks = register_archive_task(
        ctx.mt.huey, lambda job, job_ctx: run_archive_job(ctx, job, job_ctx)
    )
    ctx.mt.snapshot_task = register_memory_tasks(
        ctx.mt.huey, lambda if_due: build_snapshot(ctx, if_due=if_due)
    )
    ctx.memory.want_snapshot = ctx.mt.snapshot_task
    return ctx


def _run(ctx: Context, job: PretranslateJob, job_ctx: JobContext) -> None:
    run_pretranslate(ctx, job, job_ctx)
