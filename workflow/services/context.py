"""The collaborators every use case needs, built once by the app factory or the CLI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from workflow.checks import Check
from workflow.checks.cache import FindingsCache
from workflow.export import Exporter
from workflow.importers import Importer
from workflow.jobs import (
    ArchiveTasks,
    PretranslateTasks,
    RunPretranslate,
    close_huey,
    register_tasks,
)
from workflow.machinery import LruCache
from workflow.memory.cache import MemoryIndex
from workflow.registry import Registry
from workflow.settings import Settings
from workflow.store import Database


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
    #: Queues an archive import (``services.submit_archive_import``).
    archive_tasks: ArchiveTasks | None = None
    #: Enqueues a build of the memory's snapshot (after a large import, a long tail).
    snapshot_task: Callable[[], Any] | None = None
    #: Enqueues the e-mail of an inbox event (bound with the other tasks).
    mail_task: Callable[[int], Any] | None = None

    def bind(self, run: RunPretranslate) -> None:
        """Register the pre-translation task with the function that does its work."""
        self.tasks = register_tasks(self.huey, run)

    def close(self) -> None:
        close_huey(self.huey)


@dataclass(frozen=True)
class Context:
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

    @property
    def memory_dir(self) -> Path:
        """Where the memory's snapshots are (``<instance>/memory``), one folder per server."""
        return self.settings.instance / "memory"

    def close(self) -> None:
        """Release the database and job-queue connections."""
        self.db.dispose()
        self.mt.close()
