"""The collaborators every use case needs, built once by the app factory or the CLI."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from workflow.checks import Check
from workflow.export import Exporter
from workflow.importers import Importer
from workflow.jobs import PretranslateTasks, RunPretranslate, close_huey, register_tasks
from workflow.machinery import LruCache
from workflow.registry import Registry
from workflow.settings import Settings
from workflow.store import Database, repo
from workflow.tm_index import TmIndex


def utc_now() -> datetime:
    """The current time, aware, in UTC, to the second (stable in files and zips)."""
    return datetime.now(UTC).replace(microsecond=0)


@dataclass
class MtRuntime:
    """The MT cache and the job queue of a desk; the task is bound once the desk exists."""

    huey: Any
    cache: LruCache = field(default_factory=LruCache)
    tasks: PretranslateTasks | None = None
    #: Enqueues the delivery of a recorded webhook (bound with the pre-translation task).
    webhook_task: Callable[[int], Any] | None = None

    def bind(self, run: RunPretranslate) -> None:
        """Register the pre-translation task with the function that does its work."""
        self.tasks = register_tasks(self.huey, run)

    def close(self) -> None:
        close_huey(self.huey)


@dataclass
class MemoryIndex:
    """The process's index over ``tm_units`` and how far it has read them."""

    index: TmIndex = field(default_factory=TmIndex)
    last_id: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def refresh(self, conn: Connection) -> TmIndex:
        """Take in the units stored since the last look (all of them the first time)."""
        with self.lock:
            added = list(repo.tm_units_after(conn, self.last_id))
            if added:
                self.index.add_many(added)
                self.last_id = added[-1].id
        return self.index


@dataclass
class FindingsCache:
    """QA findings by check context (source, target, languages, kind, term hits): the checks
    are pure, so a segment's findings are computed once per text, not on every page."""

    size: int = 50_000
    items: OrderedDict[Any, Any] = field(default_factory=OrderedDict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def get_or_compute(self, key: Any, compute: Callable[[], Any]) -> Any:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        value = compute()
        with self.lock:
            self.items[key] = value
            if len(self.items) > self.size:
                self.items.popitem(last=False)
        return value


@dataclass(frozen=True)
class Desk:
    """Database, registries (importers, exporters, QA checks), settings and clock.

    What services are given, never globals.
    """

    db: Database
    settings: Settings
    importers: Registry[Importer]
    exporters: Registry[Exporter]
    checks: Registry[Check]
    mt: MtRuntime
    clock: Callable[[], datetime] = field(default=utc_now)
    memory: MemoryIndex = field(default_factory=MemoryIndex)
    findings: FindingsCache = field(default_factory=FindingsCache)

    def close(self) -> None:
        """Release the database and job-queue connections."""
        self.db.dispose()
        self.mt.close()
