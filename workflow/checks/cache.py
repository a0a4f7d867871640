"""The process's cache of QA findings: the checks are pure, so they run once per context."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class FindingsCache:
    """QA findings by check context (source, target, languages, kind, term hits): the checks
    are pure, so a segment's findings are computed once per text, not on every page."""

    size: int = 50_000
    items: OrderedDict[Any, Any] = field(default_factory=OrderedDict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def get_or_compute(self, key: Any, compute: Callable[[], Any]) -> Any:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        value = compute()
        with self.lock:
            self.items[key] = value
            if len(self.items) > self.size:
                self.items.popitem(last=False)
        return value
