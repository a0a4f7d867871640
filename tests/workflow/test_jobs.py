"""Jobs on huey: immediate mode, and a real consumer on SQLite and on Redis."""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import redis

from workflow.errors import NotFound
from workflow.jobs import (
    CONSUMER_OPTIONS,
    BackgroundConsumer,
    JobContext,
    JobProgress,
    JobState,
    PretranslateJob,
    cancel,
    close_huey,
    forget,
    make_consumer,
    make_huey,
    read_progress,
    register_tasks,
)

REDIS_URL = os.environ.get("TRANSDESK_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_or_skip() -> None:
    try:
        client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
        try:
            client.ping()
        finally:
            client.close()
    except redis.RedisError:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis at {REDIS_URL} is required on CI and is not reachable")
        pytest.skip(f"Redis at {REDIS_URL} not reachable")


@pytest.fixture(params=["sqlite", "redis"])
def huey(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """A fresh queue of its own on each storage."""
    redis_url = None
    if request.param == "redis":
        _redis_or_skip()
        redis_url = REDIS_URL
    h = make_huey(tmp_path / "instance", redis_url=redis_url, name=f"td_{uuid.uuid4().hex[:10]}")
    yield h
    h.storage.flush_all()
    close_huey(h)


class Recorder:
    """A ``run_pretranslate`` that walks ``total`` items, reporting after each one."""

    def __init__(self, total: int = 3, pause: float = 0.0) -> None:
        self.total, self.pause = total, pause
        self.jobs: list[PretranslateJob] = []
        self.started = threading.Event()

    def __call__(self, job: PretranslateJob, ctx: JobContext) -> None:
        self.jobs.append(job)
        self.started.set()
        for done in range(1, self.total + 1):
            time.sleep(self.pause)
            ctx.checkpoint(done, self.total, f"segment {done}", failed=done // 3)


def wait_for(huey: Any, job_id: str, test: Callable[[JobProgress], bool]) -> JobProgress:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        progress = read_progress(huey, job_id)
        if progress is not None and test(progress):
            return progress
        time.sleep(0.02)
    raise AssertionError(f"job {job_id}: {read_progress(huey, job_id)}")


def test_immediate_mode_runs_at_submit(tmp_path: Path) -> None:
    h = make_huey(tmp_path, immediate=True)
    run = Recorder(total=3)
    tasks = register_tasks(h, run)
    job_id = tasks.submit("deepl", [7, 8], "en")
    assert run.jobs == [PretranslateJob("deepl", (7, 8), "en")]
    progress = read_progress(h, job_id)
    assert progress is not None
    assert (progress.state, progress.done, progress.total, progress.failed) == (
        JobState.DONE,
        3,
        3,
        1,
    )
    assert progress.to_dict()["percent"] == 100
    close_huey(h)


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (NotFound("article 7 not found"), "article 7 not found"),
        (RuntimeError("boom with sk-secret"), "internal error; see the worker's log"),
    ],
)
def test_a_failing_job_says_what_failed(tmp_path: Path, error: Exception, message: str) -> None:
    h = make_huey(tmp_path, immediate=True)

    def run(job: PretranslateJob, ctx: JobContext) -> None:
        ctx.checkpoint(1, 4, "segment 1")
        raise error

    job_id = register_tasks(h, run).submit("deepl", [7], "en")
    progress = read_progress(h, job_id)
    assert progress is not None
    assert (progress.state, progress.done, progress.total) == (JobState.FAILED, 1, 4)
    assert progress.message == message
    close_huey(h)


def test_consumer_runs_a_job_with_progress(huey: Any) -> None:
    run = Recorder(total=4, pause=0.01)
    tasks = register_tasks(huey, run)
    with BackgroundConsumer(huey, workers=1):
        job_id = tasks.submit("libretranslate", [1, 2, 3], "en")
        seen = wait_for(huey, job_id, lambda p: p.finished)
    assert (seen.state, seen.done, seen.total) == (JobState.DONE, 4, 4)
    assert run.jobs == [PretranslateJob("libretranslate", (1, 2, 3), "en")]


def test_cancel_a_running_job_keeps_the_work_done(huey: Any) -> None:
    run = Recorder(total=200, pause=0.01)
    tasks = register_tasks(huey, run)
    with BackgroundConsumer(huey, workers=1):
        job_id = tasks.submit("deepl", [1], "en")
        assert run.started.wait(5)
        wait_for(huey, job_id, lambda p: p.done >= 2)
        assert cancel(huey, job_id) is True
        final = wait_for(huey, job_id, lambda p: p.finished)
    assert final.state is JobState.CANCELLED
    assert 2 <= final.done < 200
    assert cancel(huey, job_id) is False  # finished jobs cannot be cancelled


def test_cancel_a_queued_job_before_it_starts(huey: Any) -> None:
    run = Recorder()
    tasks = register_tasks(huey, run)
    job_id = tasks.submit("deepl", [1], "en")
    first = read_progress(huey, job_id)
    assert first is not None and first.state is JobState.QUEUED
    assert cancel(huey, job_id) is True
    progress = read_progress(huey, job_id)
    assert progress is not None and progress.state is JobState.CANCELLED
    with BackgroundConsumer(huey, workers=1):
        other = tasks.submit("deepl", [2], "en")  # queued after it: the worker got past it
        wait_for(huey, other, lambda p: p.finished)
    assert [j.article_ids for j in run.jobs] == [(2,)]
    progress = read_progress(huey, job_id)
    assert progress is not None and progress.state is JobState.CANCELLED


def test_task_arguments_are_ids_only(huey: Any) -> None:
    tasks = register_tasks(huey, Recorder())
    tasks.submit("deepl", [3, 4], "en")
    tasks.submit("deepl", [5], "en", requested_by=7)  # the user who started it, by id
    system, person = huey.pending()
    assert system.args == ("deepl", [3, 4], "en")
    assert person.args == ("deepl", [5], "en", 7)
    assert system.kwargs == person.kwargs == {}


def test_unknown_jobs_and_forget(huey: Any) -> None:
    assert read_progress(huey, "nope") is None
    assert cancel(huey, "nope") is False
    tasks = register_tasks(huey, Recorder())
    job_id = tasks.submit("deepl", [1], "en")
    forget(huey, job_id)
    assert read_progress(huey, job_id) is None


def test_storage_and_polling(tmp_path: Path) -> None:
    h = make_huey(tmp_path / "inst")
    assert type(h).__name__ == "SqliteHuey" and h.name == "transdesk"
    assert (tmp_path / "inst" / "jobs.sqlite3").exists()
    consumer = make_consumer(h)
    assert consumer.max_delay <= 1.0 and CONSUMER_OPTIONS["max_delay"] == 1.0
    assert consumer.worker_type == "thread"
    close_huey(h)


def test_redis_storage_is_chosen_by_url(tmp_path: Path) -> None:
    h = make_huey(tmp_path, redis_url="redis://127.0.0.1:6379/15")  # no connection yet
    assert type(h).__name__ == "RedisHuey" and h.name == "transdesk"
    assert not (tmp_path / "jobs.sqlite3").exists()
    close_huey(h)


def test_progress_percent() -> None:
    assert JobProgress("j", JobState.RUNNING, 1, 3).percent == 33
    assert JobProgress("j", JobState.RUNNING, 0, 0).percent == 0
    assert JobProgress("j", JobState.CANCELLED, 1, 3).percent == 100
    data = JobProgress("j", JobState.RUNNING, 1, 3, 1, "x").to_dict()
    assert JobProgress.from_dict(data) == JobProgress("j", JobState.RUNNING, 1, 3, 1, "x")


def test_memory_snapshot_tasks_build_only_when_due(tmp_path: Path) -> None:
    from datetime import datetime

    from workflow.jobs import register_memory_tasks

    h = make_huey(tmp_path, immediate=True)
    calls: list[bool] = []
    enqueue = register_memory_tasks(h, calls.append)
    enqueue()  # after a large import, or asked by a process whose tail grew long
    assert calls == [True]
    due = [t.name for t in h.read_periodic(datetime(2026, 12, 4, 12, 7))]
    assert due == ["transdesk.memory.check"]  # every minute, in ``transdesk worker``
    close_huey(h)
