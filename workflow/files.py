"""Writing files safely: whole or not at all; folders written whole; symlinks switched at once.

A set of files that must change together (a publication's bundle, PO and MO) is written as
one folder under a temp name and renamed (:func:`write_folder_atomic`); readers reach it
through one symlink that :func:`replace_symlink` switches with a single ``rename(2)``.
Writers of one folder take :func:`folder_lock` first.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO


def write_atomic(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` so readers see the old file or the new one, never half.

    The bytes go to a temporary file in the same folder, are flushed and fsynced, then
    ``os.replace`` renames it over ``path`` and the folder is fsynced (where the OS
    allows) so the rename survives a crash. The new file keeps the mode of the file it
    replaces, else ``mode``, else 0644. On any error the temporary file is removed.
    """
    path = Path(path)
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o644
    with open_atomic(path, mode=mode) as fh:
        fh.write(data)


def _fsync_folder(folder: Path) -> None:
    # Not every platform can open a folder (Windows cannot); the rename is done anyway.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def open_atomic(path: Path, *, mode: int = 0o644) -> Iterator[BinaryIO]:
    """A file to stream into; it replaces ``path`` only if the block ends without error."""
    path = Path(path)
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    _fsync_folder(folder)


STALE_TEMP_SECONDS = 3600.0


def sweep_temp_files(folder: Path, *, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Remove the temp files (``.<name>.*.tmp``) that a killed writer left in ``folder``.

    A process killed between :func:`open_atomic`'s ``mkstemp`` and its rename leaves its
    temp file behind; it was never served, and after ``older_than`` seconds no live writer
    still owns it. Returns what was removed; a file gone meanwhile is no error.
    """
    removed: list[Path] = []
    cutoff = time.time() - older_than
    try:
        candidates = list(Path(folder).glob(".*.tmp"))
    except OSError:
        return removed
    for tmp in candidates:
        try:
            if tmp.is_file() and tmp.stat().st_mtime < cutoff:
                tmp.unlink()
                removed.append(tmp)
        except FileNotFoundError:
            continue
    return removed


#: Names of the temp folders and links below: ``.<name>.tmp-<random>``.
TEMP_MARK = ".tmp-"


def write_folder_atomic(folder: Path, files: Mapping[str, bytes]) -> None:
    """Create ``folder`` holding exactly ``files`` (name → bytes), all of them or none.

    The files are written and fsynced in a temp folder beside it (``.<name>.tmp-…``),
    which is then renamed to ``folder``. An existing ``folder`` (what a killed writer
    renamed into place but nobody points at) is removed first: the caller holds
    :func:`folder_lock` and knows no reader is sent there. On error the temp folder goes.
    """
    folder = Path(folder)
    tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}{TEMP_MARK}"))
    try:
        for name, data in files.items():
            if not name or "/" in name or name.startswith("."):
                raise ValueError(f"bad file name {name!r} for {folder}")
            fd = os.open(tmp / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o755)
        _fsync_folder(tmp)
        if folder.exists() or folder.is_symlink():
            _remove(folder)
        os.rename(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _fsync_folder(folder.parent)


def replace_symlink(link: Path, target: str) -> None:
    """Point ``link`` at ``target`` in one step: readers find the old target or the new one.

    A new symlink is made under a temp name and renamed over ``link`` (whatever it was: a
    symlink, or a regular file of an older layout), then the folder is fsynced.
    """
    link = Path(link)
    tmp = link.with_name(f".{link.name}{TEMP_MARK}{secrets.token_hex(6)}")
    os.symlink(target, tmp)
    try:
        os.replace(tmp, link)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    _fsync_folder(link.parent)


def ensure_symlink(link: Path, target: str) -> None:
    """:func:`replace_symlink` unless ``link`` already points at ``target``."""
    try:
        if os.readlink(link) == target:
            return
    except (FileNotFoundError, OSError):
        pass
    replace_symlink(link, target)


def sweep_temp_entries(folder: Path, names: tuple[str, ...] | None = None) -> list[Path]:
    """Remove every temp folder, link or file (``.<name>.tmp-…``, ``.<name>.….tmp``) in ``folder``.

    Only for a caller holding :func:`folder_lock` on the writers of ``folder``: a temp entry
    then belongs to a writer that died, whatever its age. ``names`` limits the sweep to
    the temp entries of those names (a folder shared with other writers).
    """
    removed: list[Path] = []
    try:
        entries = list(Path(folder).iterdir())
    except FileNotFoundError:
        return removed
    for entry in entries:
        name = entry.name
        if not name.startswith(".") or not (TEMP_MARK in name or name.endswith(".tmp")):
            continue
        if names is not None and not any(name.startswith(f".{n}.") for n in names):
            continue
        with contextlib.suppress(FileNotFoundError):
            _remove(entry)
            removed.append(entry)
    return removed


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


_thread_locks: dict[str, threading.Lock] = {}
_thread_locks_guard = threading.Lock()


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold the writers' lock of ``folder`` (created if missing) until the block ends.

    ``fcntl.flock`` on ``<folder>/.lock`` keeps other processes out (gunicorn workers, the
    job worker; the kernel drops it when a holder dies, even by SIGKILL). A lock per folder
    and process keeps this process's other threads out as well, also where ``flock`` is
    emulated by per-process POSIX locks (NFS).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    key = str(folder.resolve())
    with _thread_locks_guard:
        in_process = _thread_locks.setdefault(key, threading.Lock())
    with in_process:
        fd = os.open(folder / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing the last descriptor releases the flock
