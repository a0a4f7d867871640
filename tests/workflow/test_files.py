"""write_atomic: whole files or nothing, no temporary files left behind."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from workflow.files import sweep_temp_files, write_atomic


def test_writes_a_new_file(tmp_path: Path) -> None:
    target = tmp_path / "a.po"
    write_atomic(target, b"hello")
    assert target.read_bytes() == b"hello"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["a.po"]


def test_replaces_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.po"
    target.write_bytes(b"old")
    os.chmod(target, 0o600)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_failure_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.po"
    target.write_bytes(b"old")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.po"]


def test_missing_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "nope" / "a.po", b"x")


def test_sweep_removes_only_stale_temp_files_of_killed_writers(tmp_path: Path) -> None:
    stale = tmp_path / ".bundle.zip.k3j2.tmp"  # what a SIGKILLed open_atomic leaves
    fresh = tmp_path / ".bundle.zip.x9q1.tmp"  # a writer that is still running
    served = tmp_path / "bundle.zip"
    hidden = tmp_path / ".keep"
    for p in (stale, fresh, served, hidden):
        p.write_bytes(b"x")
    two_hours_ago = stale.stat().st_mtime - 7200
    os.utime(stale, (two_hours_ago, two_hours_ago))
    assert sweep_temp_files(tmp_path) == [stale]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [fresh.name, served.name, hidden.name]
    )
    assert sweep_temp_files(tmp_path / "missing") == []
