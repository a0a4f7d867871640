"""The process's copy of the memory index and how far it has read ``tm_units``."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from workflow.memory.index import TmIndex
from workflow.memory.units import TmUnit


@dataclass
class MemoryIndex:
    """The process's index over ``tm_units`` and how far it has read them."""

    index: TmIndex = field(default_factory=TmIndex)
    last_id: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def refresh(self, units_after: Callable[[int], Iterable[TmUnit]]) -> TmIndex:
        """Take in the units stored since the last look (all of them the first time);
        ``units_after(last_id)`` reads them from the store in id order."""
        with self.lock:
            added = list(units_after(self.last_id))
            if added:
                self.index.add_many(added)
                self.last_id = added[-1].id
        return self.index
