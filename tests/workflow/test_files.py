"""write_atomic and write_folder_atomic: whole or nothing; symlinks switched at once; locks."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from workflow.files import (
    ensure_symlink,
    folder_lock,
    replace_symlink,
    sweep_temp_entries,
    sweep_temp_files,
    write_atomic,
    write_folder_atomic,
)


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


def test_a_folder_is_written_whole_under_its_name(tmp_path: Path) -> None:
    write_folder_atomic(tmp_path / "r1-1", {"a.zip": b"zip", "a.po": b"po"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r1-1"]
    assert (tmp_path / "r1-1" / "a.po").read_bytes() == b"po"
    assert stat.S_IMODE((tmp_path / "r1-1").stat().st_mode) == 0o755
    # A folder of that name left by a killed writer is replaced, not merged into.
    (tmp_path / "r1-1" / "stray").write_bytes(b"x")
    write_folder_atomic(tmp_path / "r1-1", {"a.zip": b"zip2"})
    assert sorted(p.name for p in (tmp_path / "r1-1").iterdir()) == ["a.zip"]


def test_a_failed_folder_write_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_rename(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "rename", broken_rename)
    with pytest.raises(OSError, match="disk full"):
        write_folder_atomic(tmp_path / "r1-1", {"a.zip": b"zip"})
    assert list(tmp_path.iterdir()) == []


def test_a_symlink_is_switched_in_one_step_even_over_a_file(tmp_path: Path) -> None:
    (tmp_path / "r1").mkdir()
    (tmp_path / "r2").mkdir()
    (tmp_path / "current").write_bytes(b"a file of an older layout")
    replace_symlink(tmp_path / "current", "r1")
    assert os.readlink(tmp_path / "current") == "r1"
    replace_symlink(tmp_path / "current", "r2")
    assert os.readlink(tmp_path / "current") == "r2"
    ensure_symlink(tmp_path / "current", "r2")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["current", "r1", "r2"]


def test_the_lock_holder_sweeps_every_temp_entry_of_its_names(tmp_path: Path) -> None:
    (tmp_path / ".r3-9.tmp-abc").mkdir()  # a folder being written when its writer died
    os.symlink("r3-9", tmp_path / ".current.tmp-12ab")
    (tmp_path / ".other.po.tmp-1").write_bytes(b"")
    (tmp_path / ".seoul.po.k2j3.tmp").write_bytes(b"")  # write_atomic's, of the old layout
    (tmp_path / ".lock").write_bytes(b"")
    (tmp_path / "seoul.po").write_bytes(b"")
    swept = sweep_temp_entries(tmp_path, ("seoul.po", "current", "r3-9"))
    assert len(swept) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == [".lock", ".other.po.tmp-1", "seoul.po"]
    sweep_temp_entries(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".lock", "seoul.po"]


def test_the_folder_lock_keeps_other_threads_and_processes_out(tmp_path: Path) -> None:
    inside: list[str] = []

    def hold(name: str) -> None:
        with folder_lock(tmp_path):
            inside.append(f"+{name}")
            time.sleep(0.05)
            inside.append(f"-{name}")

    threads = [threading.Thread(target=hold, args=(str(i),)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(inside[i][1:] == inside[i + 1][1:] for i in range(0, len(inside), 2)), inside
    # Another process waits while this one holds the lock.
    script = (
        "import sys, time; from pathlib import Path; from workflow.files import folder_lock\n"
        "print('ready', flush=True); t = time.monotonic()\n"
        "with folder_lock(Path(sys.argv[1])): print(time.monotonic() - t)"
    )
    with folder_lock(tmp_path):
        child = subprocess.Popen(
            [sys.executable, "-c", script, str(tmp_path)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        assert child.stdout.readline() == "ready\n"
        time.sleep(0.5)
    waited = float(child.communicate(timeout=60)[0])
    assert waited >= 0.4
