"""A small generic registry: one instance per plugin kind (importers, exporters, …)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Generic, TypeVar

from workflow.errors import UnknownPlugin

T = TypeVar("T")


class Registry(Generic[T]):
    """Plugins by id; duplicates are rejected, unknown ids list what exists."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, T] = {}

    def add(self, plugin_id: str, plugin: T) -> T:
        if plugin_id in self._items:
            raise ValueError(f"{self.kind} {plugin_id!r} is already registered")
        self._items[plugin_id] = plugin
        return plugin

    def get(self, plugin_id: str) -> T:
        try:
            return self._items[plugin_id]
        except KeyError:
            known = ", ".join(sorted(self._items)) or "none"
            raise UnknownPlugin(
                "unknown %(kind)s %(plugin_id)r; known: %(known)s",
                kind=self.kind,
                plugin_id=plugin_id,
                known=known,
            ) from None

    def ids(self) -> list[str]:
        return list(self._items)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items.values())

    def __contains__(self, plugin_id: object) -> bool:
        return plugin_id in self._items

    def __len__(self) -> int:
        return len(self._items)
