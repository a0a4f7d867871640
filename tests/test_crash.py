"""Killing gunicorn workers under load loses no acknowledged save and no published file.

A short run of ``bench/crash.py`` (``python -m bench.crash`` runs 100 cycles): real gunicorn
with ``gunicorn.conf.py``, SQLite, translators saving and an editor publishing while
workers are SIGKILLed. On PostgreSQL (``python -m bench.crash --database-url``) a kill between
a publish writing its files and its commit can leave files of a revision the database does
not call published; that known gap is why this short run stays on SQLite.
"""

from __future__ import annotations

from pathlib import Path

from bench.crash import run


def test_acknowledged_saves_and_published_files_survive_killed_workers(tmp_path: Path) -> None:
    report = run(5, clients=3, root=tmp_path, say=lambda line: None)
    assert report.cycles == 5, report.lines()
    assert report.saves_acknowledged > 0, report.lines()
    assert report.missing == [], report.lines()
    assert report.saves_verified == report.saves_acknowledged
    assert report.integrity == "ok"
    assert report.stale_translations == 0
    assert report.publishes > 0, report.lines()
    assert report.files_checked >= 3  # the bundle, the PO and the MO
    assert report.bad_files == [], report.lines()
    assert report.ok
