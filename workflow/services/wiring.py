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
    register_publication_task,
    register_webhook_task,
)
from workflow.services.desk import Desk, MtRuntime, utc_now
from workflow.services.mt import run_pretranslate
from workflow.services.publications import complete_pending
from workflow.services.webhooks import deliver
from workflow.settings import Settings
from workflow.store import Database


def build_desk(settings: Settings, *, clock: Callable[[], datetime] = utc_now) -> Desk:
    """Everything wired for ``settings``; opens no database connection yet."""
    desk = Desk(
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
    )
    desk.mt.bind(lambda job, ctx: _run(desk, job, ctx))
    desk.mt.webhook_task = register_webhook_task(desk.mt.huey, lambda i: deliver(desk, i))
    register_publication_task(desk.mt.huey, lambda: complete_pending(desk))
    return desk


def _run(desk: Desk, job: PretranslateJob, ctx: JobContext) -> None:
    run_pretranslate(desk, job, ctx)
