"""Snapshots of the memory index on disk: written once, atomically, mapped by every process.

A snapshot is a folder ``snap-<version>`` in the memory folder (``<instance>/memory``)
holding the index's arrays as raw files — per-unit columns (``col-<name>.bin``), and per
segment of :data:`~workflow.memory.index.BUILD_CHUNK` units its postings and its texts
(UTF-8, NUL-joined) — the interned strings (``tables.json``) and, written last,
``meta.json``. :func:`write_snapshot` streams the units in, one segment at a time (the
builder never holds more than one segment), writes into a hidden ``.build-…`` folder,
fsyncs every file and renames the folder into place: a build killed half-way leaves only
a ``.build-…`` folder, which no reader looks at and the next build sweeps away.

:func:`open_snapshot` maps the files read-only (``numpy.memmap`` and ``mmap``): every
process of a server shares one copy in the page cache, and a process pays only for the
pages of its own (the ``flags`` column, copied so that removals can be applied, one byte
per unit). Old snapshots are deleted once two newer ones exist; a process still mapping
one keeps its pages until it lets go (POSIX unlink semantics).
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import mmap
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import IO, Any, Final

import numpy as np
import numpy.typing as npt

from workflow.memory.encode import COLUMNS, Tables, encode
from workflow.memory.index import BUILD_CHUNK, TmIndex
from workflow.memory.postings import Segment, Text
from workflow.memory.units import TmUnit

FORMAT: Final = 1
PREFIX: Final = "snap-"
BUILDING: Final = ".build-"
KEEP: Final = 2
"""Complete snapshots kept; older ones are deleted after a build."""
_SEGMENT_FILES: Final = {
    "keys": np.uint32,
    "starts": np.int64,
    "units": np.uint32,
    "source_off": np.int64,
    "target_off": np.int64,
    "context_off": np.int64,
}
_TEXTS: Final = ("sources", "targets", "contexts")


class SnapshotBusy(Exception):
    """Another process is building a snapshot in this folder right now."""


@dataclass(frozen=True)
class SnapshotInfo:
    """A complete snapshot: where, which version, and up to where it holds the store."""

    path: Path
    version: int
    units: int  # stored units (ids up to ``last_unit_id``)
    segments: int
    last_unit_id: int  # the highest unit id in it; newer ones are read from the store
    last_change_id: int  # the change log's id when the build began; later ones are applied
    created_at: str
    bytes: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path),
            "version": self.version,
            "units": self.units,
            "segments": self.segments,
            "last_unit_id": self.last_unit_id,
            "last_change_id": self.last_change_id,
            "created_at": self.created_at,
            "bytes": self.bytes,
        }


def snapshots(directory: Path) -> list[SnapshotInfo]:
    """The complete snapshots in ``directory``, newest first."""
    found = []
    with contextlib.suppress(FileNotFoundError):
        for entry in directory.iterdir():
            if not entry.name.startswith(PREFIX):
                continue
            try:
                meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
                if meta.get("format") != FORMAT:
                    continue
                found.append(
                    SnapshotInfo(
                        entry,
                        int(meta["version"]),
                        int(meta["units"]),
                        int(meta["segments"]),
                        int(meta["last_unit_id"]),
                        int(meta["last_change_id"]),
                        str(meta["created_at"]),
                        int(meta["bytes"]),
                    )
                )
            except (OSError, ValueError, KeyError):
                continue  # being deleted, or not ours
    return sorted(found, key=lambda s: -s.version)


def newest(directory: Path) -> SnapshotInfo | None:
    """The newest complete snapshot, or ``None``."""
    found = snapshots(directory)
    return found[0] if found else None


@contextlib.contextmanager
def build_lock(directory: Path) -> Iterator[None]:
    """Hold the folder's build lock (one builder at a time); :class:`SnapshotBusy` if taken."""
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / "build.lock").open("a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SnapshotBusy(str(directory)) from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def write_snapshot(
    directory: Path,
    units: Iterable[TmUnit],
    *,
    last_change_id: int,
    now: datetime,
    progress: Callable[[int], object] | None = None,
) -> SnapshotInfo:
    """Build the next snapshot from ``units`` (streamed, in id order) and put it in place.

    ``last_change_id`` is the change log's id read *before* the units were: removals
    logged later are applied by the readers. ``progress(n)`` is called after each segment
    with the units written so far. Raises :class:`SnapshotBusy` if another build runs.
    """
    with build_lock(directory):
        sweep(directory, keep=None)
        previous = newest(directory)
        version = (previous.version if previous else 0) + 1
        tmp = directory / f"{BUILDING}{version:08d}-{os.getpid()}"
        tmp.mkdir()
        tables = Tables()
        count = segments = 0
        last_id = 0
        files = {name: (tmp / f"col-{name}.bin").open("wb") for name in COLUMNS}
        try:
            it = iter(units)
            while chunk := list(islice(it, BUILD_CHUNK)):
                cols, seg = encode(chunk, count, tables)
                for name, arr in cols.items():
                    files[name].write(np.ascontiguousarray(arr).tobytes())
                _write_segment(tmp, segments, seg)
                count += len(chunk)
                segments += 1
                last_id = max(last_id, int(cols["ids"].max()))
                del chunk, cols, seg
                if progress is not None:
                    progress(count)
        finally:
            for fh in files.values():
                _close(fh)
        _write_file(tmp / "tables.json", json.dumps(tables.to_dict(), ensure_ascii=False))
        size = sum(p.stat().st_size for p in tmp.iterdir())
        meta = {
            "format": FORMAT, "version": version, "units": count, "segments": segments,
            "last_unit_id": last_id, "last_change_id": last_change_id,
            "created_at": now.isoformat(), "bytes": size,
        }  # fmt: skip
        _write_file(tmp / "meta.json", json.dumps(meta))
        _fsync_dir(tmp)
        final = directory / f"{PREFIX}{version:08d}"
        tmp.rename(final)
        _fsync_dir(directory)
        sweep(directory, keep=KEEP)
    info = newest(directory)
    assert info is not None and info.version >= version
    return info


