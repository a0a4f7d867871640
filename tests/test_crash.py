"""Killing gunicorn workers under load loses no acknowledged save and no published file.

A short run of ``bench/crash.py`` (``python -m bench.crash`` runs 100 cycles): real gunicorn
with ``gunicorn.conf.py``, translators saving and an editor publishing while workers are
SIGKILLed, on SQLite or, when the suite runs on PostgreSQL, in a schema of its own there.
Files are never ahead of the database; after what the next start does (complete the
pending publications) they are exactly the published revisions, and no temp file is left.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.crash import run
from tests.conftest import PG_URL


@pytest.mark.uses_database
def test_acknowledged_saves_and_published_files_survive_killed_workers(tmp_path: Path) -> None:
    report = run(5, clients=3, root=tmp_path, database_url=PG_URL or None, say=lambda line: None)
    assert report.cycles == 5, report.lines()
    assert report.saves_acknowledged > 0, report.lines()
    assert report.missing == [], report.lines()
    assert report.saves_verified == report.saves_acknowledged
    assert report.integrity == "ok"
    assert report.stale_translations == 0
    assert report.publishes_under_kills > 0, report.lines()
    assert report.files_checked >= 3  # the bundle, the PO and the MO
    assert report.bad_files == [], report.lines()
    assert report.ahead_before_restart == [], report.lines()
    assert (report.ahead, report.behind, report.temp_files) == ([], [], []), report.lines()
    assert report.ok
