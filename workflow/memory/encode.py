"""A batch of units as the index's arrays: the per-unit columns and one postings segment.

Shared by the in-process index (:meth:`workflow.memory.index.TmIndex.add_many`) and the
snapshot writer (:mod:`workflow.memory.snapshot`), so both hold exactly the same numbers.
Repeated strings (languages, people, articles, desks) become small numbers through the
:class:`Tables` the caller keeps for the whole index.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from workflow.memory.postings import Interned, Segment, blob, build_postings
from workflow.memory.units import ORIGINS, TmUnit, check_origin, normalize

EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
NO_TIME: Final = int(np.iinfo(np.int64).min)
ALIVE, NAIVE, HAS_CONTEXT, NORMALIZED = 1, 2, 4, 8

#: The per-unit columns and their types, in the order they are written.
COLUMNS: Final[dict[str, Any]] = {
    "ids": np.int64,
    "flags": np.uint8,
    "origin": np.uint8,
    "source_lang": np.uint16,
    "target_lang": np.uint16,
    "article": np.uint32,
    "translator": np.uint32,
    "approver": np.uint32,
    "desk": np.uint16,
    "created": np.int64,  # microseconds since the epoch, UTC
    "length": np.uint32,  # of the normalized source
}


@dataclass
class Tables:
    """The interned strings of one index."""

    langs: Interned = field(default_factory=Interned)
    people: Interned = field(default_factory=Interned)
    articles: Interned = field(default_factory=Interned)
    desks: Interned = field(default_factory=Interned)

    def to_dict(self) -> dict[str, list[str | None]]:
        return {name: list(getattr(self, name).values) for name in TABLES}

    @classmethod
    def from_dict(cls, data: dict[str, list[str | None]]) -> Tables:
        tables = cls()
        for name in TABLES:
            getattr(tables, name).load(data[name])
        return tables


TABLES: Final = ("langs", "people", "articles", "desks")


def encode(
    chunk: Sequence[TmUnit], base: int, tables: Tables
) -> tuple[dict[str, npt.NDArray[Any]], Segment]:
    """The columns (every unit alive) and the postings segment of units ``base``…"""
    n = len(chunk)
    created = np.empty(n, np.int64)
    lengths = np.empty(n, np.uint32)
    flags = np.full(n, ALIVE, np.uint8)
    for i, u in enumerate(chunk):
        check_origin(u.origin)
        when = u.created_at
        if when is None:
            created[i] = NO_TIME
        else:
            if when.tzinfo is None:
                flags[i] |= NAIVE
                when = when.replace(tzinfo=UTC)
            created[i] = (when - EPOCH) // timedelta(microseconds=1)
        if u.context is not None:
            flags[i] |= HAS_CONTEXT
        normal = normalize(u.source)
        if normal == u.source:
            flags[i] |= NORMALIZED
        lengths[i] = len(normal)
    langs, people, articles = tables.langs, tables.people, tables.articles
    cols: dict[str, npt.NDArray[Any]] = {
        "ids": np.fromiter((u.id for u in chunk), np.int64, n),
        "flags": flags,
        "origin": np.array([ORIGINS.index(u.origin) for u in chunk], np.uint8),
        "source_lang": np.array([langs.id(u.source_lang) for u in chunk], np.uint16),
        "target_lang": np.array([langs.id(u.target_lang) for u in chunk], np.uint16),
        "article": np.array([articles.id(u.article) for u in chunk], np.uint32),
        "translator": np.array([people.id(u.translator) for u in chunk], np.uint32),
        "approver": np.array([people.id(u.approver) for u in chunk], np.uint32),
        "desk": np.array([tables.desks.id(u.desk) for u in chunk], np.uint16),
        "created": created,
        "length": lengths,
    }
    keys, starts, posted = build_postings([u.source for u in chunk], base)
    sources, source_off = blob(u.source for u in chunk)
    targets, target_off = blob(u.target for u in chunk)
    contexts, context_off = blob(u.context or "" for u in chunk)
    segment = Segment(
        base, n, keys, starts, posted, sources, source_off, targets, target_off,
        contexts, context_off,
    )  # fmt: skip
    return cols, segment
