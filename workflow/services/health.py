"""Is the desk able to work: the database answers and the job queue is reachable."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from workflow.services.context import Context


@dataclass(frozen=True)
class Health:
    database: str  # "ok" or what failed
    queue: str
    pending_jobs: int | None

    @property
    def ok(self) -> bool:
        return self.database == "ok" and self.queue == "ok"


def health(ctx: Context) -> Health:
    """Check the database (a trivial query) and the queue (its pending count)."""
    try:
        with ctx.db.transaction(write=False) as conn:
            conn.execute(text("SELECT 1"))
        database = "ok"
    except Exception as exc:  # any failure is the answer here, reported, not raised
        database = f"error: {type(exc).__name__}"
    try:
        pending: int | None = int(ctx.mt.huey.pending_count())
        queue = "ok"
    except Exception as exc:
        pending, queue = None, f"error: {type(exc).__name__}"
    return Health(database=database, queue=queue, pending_jobs=pending)