def sweep(directory: Path, *, keep: int | None) -> None:
    """Delete leftovers of killed builds (the caller holds the build lock) and, when
    ``keep`` is given, complete snapshots but the ``keep`` newest."""
    with contextlib.suppress(FileNotFoundError):
        for entry in directory.iterdir():
            if entry.name.startswith(BUILDING):
                shutil.rmtree(entry, ignore_errors=True)
    if keep is not None:
        for old in snapshots(directory)[keep:]:
            shutil.rmtree(old.path, ignore_errors=True)


def open_snapshot(info: SnapshotInfo) -> TmIndex:
    """The snapshot's index, its files mapped read-only (``OSError``/``ValueError`` if it
    is damaged or was deleted meanwhile)."""
    path = info.path
    tables = Tables.from_dict(json.loads((path / "tables.json").read_text(encoding="utf-8")))
    columns = {name: _map(path / f"col-{name}.bin", dtype) for name, dtype in COLUMNS.items()}
    if any(len(arr) != info.units for arr in columns.values()):
        raise ValueError(f"snapshot {path}: columns do not hold {info.units} units")
    columns["flags"] = np.array(columns["flags"])  # private and writable: removals
    segs = []
    base = 0
    for i in range(info.segments):
        arrays = {
            name: _map(path / f"seg{i}-{name}.bin", dt) for name, dt in _SEGMENT_FILES.items()
        }
        texts = [_map_text(path / f"seg{i}-{name}.bin") for name in _TEXTS]
        size = len(arrays["source_off"]) - 1
        segs.append(
            Segment(
                base,
                size,
                arrays["keys"],
                arrays["starts"],
                arrays["units"],
                texts[0],
                arrays["source_off"],
                texts[1],
                arrays["target_off"],
                texts[2],
                arrays["context_off"],
            )
        )
        base += size
    if base != info.units:
        raise ValueError(f"snapshot {path}: segments do not hold {info.units} units")
    return TmIndex.from_arrays(columns, tuple(segs), tables)


def _write_segment(folder: Path, i: int, seg: Segment) -> None:
    for name in _SEGMENT_FILES:
        _write_file(folder / f"seg{i}-{name}.bin", np.ascontiguousarray(getattr(seg, name)))
    for name, off_name in zip(_TEXTS, ("source_off", "target_off", "context_off"), strict=True):
        text = getattr(seg, name)
        assert isinstance(text, str)
        data = text.encode()
        # The offsets were counted in characters; the file holds UTF-8, so count bytes.
        if len(data) != len(text):
            lengths = [len(t.encode()) + 1 for t in text.split("\x00")[:-1]]
            offsets = np.zeros(len(lengths) + 1, np.int64)
            np.cumsum(lengths, out=offsets[1:])
            _write_file(folder / f"seg{i}-{off_name}.bin", offsets)
        _write_file(folder / f"seg{i}-{name}.bin", data)


def _write_file(path: Path, data: bytes | str | npt.NDArray[Any]) -> None:
    with path.open("wb") as fh:
        if isinstance(data, str):
            fh.write(data.encode())
        elif isinstance(data, bytes):
            fh.write(data)
        else:
            fh.write(data.tobytes())
        _close(fh)


def _close(fh: IO[bytes]) -> None:
    if not fh.closed:
        fh.flush()
        os.fsync(fh.fileno())
        fh.close()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _map(path: Path, dtype: Any) -> npt.NDArray[Any]:
    """The file as a read-only array over its mapping (a plain ndarray: ``np.memmap``'s
    subclass costs a Python call on every slice, a third of a lookup)."""
    text = _map_text(path)
    if isinstance(text, str):
        return np.zeros(0, dtype)
    return np.frombuffer(text, dtype=dtype)


def _map_text(path: Path) -> Text:
    with path.open("rb") as fh:
        if os.fstat(fh.fileno()).st_size == 0:
            return ""
        return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
