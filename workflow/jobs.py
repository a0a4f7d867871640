"""Background jobs on huey: the queue factory, progress, cancel, and the pre-translation task.

Storage is SQLite (``<instance>/jobs.sqlite3``) by default and Redis when a URL is given. The
queue is named ``transdesk``. Nothing is created at import: :func:`make_huey` builds the queue,
:func:`register_tasks` adds the tasks to it, :func:`make_consumer` builds the worker.

Progress and the cancel flag live in huey's key-value store (``huey.put``), so the browser, the
CLI and the worker see the same values on both storages. A task checks the flag between items
(:meth:`JobContext.checkpoint`); a job cancelled before it starts is also revoked, so the worker
skips it.

Task arguments are ids only (provider id, article ids, locale, the requesting user): never
API keys, never text.
The worker builds its providers from its own environment.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any, cast

from huey import RedisHuey, SqliteHuey, crontab
from huey.consumer import Consumer

from workflow.errors import Message, WorkflowError

__all__ = [
    "CONSUMER_OPTIONS",
    "QUEUE_NAME",
    "ArchiveJob",
    "ArchiveTasks",
    "BackgroundConsumer",
    "JobCancelled",
    "JobContext",
    "JobProgress",
    "JobState",
    "PretranslateJob",
    "PretranslateTasks",
    "cancel",
    "close_huey",
    "forget",
    "is_cancelled",
    "make_consumer",
    "make_huey",
    "read_progress",
    "register_archive_task",
    "register_mail_task",
    "register_memory_tasks",
    "register_publication_task",
    "register_tasks",
    "report_progress",
]

logger = logging.getLogger("workflow.jobs")

QUEUE_NAME = "transdesk"

#: Consumer settings: threads, and polling of an idle SQLite queue capped at 1 s (huey's default
#: backs off to 10 s, so a job could wait that long to start). The same as
#: ``huey_consumer -w 2 -k thread -d 0.1 -b 1.15 -m 1.0 -n``. ``transdesk worker`` also runs
#: the periodic tasks (:func:`make_consumer`); the in-process consumers of the development
#: server and of tests do not.
CONSUMER_OPTIONS: dict[str, Any] = {
    "workers": 2,
    "worker_type": "thread",
    "initial_delay": 0.1,
    "backoff": 1.15,
    "max_delay": 1.0,
    "periodic": False,
}


def make_huey(
    instance: Path,
    *,
    redis_url: str | None = None,
    name: str = QUEUE_NAME,
    immediate: bool = False,
) -> Any:
    """A huey instance: Redis when ``redis_url`` is set, else SQLite in the instance folder.

    ``immediate=True`` runs tasks synchronously in memory (tests, demos without a worker).
    Release it with :func:`close_huey`.
    """
    if redis_url:
        return RedisHuey(name=name, url=redis_url, immediate=immediate, utc=True)
    instance.mkdir(parents=True, exist_ok=True)
    return SqliteHuey(
        name=name, filename=str(instance / "jobs.sqlite3"), immediate=immediate, utc=True
    )


def make_consumer(huey: Any, **overrides: Any) -> Any:
    """A huey consumer with :data:`CONSUMER_OPTIONS` and the periodic tasks; ``.run()`` it in
    ``transdesk worker``."""
    return huey.create_consumer(**{**CONSUMER_OPTIONS, "periodic": True, **overrides})


def close_huey(huey: Any) -> None:
    """Close the storage's connections (the SQLite file, the Redis pool)."""
    huey.storage.close()
    pool = getattr(huey.storage, "pool", None)
    if pool is not None:
        huey.storage.conn.close()
        pool.disconnect()


class _QuietConsumer(Consumer):  # type: ignore[misc]
    def _set_signal_handlers(self) -> None:
        """Leave the host process's signal handlers alone."""


