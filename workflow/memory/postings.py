"""The storage of the memory index: trigram postings and strings in numpy arrays.

A :class:`Segment` holds a run of units: for each trigram hash the sorted numbers of the units
that contain it (CSR-style arrays, no Python object per posting) and the units' texts as one
NUL-joined string with offsets. :func:`trigram_keys` cuts normalized texts into hashed
character trigrams with start and end marks; :func:`build_postings` turns a batch of texts into
a segment's arrays; :func:`merge_segments` joins two segments. :mod:`workflow.memory.index`
searches over them.
"""

from __future__ import annotations

import mmap
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from workflow.memory.units import normalize

Text = str | mmap.mmap
"""Texts joined with NUL: a ``str`` in memory (offsets in characters) or a snapshot's file
mapped read-only (UTF-8, offsets in bytes)."""
U32 = npt.NDArray[np.uint32]
I64 = npt.NDArray[np.int64]
KEY_BATCH = 4096
START, END = "\x02", "\x03"
HASH_MUL = np.uint64(0x9E3779B97F4A7C15)
# Control marks cannot occur inside an indexed text: they delimit texts in a batch.
INDEX_TEXT = str.maketrans({"\x00": " ", START: " ", END: " "})
STORED_TEXT = str.maketrans({"\x00": None})


@dataclass(frozen=True, slots=True)
class Segment:
    """Units ``base`` … ``base + size - 1``: postings by trigram hash, strings as blobs."""

    base: int
    size: int
    keys: U32  # sorted unique trigram hashes
    starts: I64  # postings of keys[i] are units[starts[i]:starts[i + 1]]
    units: U32  # unit numbers (global), ascending within each key
    sources: Text  # texts joined with NUL; text i is sources[off[i]:off[i + 1] - 1]
    source_off: I64
    targets: Text
    target_off: I64
    contexts: Text
    context_off: I64

    def postings(self, qkeys: U32) -> tuple[I64, I64]:
        """Start and end offsets into ``units`` for each query key (equal when absent)."""
        idx = np.searchsorted(self.keys, qkeys)
        idx[idx >= len(self.keys)] = 0
        lo = self.starts[idx]
        hi = self.starts[idx + 1]
        found = self.keys[idx] == qkeys
        return np.where(found, lo, 0), np.where(found, hi, 0)


def piece(text: Text, start: int, end: int) -> str:
    """``text[start:end]`` as a ``str`` (decoded from a mapped file)."""
    if isinstance(text, str):
        return text[start:end]
    return text[start:end].decode()


class Column:
    """A growable numpy column (doubling), written in place, read through ``data``."""

    def __init__(self, dtype: Any, data: npt.NDArray[Any] | None = None) -> None:
        self.data: npt.NDArray[Any] = np.zeros(1024, dtype=dtype) if data is None else data

    def put(self, at: int, values: npt.ArrayLike) -> None:
        values = np.asarray(values, dtype=self.data.dtype)
        end = at + len(values)
        if end > len(self.data):
            grown = np.zeros(max(end, 2 * len(self.data)), dtype=self.data.dtype)
            grown[: len(self.data)] = self.data
            self.data = grown
        self.data[at:end] = values


class Interned:
    """Repeated strings (languages, people, articles) as small numbers; 0 is ``None``."""

    def __init__(self) -> None:
        self.values: list[str | None] = [None]
        self._ids: dict[str, int] = {}

    def id(self, value: str | None) -> int:
        if value is None:
            return 0
        got = self._ids.get(value)
        if got is None:
            got = self._ids[value] = len(self.values)
            self.values.append(value)
        return got

    def find(self, value: str) -> int | None:
        return self._ids.get(value)

    def load(self, values: list[str | None]) -> None:
        """Take the table of another index (``values[0]`` is ``None``)."""
        self.values = [None, *values[1:]]
        self._ids = {v: i for i, v in enumerate(self.values) if v is not None}


def trigram_keys(texts: Sequence[str]) -> tuple[U32, I64]:
    """Hashed trigrams of each text (normalized, lower-cased, marked at start and end).

    Returns the hashes and, for each, the index of its text in ``texts``; a text may repeat
    a hash. Done for the whole batch at once on the UTF-32 code points.
    """
    if not texts:
        return np.zeros(0, np.uint32), np.zeros(0, np.int64)
    joined = "".join(START + normalize(clean(t, INDEX_TEXT)).lower() + END for t in texts)
    cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    owner = np.cumsum(cp == ord(START)) - 1
    a, b, c = cp[:-2].astype(np.uint64), cp[1:-1].astype(np.uint64), cp[2:].astype(np.uint64)
    valid = (cp[:-2] != ord(END)) & (cp[1:-1] != ord(END))
    packed = (a << np.uint64(42)) | (b << np.uint64(21)) | c  # exact: code points < 2**21
    hashed = ((packed * HASH_MUL) >> np.uint64(32)).astype(np.uint32)
    return hashed[valid], owner[:-2][valid]


def clean(text: str, table: dict[int, Any]) -> str:
    """``text`` without NUL and the batch marks (rare: checked before translating)."""
    if "\x00" in text or START in text or END in text:
        return text.translate(table)
    return text


