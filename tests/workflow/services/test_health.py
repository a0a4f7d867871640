"""Health: the database and the queue answer; a failure is reported, not raised."""

from __future__ import annotations

from dataclasses import replace

from workflow import services
from workflow.services import Context


def test_a_fresh_desk_is_healthy(ctx: Context) -> None:
    report = services.health(ctx)
    assert report.ok and (report.database, report.queue, report.pending_jobs) == ("ok", "ok", 0)


class BrokenDatabase:
    def transaction(self, write: bool = True) -> object:
        raise ConnectionError("the database is gone")


def test_a_broken_database_is_reported(ctx: Context) -> None:
    report = services.health(replace(ctx, db=BrokenDatabase()))  # type: ignore[arg-type]
    assert not report.ok
    assert report.database == "error: ConnectionError" and report.queue == "ok"