class BackgroundConsumer:
    """Worker threads inside this process (development server, tests); no signal handlers."""

    def __init__(self, huey: Any, **overrides: Any) -> None:
        self._consumer = _QuietConsumer(huey, **{**CONSUMER_OPTIONS, **overrides})

    def start(self) -> BackgroundConsumer:
        self._consumer.start()
        return self

    def stop(self) -> None:
        """Stop after the tasks at hand are finished."""
        self._consumer.stop(graceful=True)

    def __enter__(self) -> BackgroundConsumer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class JobState(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


FINISHED = frozenset({JobState.DONE, JobState.FAILED, JobState.CANCELLED})


@dataclass(frozen=True)
class JobProgress:
    """Where a job is: ``done`` of ``total`` items, ``failed`` of them failed, a message."""

    job_id: str
    state: JobState
    done: int = 0
    total: int = 0
    failed: int = 0
    message: str = ""
    updated_at: datetime | None = None

    @property
    def finished(self) -> bool:
        return self.state in FINISHED

    @property
    def percent(self) -> int:
        """0–100 for a progress bar; 100 once finished."""
        if self.finished:
            return 100
        return min(100, self.done * 100 // self.total) if self.total else 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, for the browser's progress bar."""
        return {
            "job_id": self.job_id,
            "state": self.state.value,
            "done": self.done,
            "total": self.total,
            "failed": self.failed,
            "message": self.message,
            "percent": self.percent,
            "finished": self.finished,
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> JobProgress:
        updated = data.get("updated_at")
        return cls(
            job_id=data["job_id"],
            state=JobState(data["state"]),
            done=int(data.get("done", 0)),
            total=int(data.get("total", 0)),
            failed=int(data.get("failed", 0)),
            message=str(data.get("message", "")),
            updated_at=datetime.fromisoformat(updated) if updated else None,
        )


def _progress_key(job_id: str) -> str:
    return f"transdesk:progress:{job_id}"


def _cancel_key(job_id: str) -> str:
    return f"transdesk:cancel:{job_id}"


def _write(huey: Any, progress: JobProgress) -> JobProgress:
    progress = replace(progress, updated_at=datetime.now(UTC))
    huey.put(_progress_key(progress.job_id), progress.to_dict())
    return progress


def report_progress(
    huey: Any,
    job_id: str,
    done: int,
    total: int,
    message: str = "",
    *,
    failed: int = 0,
    state: JobState = JobState.RUNNING,
) -> JobProgress:
    """Store a job's progress (the last write wins)."""
    return _write(huey, JobProgress(job_id, state, done, total, failed, message))


def read_progress(huey: Any, job_id: str) -> JobProgress | None:
    """The job's last progress, or ``None`` for an unknown (or forgotten) job."""
    data = huey.get(_progress_key(job_id), peek=True)
    return JobProgress.from_dict(data) if data else None


def is_cancelled(huey: Any, job_id: str) -> bool:
    return bool(huey.get(_cancel_key(job_id), peek=True))


def cancel(huey: Any, job_id: str) -> bool:
    """Ask a job to stop; ``False`` when it is unknown or already finished.

    A queued job is revoked and marked cancelled at once; a running one stops at its next
    checkpoint, keeping the work done so far.
    """
    progress = read_progress(huey, job_id)
    if progress is None or progress.finished:
        return False
    huey.put(_cancel_key(job_id), True)
    huey.revoke_by_id(job_id, revoke_once=True)
    if progress.state is JobState.QUEUED:
        _write(huey, replace(progress, state=JobState.CANCELLED, message=Message("cancelled")))
    return True


def forget(huey: Any, job_id: str) -> None:
    """Drop a finished job's progress and flag from the store."""
    huey.delete(_progress_key(job_id))
    huey.delete(_cancel_key(job_id))


class JobCancelled(Exception):
    """Raised by :meth:`JobContext.checkpoint` to unwind a cancelled job; the task catches it."""


@dataclass(frozen=True)
class JobContext:
    """What a running job may do: report progress and learn that it was cancelled."""

    huey: Any
    job_id: str

    def report(self, done: int, total: int, message: str = "", *, failed: int = 0) -> None:
        report_progress(self.huey, self.job_id, done, total, message, failed=failed)

    def cancelled(self) -> bool:
        return is_cancelled(self.huey, self.job_id)

    def checkpoint(self, done: int, total: int, message: str = "", *, failed: int = 0) -> None:
        """Report progress, then raise :class:`JobCancelled` if the job was cancelled."""
        self.report(done, total, message, failed=failed)
        if self.cancelled():
            raise JobCancelled


@dataclass(frozen=True)
class PretranslateJob:
    """Pre-translate these articles into ``locale`` with the provider ``provider_id``;
    ``requested_by`` is the user who started it (None: the system)."""

    provider_id: str
    article_ids: tuple[int, ...]
    locale: str
    requested_by: int | None = None


RunPretranslate = Callable[[PretranslateJob, JobContext], None]


@dataclass(frozen=True)
class PretranslateTasks:
    """The registered pre-translation task and how to submit it."""

    huey: Any
    task: Any

    def submit(
        self,
        provider_id: str,
        article_ids: Iterable[int],
        locale: str,
        *,
        requested_by: int | None = None,
    ) -> str:
        """Queue a pre-translation; returns the job id (progress is ``queued`` already)."""
        ids = [int(i) for i in article_ids]
        if not ids:
            raise ValueError("no article to pre-translate")
        args: tuple[Any, ...] = (str(provider_id), ids, str(locale))
        if requested_by is not None:
            args += (int(requested_by),)
        message = self.task.s(*args)
        _write(
            self.huey, JobProgress(message.id, JobState.QUEUED, total=0, message=Message("queued"))
        )
        self.huey.enqueue(message)
        return str(message.id)


def register_tasks(huey: Any, run_pretranslate: RunPretranslate) -> PretranslateTasks:
    """Add the pre-translation task to ``huey``; ``run_pretranslate`` does the work.

    ``run_pretranslate(job, ctx)`` should call ``ctx.checkpoint(done, total, message,
    failed=...)`` after each segment. Its outcome becomes the job's final state: returns →
    ``done``; :class:`JobCancelled` → ``cancelled``; a ``WorkflowError`` → ``failed`` with its
    message; anything else → ``failed`` ("internal error"), logged and re-raised for huey.
    """

    @huey.task(name="transdesk.pretranslate", context=True)  # type: ignore[untyped-decorator]
    def pretranslate(
        provider_id: str,
        article_ids: Sequence[int],
        locale: str,
        requested_by: int | None = None,
        task: Any = None,
    ) -> None:
        job = PretranslateJob(provider_id, tuple(article_ids), locale, requested_by)
        _run(huey, str(task.id), lambda ctx: run_pretranslate(job, ctx))

    return PretranslateTasks(huey, pretranslate)


@dataclass(frozen=True)
class ArchiveJob:
    """Import the archive in two folders (paths on the server) onto ``desk``."""

    ko_dir: str
    en_dir: str
    desk: str = "news"
    review: bool = False
    requested_by: int | None = None


RunArchive = Callable[[ArchiveJob, JobContext], None]


@dataclass(frozen=True)
class ArchiveTasks:
    """The registered archive-import task and how to submit it."""

    huey: Any
    task: Any

    def submit(self, job: ArchiveJob) -> str:
        """Queue an archive import; returns the job id (progress is ``queued`` already)."""
        message = self.task.s(job.ko_dir, job.en_dir, job.desk, job.review, job.requested_by)
        _write(self.huey, JobProgress(message.id, JobState.QUEUED, total=0, message="queued"))
        self.huey.enqueue(message)
        return str(message.id)


def register_archive_task(huey: Any, run: RunArchive) -> ArchiveTasks:
    """Add the archive-import task; its outcome becomes the job's state as for
    :func:`register_tasks`."""

    @huey.task(name="transdesk.archive_import", context=True)  # type: ignore[untyped-decorator]
    def archive_import(
        ko_dir: str,
        en_dir: str,
        desk: str,
        review: bool,
        requested_by: int | None = None,
        task: Any = None,
    ) -> None:
        job = ArchiveJob(ko_dir, en_dir, desk, review, requested_by)
        _run(huey, str(task.id), lambda ctx: run(job, ctx))

    return ArchiveTasks(huey, archive_import)


#: A failed webhook delivery is tried again this many times, this many seconds apart.
WEBHOOK_RETRIES = 5
WEBHOOK_RETRY_DELAY = 60


def _retrying_task(
    huey: Any, name: str, work: Callable[[int], object], retries: int, delay: int
) -> Callable[[int], Any]:
    """A task running ``work(id)``; an exception has huey try again ``retries`` times."""

    @huey.task(name=name, retries=retries, retry_delay=delay)  # type: ignore[untyped-decorator]
    def run(item_id: int) -> None:
        work(item_id)

    return cast(Callable[[int], Any], run)


def register_webhook_task(huey: Any, deliver: Callable[[int], object]) -> Callable[[int], Any]:
    """Add the webhook-delivery task: ``deliver(id)`` raises to have huey try again."""
    return _retrying_task(huey, "transdesk.webhook", deliver, WEBHOOK_RETRIES, WEBHOOK_RETRY_DELAY)


#: An inbox e-mail that could not be handed to the SMTP server is tried again (the event
#: may also not be committed yet when the worker first looks).
MAIL_RETRIES = 3
MAIL_RETRY_DELAY = 5


def register_mail_task(huey: Any, send: Callable[[int], object]) -> Callable[[int], Any]:
    """Add the inbox e-mail task: ``send(event_id)`` raises to have huey try again."""
    return _retrying_task(huey, "transdesk.mail", send, MAIL_RETRIES, MAIL_RETRY_DELAY)


#: How often the worker completes publications whose files a killed process did not write.
PUBLICATION_SWEEP = crontab(minute="*")


def register_publication_task(huey: Any, complete: Callable[[], object]) -> Any:
    """Add the periodic task that calls ``complete()`` every minute (``transdesk worker``).

    ``complete`` must be idempotent: with several workers each may run it.
    """

    @huey.periodic_task(PUBLICATION_SWEEP, name="transdesk.publications")  # type: ignore[untyped-decorator]
    def complete_publications() -> None:
        complete()

    return complete_publications


#: How often the worker looks whether the memory needs a new snapshot (a cheap count).
MEMORY_SNAPSHOT_CHECK = crontab(minute="*")


def register_memory_tasks(huey: Any, build: Callable[[bool], object]) -> Callable[[], Any]:
    """Add the memory's snapshot tasks; returns the function that enqueues a build.

    ``build(if_due)`` writes a snapshot (``if_due``: only when the newest is missing or far
    behind the store). The periodic task (every minute, ``transdesk worker``) calls
    ``build(True)``; the enqueued task (after a large import, or asked by a process whose
    tail grew long) ``build(True)`` as well, so a burst of requests builds once. A build
    that finds another one running returns at once (a lock in the memory folder).
    """

    @huey.periodic_task(MEMORY_SNAPSHOT_CHECK, name="transdesk.memory.check")  # type: ignore[untyped-decorator]
    def check_memory_snapshot() -> None:
        build(True)

    @huey.task(name="transdesk.memory.snapshot")  # type: ignore[untyped-decorator]
    def build_memory_snapshot() -> None:
        build(True)

    return cast(Callable[[], Any], build_memory_snapshot)


def _run(huey: Any, job_id: str, work: Callable[[JobContext], None]) -> None:
    ctx = JobContext(huey, job_id)
    if ctx.cancelled():
        _finish(huey, job_id, JobState.CANCELLED, Message("cancelled"))
        return
    report_progress(huey, job_id, 0, 0, Message("started"))
    try:
        work(ctx)
    except JobCancelled:
        _finish(huey, job_id, JobState.CANCELLED, Message("cancelled"))
    except WorkflowError as exc:
        _finish(huey, job_id, JobState.FAILED, exc.message)
    except Exception:
        _finish(huey, job_id, JobState.FAILED, Message("internal error; see the worker's log"))
        raise
    else:
        _finish(huey, job_id, JobState.DONE, None)


def _finish(huey: Any, job_id: str, state: JobState, message: str | None) -> None:
    last = read_progress(huey, job_id) or JobProgress(job_id, state)
    done = last.total if state is JobState.DONE and last.total else last.done
    _write(huey, replace(last, state=state, done=done, message=message or last.message))
    huey.delete(_cancel_key(job_id))
    huey.restore_by_id(job_id)  # drop a revocation that came too late to matter
