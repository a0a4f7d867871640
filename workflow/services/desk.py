"""The collaborators every use case needs, built once by the app factory or the CLI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from workflow.export import Exporter, default_exporters
from workflow.importers import Importer, default_importers
from workflow.registry import Registry
from workflow.settings import Settings
from workflow.store import Database


def utc_now() -> datetime:
    """The current time, aware, in UTC, to the second (stable in files and zips)."""
    return datetime.now(UTC).replace(microsecond=0)


@dataclass(frozen=True)
class Desk:
    """Database, registries, settings and clock: what services are given, never globals."""

    db: Database
    settings: Settings
    importers: Registry[Importer]
    exporters: Registry[Exporter]
    clock: Callable[[], datetime] = field(default=utc_now)


def build_desk(settings: Settings, *, clock: Callable[[], datetime] = utc_now) -> Desk:
    """Everything wired for ``settings``; opens no connection yet."""
    return Desk(
        db=Database(settings.database_url),
        settings=settings,
        importers=default_importers(),
        exporters=default_exporters(generator=settings.generator),
        clock=clock,
    )
