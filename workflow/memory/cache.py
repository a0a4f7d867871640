"""The process's view of the memory: the newest snapshot, mapped, plus a small tail.

:class:`MemoryIndex` is what a process keeps (``Context.memory``). Before each lookup the
services call :meth:`MemoryIndex.refresh` with a :class:`MemorySource` (the store, read in
the lookup's transaction), which

1. switches to a newer complete snapshot if the memory folder has one (looked for at most
   once a second; opening is a few ``mmap`` calls, milliseconds — never a build);
2. applies the change log's removals logged since (by id: deleted units, withdrawn
   approvals) to the snapshot's private ``flags`` and to the tail;
3. reads the units stored since into the tail, an ordinary :class:`TmIndex` in memory — at
   most :attr:`MemoryIndex.batch` units per lookup, so no lookup waits for a long read.

With no snapshot yet (a new server, or a memory folder wiped), the tail starts at the
newest :attr:`MemoryIndex.tail_limit` units and the view says ``warming``: lookups answer
from what is there, and ``want_snapshot`` (the job queue's snapshot task) is asked to build
one. A tail that grows past ``tail_limit`` asks for a snapshot the same way. Embargoes are
not here: lookups filter the embargoed articles' units at lookup time.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Protocol

from workflow.memory.index import TmIndex
from workflow.memory.snapshot import SnapshotInfo, newest, open_snapshot
from workflow.memory.units import TmMatch, TmUnit, rank_key

logger = logging.getLogger("workflow.memory")

TAIL_LIMIT: Final = 100_000
"""Units a process keeps in memory beyond the snapshot; more ask for a new snapshot."""
BATCH: Final = 20_000
"""Units read into the tail per lookup at most (about a second's work at start-up)."""
LOOK_EVERY: Final = 1.0
"""Seconds between two looks at the memory folder for a newer snapshot."""
ASK_EVERY: Final = 60.0
"""Seconds between two requests for a snapshot from one process."""


class MemorySource(Protocol):
    """What the memory reads from the store (see :mod:`workflow.store.memory`)."""

    def units_after(self, last_id: int, limit: int | None) -> Iterable[TmUnit]:
        """Units with an id above ``last_id``, in id order, at most ``limit``, streamed."""

    def removals_after(self, last_change_id: int) -> list[tuple[int, int]]:
        """``(change id, unit id)`` of units removed after change ``last_change_id``."""

    def window_start(self, after_id: int, newest: int) -> int:
        """An id such that at most ``newest`` units above ``after_id`` have a higher one."""


@dataclass(frozen=True)
class MemoryView:
    """One lookup's memory: the snapshot (if any) and the tail; ``warming`` while units
    are missing (no snapshot yet, or the tail still catching up)."""

    base: TmIndex | None
    tail: TmIndex
    warming: bool
    snapshot: SnapshotInfo | None

    def _parts(self) -> tuple[TmIndex, ...]:
        return (self.tail,) if self.base is None else (self.tail, self.base)

    def search(self, query: str, *, target_lang: str, k: int = 5, **kw: object) -> list[TmMatch]:
        """:meth:`TmIndex.search` over both parts, merged in the memory's order."""
        found: list[TmMatch] = []
        for part in self._parts():
            found += part.search(query, target_lang=target_lang, k=k, **kw)  # type: ignore[arg-type]
        found.sort(key=rank_key)
        return found[:k]

    def concordance(self, text: str, *, limit: int = 50, **kw: object) -> list[TmUnit]:
        """:meth:`TmIndex.concordance`, the tail (newest) first."""
        found: list[TmUnit] = []
        for part in self._parts():
            if len(found) >= limit:
                break
            found += part.concordance(text, limit=limit - len(found), **kw)  # type: ignore[arg-type]
        return found

    def target_langs(self) -> list[str]:
        return sorted({lang for part in self._parts() for lang in part.target_langs()})

    def get(self, unit_id: int) -> TmUnit | None:
        for part in self._parts():
            if (found := part.get(unit_id)) is not None:
                return found
        return None

    def __len__(self) -> int:
        return sum(len(part) for part in self._parts())

    def __iter__(self) -> Iterator[TmUnit]:
        for part in reversed(self._parts()):
            yield from part


@dataclass
class MemoryIndex:
    """The process's memory: snapshots from ``directory`` (None: none, everything in the
    tail, as in tests) and the tail; see the module docstring."""

    directory: Path | None = None
    tail_limit: int | None = TAIL_LIMIT
    batch: int | None = BATCH
    want_snapshot: Callable[[], object] | None = None
    base: TmIndex | None = None
    snapshot: SnapshotInfo | None = None
    tail: TmIndex = field(default_factory=TmIndex)
    last_id: int = 0
    last_change_id: int = 0
    gap: bool = False  # units between the snapshot and the tail are missing
    caught_up: bool = False
    started: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)
    _looked: float = float("-inf")
    _asked: float = float("-inf")

    def refresh(self, source: MemorySource) -> MemoryView:
        """Take in a newer snapshot, the removals and the units stored since the last look."""
        with self.lock:
            self._switch()
            if not self.started:
                self._start(source)
            removed = source.removals_after(self.last_change_id)
            if removed:
                ids = [unit for _, unit in removed]
                self.tail.remove_many(ids)
                if self.base is not None:
                    self.base.remove_many(ids)
                self.last_change_id = max(change for change, _ in removed)
            read = self.tail.add_many(self._track(source.units_after(self.last_id, self.batch)))
            self.caught_up = self.batch is None or read < self.batch
            warming = self.gap or not self.caught_up
            if self.directory is not None and (
                warming or (self.tail_limit is not None and len(self.tail) > self.tail_limit)
            ):
                self._ask()
            return MemoryView(self.base, self.tail, warming, self.snapshot)

    def status(self) -> dict[str, object]:
        """What this process holds (for ``transdesk tm status`` and the health page)."""
        snap = self.snapshot
        return {
            "snapshot": snap.version if snap else None,
            "snapshot_units": snap.units if snap else 0,
            "tail_units": len(self.tail),
            "last_unit_id": self.last_id,
            "last_change_id": self.last_change_id,
            "warming": self.gap or not self.caught_up,
        }

    def _track(self, units: Iterable[TmUnit]) -> Iterator[TmUnit]:
        for unit in units:
            self.last_id = max(self.last_id, unit.id)
            yield unit

    def _start(self, source: MemorySource) -> None:
        """First look at the store since the snapshot: start the tail at its newest units
        when there are more than ``tail_limit`` (warming until a snapshot comes)."""
        self.started = True
        if self.tail_limit is None:
            return
        start = source.window_start(self.last_id, self.tail_limit)
        if start > self.last_id:
            logger.info(
                "memory warming up: %s units behind the snapshot, keeping the newest %s",
                "more than " + str(self.tail_limit),
                self.tail_limit,
            )
            self.last_id = start
            self.gap = True

    def _switch(self) -> None:
        """Use the newest complete snapshot if it is newer than the one in use."""
        now = time.monotonic()
        if self.directory is None or now - self._looked < LOOK_EVERY:
            return
        self._looked = now
        info = newest(self.directory)
        if info is None or (self.snapshot is not None and info.version <= self.snapshot.version):
            return
        try:
            base = open_snapshot(info)
        except (OSError, ValueError):
            logger.exception(
                "memory snapshot %s could not be opened; keeping what is in use", info.path
            )
            return
        self.base, self.snapshot = base, info
        self.tail = TmIndex()
        self.last_id, self.last_change_id = info.last_unit_id, info.last_change_id
        self.gap = self.caught_up = self.started = False
        logger.info("memory snapshot %s in use: %s units", info.version, info.units)

    def _ask(self) -> None:
        now = time.monotonic()
        if self.want_snapshot is None or now - self._asked < ASK_EVERY:
            return
        self._asked = now
        try:
            self.want_snapshot()
        except Exception:  # the queue being down must not fail a lookup
            logger.exception("could not ask for a memory snapshot")
