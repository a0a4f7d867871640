"""Fixtures shared by the suite: an instance folder and database per test, app, client, runner.

The database is SQLite in the test's temp folder, or, when ``TRANSDESK_DATABASE_URL``
points at PostgreSQL, a schema of its own in that database, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from bench._serve import own_schema
from web import create_app
from workflow.bootstrap import build_context
from workflow.services import Context
from workflow.settings import Settings

pytest_plugins = ["tests.support.fixtures"]

REPO = Path(__file__).resolve().parents[1]
#: The sample article pair and its gold result (shipped with the package for the demo).
SAMPLES = REPO / "workflow" / "data" / "samples"
#: The alignment data (dev split, its scorer, the JHE pairs), with its licence.
ALIGN_DATA = REPO / "bench" / "data" / "align"
PG_URL = os.environ.get("TRANSDESK_DATABASE_URL", "")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database-only",
        action="store_true",
        help="run only the tests that reach the database (they use the database_url fixture "
        "or are marked uses_database); `make test` runs the rest once, in the SQLite run",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "uses_database: reaches the database without the database_url fixture"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``--database-only``: leave out the tests no database can change the outcome of."""
    if not config.getoption("--database-only"):
        return
    keep: list[pytest.Item] = []
    rest: list[pytest.Item] = []
    for item in items:
        reaches = "database_url" in getattr(item, "fixturenames", ())
        reaches = reaches or item.get_closest_marker("uses_database") is not None
        (keep if reaches else rest).append(item)
    if rest:
        config.hook.pytest_deselected(items=rest)
        items[:] = keep


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    if not PG_URL:
        yield f"sqlite:///{tmp_path / 'instance' / 'transdesk.sqlite3'}"
        return
    with own_schema(PG_URL, "td_test") as url:
        yield url


@pytest.fixture
def env(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The environment of a fresh transdesk instance, also set in os.environ."""
    values = {
        "TRANSDESK_ENV": "test",
        "TRANSDESK_INSTANCE": str(tmp_path / "instance"),
        "TRANSDESK_DATABASE_URL": database_url,
        "TRANSDESK_SECRET_KEY": "test-secret-" + uuid.uuid4().hex,
        "TRANSDESK_SAMPLES": str(SAMPLES),
        # Every fake server of the suite (MT, webhook receiver) listens on loopback.
        "TRANSDESK_ALLOW_PRIVATE_URLS": "127.0.0.1",
        # A queue of the test's own, so a run on Redis never mixes tests' jobs.
        "TRANSDESK_QUEUE_NAME": "td-test-" + uuid.uuid4().hex[:12],
    }
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    return values


@pytest.fixture
def settings(env: dict[str, str]) -> Settings:
    return Settings.from_env()


@pytest.fixture
def ctx(settings: Settings) -> Iterator[Context]:
    d = build_context(settings)
    d.db.migrate()
    yield d
    _flush_queue(d)
    d.close()


@pytest.fixture
def app(env: dict[str, str]) -> Iterator[Flask]:
    application = create_app()
    ctx: Context = application.extensions["transdesk"]
    ctx.db.migrate()
    yield application
    _flush_queue(ctx)
    ctx.close()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(env: dict[str, str]) -> CliRunner:
    return CliRunner(env=env)


def _flush_queue(ctx: Context) -> None:
    """On Redis, the test's queue keys go with the test."""
    if ctx.settings.redis_url:
        ctx.mt.huey.flush()