def sorted_unique(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    values.sort()  # numpy's own unique hashes first, several times slower here
    keep = np.empty(len(values), bool)
    keep[:1] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def blob(texts: Iterable[str]) -> tuple[str, I64]:
    parts = [clean(t, STORED_TEXT) for t in texts]
    offsets = np.zeros(len(parts) + 1, np.int64)
    np.cumsum([len(p) + 1 for p in parts], out=offsets[1:])
    return "\x00".join(parts) + "\x00", offsets


def build_postings(texts: Sequence[str], base: int) -> tuple[U32, I64, U32]:
    """Sorted unique trigram keys of ``texts`` (units ``base``…), their starts, the units.

    The trigrams are made a slice of texts at a time to keep the temporary arrays small.
    """
    parts = []
    for i in range(0, len(texts), KEY_BATCH):
        hashes, owners = trigram_keys(texts[i : i + KEY_BATCH])
        owners += base + i
        parts.append((hashes.astype(np.uint64) << np.uint64(32)) | owners.astype(np.uint64))
        del hashes, owners
    packed = sorted_unique(np.concatenate(parts) if parts else np.zeros(0, np.uint64))
    del parts
    keys = (packed >> np.uint64(32)).astype(np.uint32)
    units = (packed & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    del packed
    change = np.flatnonzero(keys[1:] != keys[:-1]) + 1
    starts = np.concatenate(([0], change, [len(keys)])).astype(np.int64)
    return keys[starts[:-1]], starts, units


def merge_segments(a: Segment, b: Segment) -> Segment:
    """One segment holding the units of two adjacent ones (``a`` before ``b``)."""
    packed = []
    for seg in (a, b):
        repeated = np.repeat(seg.keys, np.diff(seg.starts)).astype(np.uint64)
        packed.append((repeated << np.uint64(32)) | seg.units.astype(np.uint64))
    both = np.sort(np.concatenate(packed))
    keys = (both >> np.uint64(32)).astype(np.uint32)
    units = (both & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    change = np.flatnonzero(keys[1:] != keys[:-1]) + 1
    starts = np.concatenate(([0], change, [len(keys)])).astype(np.int64)

    def join(x: Text, xo: I64, y: Text, yo: I64) -> tuple[str, I64]:
        assert isinstance(x, str) and isinstance(y, str), "only segments in memory merge"
        return x + y, np.concatenate((xo, yo[1:] + xo[-1]))

    sources, source_off = join(a.sources, a.source_off, b.sources, b.source_off)
    targets, target_off = join(a.targets, a.target_off, b.targets, b.target_off)
    contexts, context_off = join(a.contexts, a.context_off, b.contexts, b.context_off)
    return Segment(
        a.base, a.size + b.size, keys[starts[:-1]], starts, units, sources, source_off,
        targets, target_off, contexts, context_off,
    )  # fmt: skip


def str_bytes(text: Text) -> int:
    return sys.getsizeof(text) if isinstance(text, str) else len(text)


@dataclass(frozen=True, slots=True)
class UnitFilter:
    """Which units a lookup may return: of these desks (None: any), not of these articles."""

    desks: npt.NDArray[np.uint16] | None
    hidden: npt.NDArray[np.uint32] | None

    @property
    def active(self) -> bool:
        return self.desks is not None or self.hidden is not None

    @property
    def key(self) -> tuple[bytes, bytes]:
        """Identifies the filter (a desk set and hidden set) for the masks' cache."""
        desks = b"*" if self.desks is None else np.sort(self.desks).tobytes()
        hidden = b"" if self.hidden is None else np.sort(self.hidden).tobytes()
        return desks, hidden

    def keeps(self, desk: npt.NDArray[Any], article: npt.NDArray[Any], o: int) -> bool:
        """Whether unit number ``o`` passes (one at a time, for the concordance scan)."""
        if self.desks is not None and desk[o] not in self.desks:
            return False
        return self.hidden is None or article[o] not in self.hidden

    def keep(
        self, desk: npt.NDArray[Any], article: npt.NDArray[Any], ords: npt.NDArray[Any]
    ) -> npt.NDArray[np.bool_]:
        """For each unit number in ``ords``, whether it passes."""
        keep = np.ones(len(ords), bool)
        if self.desks is not None:
            desks_of = desk[ords]
            keep &= (
                desks_of == self.desks[0] if len(self.desks) == 1 else np.isin(desks_of, self.desks)
            )
        if self.hidden is not None:
            keep &= ~np.isin(article[ords], self.hidden)
        return keep


def segment_at(segments: tuple[Segment, ...], o: int) -> Segment:
    """The segment holding unit number ``o`` (segments are few and in unit order)."""
    lo, hi = 0, len(segments)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if segments[mid].base <= o:
            lo = mid
        else:
            hi = mid
    return segments[lo]


def text_at(segments: tuple[Segment, ...], o: int, side: str) -> str:
    """Unit ``o``'s ``source``, ``target`` or ``context`` text."""
    seg = segment_at(segments, o)
    i = o - seg.base
    if side == "source":
        return piece(seg.sources, int(seg.source_off[i]), int(seg.source_off[i + 1]) - 1)
    if side == "target":
        return piece(seg.targets, int(seg.target_off[i]), int(seg.target_off[i + 1]) - 1)
    return piece(seg.contexts, int(seg.context_off[i]), int(seg.context_off[i + 1]) - 1)


def sources_at(segments: tuple[Segment, ...], ords: npt.NDArray[np.int64]) -> list[str]:
    """The stored source texts of units ``ords``, in that order (one pass per segment)."""
    bases = np.fromiter((s.base for s in segments), np.int64, len(segments))
    which = np.searchsorted(bases, ords, side="right") - 1
    out = [""] * len(ords)
    for si in np.unique(which).tolist():
        seg = segments[si]
        pos = np.flatnonzero(which == si)
        local = ords[pos] - seg.base
        starts = seg.source_off[local].tolist()
        ends = seg.source_off[local + 1].tolist()
        for p, start, end in zip(pos.tolist(), starts, ends, strict=True):
            out[p] = piece(seg.sources, start, end - 1)
    return out
