"""Writing files safely: whole or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterator
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
