"""A cache of machine translations per provider, language pair and text.

:class:`MtCache` is the protocol the service uses; :class:`LruCache` is the in-process,
size-bounded implementation. A database-backed cache only needs ``get`` and ``put``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Protocol

__all__ = ["CacheKey", "LruCache", "MtCache"]


@dataclass(frozen=True)
class CacheKey:
    """What a cached translation depends on. ``text`` is the source text as given."""

    provider: str
    source_lang: str
    target_lang: str
    text: str


class MtCache(Protocol):
    """Where machine translations are remembered; implementations must be thread-safe."""

    def get(self, key: CacheKey) -> str | None:
        """The cached translation, or ``None``."""
        ...

    def put(self, key: CacheKey, translation: str) -> None:
        """Remember a translation (replacing any older one)."""
        ...


class LruCache:
    """At most ``maxsize`` translations in memory, least recently used dropped first."""

    def __init__(self, maxsize: int = 4096) -> None:
        if maxsize < 1:
            raise ValueError("maxsize must be at least 1")
        self.maxsize = maxsize
        self.hits = 0
        self.misses = 0
        self._items: OrderedDict[CacheKey, str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: CacheKey) -> str | None:
        with self._lock:
            value = self._items.get(key)
            if value is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return value

    def put(self, key: CacheKey, translation: str) -> None:
        with self._lock:
            self._items[key] = translation
            self._items.move_to_end(key)
            while len(self._items) > self.maxsize:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)
