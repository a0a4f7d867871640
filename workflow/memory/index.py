"""The in-memory translation-memory index: trigram candidates, then Levenshtein ranking.

Used by every deployment (SQLite and PostgreSQL alike): the services fill it at start-up with
:meth:`TmIndex.from_units` from the stored units and call :meth:`TmIndex.add` for each newly
approved pair, which is searchable as soon as ``add`` returns — there is no rebuild.

How a lookup works (``bench/tm.py`` measures it at 1M units):

1. The query is normalized (whitespace collapsed, lower-cased) and cut into character
   trigrams, with a start and an end mark so that short texts and sentence edges count.
   Korean syllables are characters, so a trigram is three syllables (or two and a space).
2. Each trigram is hashed to 32 bits; every *segment* of the index holds, for each hash,
   the sorted numbers of the units containing it (CSR-style numpy arrays, no Python object
   per posting). The query's trigrams are taken rarest first until a budget of postings is
   reached, their postings counted with ``numpy.bincount``, and the units sharing the most
   of them become candidates (at most :data:`CANDIDATES`, after a length bound that no unit
   below ``min_score`` can pass).
3. The candidates are scored with rapidfuzz (normalized Levenshtein similarity, see
   :func:`workflow.memory.units.similarity`) and ranked by :func:`workflow.memory.units.rank_key`.

Strings are kept per segment as one ``str`` joined with NULs plus offsets, metadata as numpy
arrays; :class:`~workflow.memory.units.TmUnit` objects are made only for the matches returned. At 1M
Korean units of ~70 syllables (``bench/tm.py``, 2 cores): build ~26–35 s, the index holds
690 MB (peak 873 MB while building), top-5 p50 ≈ 5 ms, p95 ≈ 9–13 ms, and the best match
of a full scan is found for 99.5 % of queries.

Lookups may be limited to some desks (``desks``) and leave out the units of some articles
(``hidden_articles``: embargoed ones); both filters act on the candidates *before* they
are thinned to the best-sharing ones, so units of other desks never crowd out the allowed
ones, and a unit that is filtered out costs nothing afterwards. Nothing is removed: when
an embargo is lifted, its article's units are found again at once.

Writes (``add``, ``add_many``, ``remove``) are serialized by a lock; searches may run in
other threads at the same time and see either the old or the new set of segments.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import islice
from typing import Any, Final

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from workflow.memory.units import (
    ORIGINS,
    TmMatch,
    TmUnit,
    check_origin,
    match_for,
    normalize,
    rank_key,
)

BUILD_CHUNK: Final = 131_072
"""Units per segment when many are added at once; also the largest merged segment."""
POSTINGS_BUDGET: Final = 250_000
"""Postings counted per query: the rarest trigrams are taken until this many are reached."""
MIN_TRIGRAMS: Final = 4
"""Trigrams always counted, however common, so that a query of common words still ranks."""
CANDIDATES: Final = 300
"""Units scored with rapidfuzz per query: those sharing the most counted trigrams."""
CANDIDATE_FRACTION: Final = 0.4
"""A candidate shares at least this share of the best candidate's counted trigrams."""

_KEY_BATCH = 4096
_MASKS = 16  # filters whose unit masks are kept (desk sets of users × embargo states)
_U32 = npt.NDArray[np.uint32]
_I64 = npt.NDArray[np.int64]
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_NO_TIME: Final = np.iinfo(np.int64).min
_ALIVE, _NAIVE, _HAS_CONTEXT, _NORMALIZED = 1, 2, 4, 8
_START, _END = "\x02", "\x03"
_HASH_MUL = np.uint64(0x9E3779B97F4A7C15)
# Control marks cannot occur inside an indexed text: they delimit texts in a batch.
_INDEX_TEXT = str.maketrans({"\x00": " ", _START: " ", _END: " "})
_STORED_TEXT = str.maketrans({"\x00": None})


@dataclass(frozen=True, slots=True)
class _Segment:
    """Units ``base`` … ``base + size - 1``: postings by trigram hash, strings as blobs."""

    base: int
    size: int
    keys: _U32  # sorted unique trigram hashes
    starts: _I64  # postings of keys[i] are units[starts[i]:starts[i + 1]]
    units: _U32  # unit numbers (global), ascending within each key
    sources: str  # texts joined with NUL; text i is sources[off[i]:off[i + 1] - 1]
    source_off: _I64
    targets: str
    target_off: _I64
    contexts: str
    context_off: _I64

    def postings(self, qkeys: _U32) -> tuple[_I64, _I64]:
        """Start and end offsets into ``units`` for each query key (equal when absent)."""
        idx = np.searchsorted(self.keys, qkeys)
        idx[idx >= len(self.keys)] = 0
        lo = self.starts[idx]
        hi = self.starts[idx + 1]
        found = self.keys[idx] == qkeys
        return np.where(found, lo, 0), np.where(found, hi, 0)


class _Column:
    """A growable numpy column (doubling), written in place, read through ``data``."""

    def __init__(self, dtype: Any) -> None:
        self.data: npt.NDArray[Any] = np.zeros(1024, dtype=dtype)

    def put(self, at: int, values: npt.ArrayLike) -> None:
        values = np.asarray(values, dtype=self.data.dtype)
        end = at + len(values)
        if end > len(self.data):
            grown = np.zeros(max(end, 2 * len(self.data)), dtype=self.data.dtype)
            grown[: len(self.data)] = self.data
            self.data = grown
        self.data[at:end] = values


class _Interned:
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


def trigram_keys(texts: Sequence[str]) -> tuple[_U32, _I64]:
    """Hashed trigrams of each text (normalized, lower-cased, marked at start and end).

    Returns the hashes and, for each, the index of its text in ``texts``; a text may repeat
    a hash. Done for the whole batch at once on the UTF-32 code points.
    """
    if not texts:
        return np.zeros(0, np.uint32), np.zeros(0, np.int64)
    joined = "".join(_START + normalize(_clean(t, _INDEX_TEXT)).lower() + _END for t in texts)
    cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    owner = np.cumsum(cp == ord(_START)) - 1
    a, b, c = cp[:-2].astype(np.uint64), cp[1:-1].astype(np.uint64), cp[2:].astype(np.uint64)
    valid = (cp[:-2] != ord(_END)) & (cp[1:-1] != ord(_END))
    packed = (a << np.uint64(42)) | (b << np.uint64(21)) | c  # exact: code points < 2**21
    hashed = ((packed * _HASH_MUL) >> np.uint64(32)).astype(np.uint32)
    return hashed[valid], owner[:-2][valid]


def _clean(text: str, table: dict[int, Any]) -> str:
    """``text`` without NUL and the batch marks (rare: checked before translating)."""
    if "\x00" in text or _START in text or _END in text:
        return text.translate(table)
    return text


def _sorted_unique(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    values.sort()  # numpy's own unique hashes first, several times slower here
    keep = np.empty(len(values), bool)
    keep[:1] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def _blob(texts: Iterable[str]) -> tuple[str, _I64]:
    parts = [_clean(t, _STORED_TEXT) for t in texts]
    offsets = np.zeros(len(parts) + 1, np.int64)
    np.cumsum([len(p) + 1 for p in parts], out=offsets[1:])
    return "\x00".join(parts) + "\x00", offsets


def _postings(texts: Sequence[str], base: int) -> tuple[_U32, _I64, _U32]:
    """Sorted unique trigram keys of ``texts`` (units ``base``…), their starts, the units.

    The trigrams are made a slice of texts at a time to keep the temporary arrays small.
    """
    parts = []
    for i in range(0, len(texts), _KEY_BATCH):
        hashes, owners = trigram_keys(texts[i : i + _KEY_BATCH])
        owners += base + i
        parts.append((hashes.astype(np.uint64) << np.uint64(32)) | owners.astype(np.uint64))
        del hashes, owners
    packed = _sorted_unique(np.concatenate(parts) if parts else np.zeros(0, np.uint64))
    del parts
    keys = (packed >> np.uint64(32)).astype(np.uint32)
    units = (packed & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    del packed
    change = np.flatnonzero(keys[1:] != keys[:-1]) + 1
    starts = np.concatenate(([0], change, [len(keys)])).astype(np.int64)
    return keys[starts[:-1]], starts, units


class TmIndex:
    """Fuzzy lookup over translation-memory units; see the module docstring for how.

    Units are added with :meth:`add` / :meth:`add_many` (a unit whose id is already in the
    index replaces it) and removed with :meth:`remove`. :meth:`search` returns the best
    matches for a source text, :meth:`concordance` the units whose source or target contains
    a string.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._segments: tuple[_Segment, ...] = ()
        self._count = 0  # unit numbers used, dead ones included
        self._alive = 0
        self._max_id = -1
        self._ids = _Column(np.int64)
        self._flags = _Column(np.uint8)
        self._origin = _Column(np.uint8)
        self._source_lang = _Column(np.uint16)
        self._target_lang = _Column(np.uint16)
        self._article = _Column(np.uint32)
        self._translator = _Column(np.uint32)
        self._approver = _Column(np.uint32)
        self._desk = _Column(np.uint16)
        self._created = _Column(np.int64)  # microseconds since the epoch, UTC
        self._length = _Column(np.uint32)  # of the normalized source
        self._langs = _Interned()
        self._people = _Interned()
        self._articles = _Interned()
        self._desks = _Interned()
        self._masks: OrderedDict[tuple[bytes, bytes], tuple[npt.NDArray[np.bool_], int]] = (
            OrderedDict()
        )
        self._masks_lock = threading.Lock()

    @classmethod
    def from_units(cls, units: Iterable[TmUnit]) -> TmIndex:
        """An index of ``units``, read as a stream in chunks (the start-up build)."""
        index = cls()
        index.add_many(units)
        return index

    def __len__(self) -> int:
        return self._alive

    # -- writing -----------------------------------------------------------------------------

    def add(self, unit: TmUnit) -> None:
        """Add (or replace, by id) one unit; it is searchable when this returns."""
        self.add_many((unit,))

    def add_many(self, units: Iterable[TmUnit]) -> int:
        """Add (or replace, by id) units, read in chunks; returns how many were added."""
        total = 0
        it = iter(units)
        while chunk := list(islice(it, BUILD_CHUNK)):
            for unit in chunk:
                check_origin(unit.origin)
            with self._lock:
                self._add_chunk(chunk)
            total += len(chunk)
        return total

    def remove(self, unit_id: int) -> bool:
        """Drop the unit with this id; ``False`` if there is none."""
        with self._lock:
            hits = np.flatnonzero(self._ids.data[: self._count] == unit_id)
            return self._kill(hits) > 0

    def _kill(self, ords: npt.NDArray[Any]) -> int:
        flags = self._flags.data
        live = ords[(flags[ords] & _ALIVE) != 0]
        flags[live] &= ~np.uint8(_ALIVE)
        self._alive -= len(live)
        return len(live)

    def _add_chunk(self, chunk: list[TmUnit]) -> None:
        base, n = self._count, len(chunk)
        ids = np.fromiter((u.id for u in chunk), np.int64, n)
        # Replacement by id: older copies die, within the chunk the last one wins.
        if n and (base and int(ids.min()) <= self._max_id):
            self._kill(np.flatnonzero(np.isin(self._ids.data[:base], ids)))
        _, last = np.unique(ids[::-1], return_index=True)
        keep = np.zeros(n, bool)
        keep[n - 1 - last] = True
        self._max_id = max(self._max_id, int(ids.max()))

        created = np.empty(n, np.int64)
        lengths = np.empty(n, np.uint32)
        flags = np.where(keep, _ALIVE, 0).astype(np.uint8)
        for i, u in enumerate(chunk):
            when = u.created_at
            if when is None:
                created[i] = _NO_TIME
            else:
                if when.tzinfo is None:
                    flags[i] |= _NAIVE
                    when = when.replace(tzinfo=UTC)
                created[i] = (when - _EPOCH) // timedelta(microseconds=1)
            if u.context is not None:
                flags[i] |= _HAS_CONTEXT
            normal = normalize(u.source)
            if normal == u.source:
                flags[i] |= _NORMALIZED
            lengths[i] = len(normal)
        langs, people, articles = self._langs, self._people, self._articles
        self._ids.put(base, ids)
        self._flags.put(base, flags)
        self._origin.put(base, [ORIGINS.index(u.origin) for u in chunk])
        self._source_lang.put(base, [langs.id(u.source_lang) for u in chunk])
        self._target_lang.put(base, [langs.id(u.target_lang) for u in chunk])
        self._article.put(base, [articles.id(u.article) for u in chunk])
        self._translator.put(base, [people.id(u.translator) for u in chunk])
        self._approver.put(base, [people.id(u.approver) for u in chunk])
        self._desk.put(base, [self._desks.id(u.desk) for u in chunk])
        self._created.put(base, created)
        self._length.put(base, lengths)

        keys, starts, posted = _postings([u.source for u in chunk], base)
        sources, source_off = _blob(u.source for u in chunk)
        targets, target_off = _blob(u.target for u in chunk)
        contexts, context_off = _blob(u.context or "" for u in chunk)
        segment = _Segment(
            base, n, keys, starts, posted, sources, source_off, targets, target_off,
            contexts, context_off,
        )  # fmt: skip
        self._count += n
        self._alive += int(keep.sum())
        self._segments = self._merged((*self._segments, segment))

    @staticmethod
    def _merged(segments: tuple[_Segment, ...]) -> tuple[_Segment, ...]:
        """Merge the last two segments while they are of similar size and small enough."""
        segs = list(segments)
        while len(segs) >= 2:
            a, b = segs[-2], segs[-1]
            if a.size > 2 * b.size or a.size + b.size > BUILD_CHUNK:
                break
            segs[-2:] = [_merge(a, b)]
        return tuple(segs)

    # -- reading -----------------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        target_lang: str,
        k: int = 5,
        min_score: float = 50.0,
        context: str | None = None,
        source_lang: str | None = None,
        desks: Collection[str] | None = None,
        hidden_articles: Collection[str] = (),
    ) -> list[TmMatch]:
        """The ``k`` best units for ``query`` into ``target_lang``, scoring ``min_score`` % up.

        Only units of ``desks`` (None: every desk) and not of ``hidden_articles`` (slugs)
        are considered. Order: exact match in the same ``context`` first, then exact, then
        score, then origin (approved, imported, aligned), then newest.
        """
        q = normalize(query)
        tlang = self._langs.find(target_lang)
        slang = self._langs.find(source_lang) if source_lang is not None else 0
        segments = self._segments
        allowed = self._filter(desks, hidden_articles)
        if not q or tlang is None or slang is None or not segments or k <= 0 or allowed is None:
            return []
        cands = self._candidates(q, segments, tlang, slang, min_score, allowed)
        if not len(cands):
            return []
        cutoff = min_score / 100.0
        scores = process.cdist(
            [q],
            self._sources(segments, cands),
            scorer=Levenshtein.normalized_similarity,
            dtype=np.float64,
            score_cutoff=cutoff,
        )[0]
        # rapidfuzz rounds the cutoff to a whole distance: filter again.
        ok = scores >= cutoff
        ords, scores = cands[ok], scores[ok]
        if not len(ords):
            return []
        # Rank on arrays; make units only for the k kept.
        exact = scores >= 1.0
        same = np.zeros(len(ords), bool)
        if context is not None:
            for i in np.flatnonzero(exact):
                same[i] = self._context(segments, int(ords[i])) == context
        created = self._created.data[ords].astype(np.float64)
        order = np.lexsort((-created, self._origin.data[ords], -scores, ~exact, ~same))
        matches = [
            match_for(self._unit(segments, int(ords[i])), q, float(scores[i]) * 100.0, context)
            for i in order[:k]
        ]
        matches.sort(key=rank_key)
        return matches

    def _sources(self, segments: tuple[_Segment, ...], ords: npt.NDArray[np.int64]) -> list[str]:
        """The normalized sources of units ``ords``, in that order."""
        bases = np.fromiter((s.base for s in segments), np.int64, len(segments))
        which = np.searchsorted(bases, ords, side="right") - 1
        out = [""] * len(ords)
        for si in np.unique(which).tolist():
            seg = segments[si]
            pos = np.flatnonzero(which == si)
            local = ords[pos] - seg.base
            blob = seg.sources
            starts = seg.source_off[local].tolist()
            ends = seg.source_off[local + 1].tolist()
            for p, start, end in zip(pos.tolist(), starts, ends, strict=True):
                out[p] = blob[start : end - 1]
        flags = self._flags.data[ords]
        for p in np.flatnonzero((flags & _NORMALIZED) == 0).tolist():
            out[p] = normalize(out[p])
        return out

    def _candidates(
        self,
        q: str,
        segments: tuple[_Segment, ...],
        tlang: int,
        slang: int,
        min_score: float,
        allowed: _Filter,
    ) -> npt.NDArray[np.int64]:
        """Unit numbers worth scoring: alive, right languages and desks, not hidden, most
        trigrams shared."""
        qkeys = np.unique(trigram_keys([q])[0])
        spans = [seg.postings(qkeys) for seg in segments]
        df = np.zeros(len(qkeys), np.int64)
        for lo, hi in spans:
            df += hi - lo
        order = np.argsort(df, kind="stable")
        order = order[df[order] > 0]
        if not len(order):
            return np.zeros(0, np.int64)
        cum = np.cumsum(df[order])
        take = max(int(np.searchsorted(cum, POSTINGS_BUDGET, side="right")), MIN_TRIGRAMS)
        chosen = order[:take]
        parts: list[_U32] = []
        for seg, (lo, hi) in zip(segments, spans, strict=True):
            units = seg.units
            parts.extend(units[s:e] for s, e in zip(lo[chosen], hi[chosen], strict=True) if e > s)
        counts = np.bincount(np.concatenate(parts))
        if allowed.active:
            # Before the bar is set: the best-sharing units of other desks (or embargoed
            # articles) must not set a bar that the allowed ones cannot reach.
            counts *= self._mask(allowed)[: len(counts)]
        best = int(counts.max())
        if not best:
            return np.zeros(0, np.int64)
        cands = np.flatnonzero(counts >= max(1, int(np.ceil(best * CANDIDATE_FRACTION))))
        # Filters on the (much smaller) candidate set.
        keep = (self._flags.data[cands] & _ALIVE) != 0
        keep &= self._target_lang.data[cands] == tlang
        if slang:
            keep &= self._source_lang.data[cands] == slang
        length = self._length.data[cands].astype(np.float64)
        shorter, longer = np.minimum(length, len(q)), np.maximum(length, len(q))
        keep &= shorter * 100.0 >= min_score * longer  # Levenshtein similarity <= short/long
        cands = cands[keep]
        if len(cands) > CANDIDATES:
            top = np.argpartition(-counts[cands], CANDIDATES - 1)[:CANDIDATES]
            cands = cands[top]
        out: npt.NDArray[np.int64] = cands.astype(np.int64)
        return out

    def concordance(
        self,
        text: str,
        *,
        side: str = "source",
        limit: int = 50,
        target_lang: str | None = None,
        desks: Collection[str] | None = None,
        hidden_articles: Collection[str] = (),
    ) -> list[TmUnit]:
        """Units whose source (or target) contains ``text`` as typed, newest first.

        Case-sensitive substring search over the stored strings, scanned from the newest
        segment back until ``limit`` units are found (one pass over 1M units takes ~50 ms);
        ``desks`` and ``hidden_articles`` filter as in :meth:`search`.
        """
        if side not in ("source", "target"):
            raise ValueError(f"side must be 'source' or 'target', not {side!r}")
        needle = _clean(text, _STORED_TEXT)
        tlang = self._langs.find(target_lang) if target_lang is not None else 0
        allowed = self._filter(desks, hidden_articles)
        if not needle or tlang is None or limit <= 0 or allowed is None:
            return []
        segments = self._segments
        flags, langs = self._flags.data, self._target_lang.data
        found: list[TmUnit] = []
        for seg in reversed(segments):
            blob, off = (
                (seg.sources, seg.source_off) if side == "source" else (seg.targets, seg.target_off)
            )
            end = len(blob)
            while (at := blob.rfind(needle, 0, end)) >= 0:
                local = int(np.searchsorted(off, at, side="right")) - 1
                end = int(off[local])
                o = seg.base + local
                ok = flags[o] & _ALIVE and (not tlang or langs[o] == tlang)
                if ok and (not allowed.active or allowed.keeps(self, o)):
                    found.append(self._unit(segments, o))
                    if len(found) >= limit:
                        return found
                if end == 0:
                    break
        return found

    def _mask(self, allowed: _Filter) -> npt.NDArray[np.bool_]:
        """Which unit numbers ``allowed`` lets through, as one boolean array.

        Kept for the last few filters and extended as units are added (a unit number's
        desk and article never change), so a filtered lookup costs one more pass over the
        counts, not a pass over every unit.
        """
        with self._masks_lock:
            count = self._count
            mask, upto = self._masks.pop(allowed.key, (np.zeros(0, bool), 0))
            if upto < count:
                grown = np.zeros(max(count, 2 * len(mask)), bool)
                grown[:upto] = mask[:upto]
                grown[upto:count] = allowed.keep(self, np.arange(upto, count))
                mask, upto = grown, count
            self._masks[allowed.key] = (mask, upto)
            while len(self._masks) > _MASKS:
                self._masks.popitem(last=False)
        return mask[:count]

    def target_langs(self) -> list[str]:
        """The target languages of the units, sorted."""
        with self._lock:
            used = np.unique(self._target_lang.data[: self._count]).tolist()
        return sorted(v for i in used if (v := self._langs.values[i]) is not None)

    def _filter(self, desks: Collection[str] | None, hidden: Collection[str]) -> _Filter | None:
        """The filter for these desks and hidden articles; None when no unit can pass."""
        desk_ids = None
        if desks is not None:
            desk_ids = np.array(
                [i for d in desks if (i := self._desks.find(d)) is not None], np.uint16
            )
            if not len(desk_ids):
                return None
        hidden_ids = np.array(
            [i for a in hidden if (i := self._articles.find(a)) is not None], np.uint32
        )
        return _Filter(desk_ids, hidden_ids if len(hidden_ids) else None)

    def get(self, unit_id: int) -> TmUnit | None:
        """The unit with this id, or ``None``."""
        hits = np.flatnonzero(self._ids.data[: self._count] == unit_id)
        for o in hits[::-1]:
            if self._flags.data[o] & _ALIVE:
                return self._unit(self._segments, int(o))
        return None

    def __iter__(self) -> Iterator[TmUnit]:
        """Every live unit, oldest first (for an export)."""
        segments = self._segments
        for seg in segments:
            for o in range(seg.base, seg.base + seg.size):
                if self._flags.data[o] & _ALIVE:
                    yield self._unit(segments, o)

    def nbytes(self) -> int:
        """Bytes held by the index's arrays and strings (not the interned tables)."""
        total = sum(
            c.data.nbytes
            for c in (
                self._ids, self._flags, self._origin, self._source_lang, self._target_lang,
                self._article, self._translator, self._approver, self._desk, self._created,
                self._length,
            )
        )  # fmt: skip
        for seg in self._segments:
            total += seg.keys.nbytes + seg.starts.nbytes + seg.units.nbytes
            total += seg.source_off.nbytes + seg.target_off.nbytes + seg.context_off.nbytes
            total += _str_bytes(seg.sources) + _str_bytes(seg.targets) + _str_bytes(seg.contexts)
        return total

    # -- units from the arrays ---------------------------------------------------------------

    @staticmethod
    def _segment(segments: tuple[_Segment, ...], o: int) -> _Segment:
        lo, hi = 0, len(segments)
        while hi - lo > 1:  # bisect on base: segments are few and in unit order
            mid = (lo + hi) // 2
            if segments[mid].base <= o:
                lo = mid
            else:
                hi = mid
        return segments[lo]

    def _text(self, segments: tuple[_Segment, ...], o: int, side: str) -> str:
        seg = self._segment(segments, o)
        i = o - seg.base
        if side == "source":
            return seg.sources[seg.source_off[i] : seg.source_off[i + 1] - 1]
        return seg.targets[seg.target_off[i] : seg.target_off[i + 1] - 1]

    def _context(self, segments: tuple[_Segment, ...], o: int) -> str | None:
        if not self._flags.data[o] & _HAS_CONTEXT:
            return None
        seg = self._segment(segments, o)
        i = o - seg.base
        return seg.contexts[seg.context_off[i] : seg.context_off[i + 1] - 1]

    def _unit(self, segments: tuple[_Segment, ...], o: int) -> TmUnit:
        flags = int(self._flags.data[o])
        micros = int(self._created.data[o])
        created: datetime | None = None
        if micros != _NO_TIME:
            created = _EPOCH + timedelta(microseconds=micros)
            if flags & _NAIVE:
                created = created.replace(tzinfo=None)
        langs, people = self._langs.values, self._people.values
        return TmUnit(
            id=int(self._ids.data[o]),
            source=self._text(segments, o, "source"),
            target=self._text(segments, o, "target"),
            source_lang=langs[int(self._source_lang.data[o])] or "",
            target_lang=langs[int(self._target_lang.data[o])] or "",
            origin=ORIGINS[int(self._origin.data[o])],
            context=self._context(segments, o),
            article=self._articles.values[int(self._article.data[o])],
            translator=people[int(self._translator.data[o])],
            approver=people[int(self._approver.data[o])],
            created_at=created,
            desk=self._desks.values[int(self._desk.data[o])] or "",
        )


@dataclass(frozen=True, slots=True)
class _Filter:
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

    def keeps(self, index: TmIndex, o: int) -> bool:
        """Whether unit number ``o`` passes (one at a time, for the concordance scan)."""
        if self.desks is not None and index._desk.data[o] not in self.desks:
            return False
        return self.hidden is None or index._article.data[o] not in self.hidden

    def keep(self, index: TmIndex, ords: npt.NDArray[Any]) -> npt.NDArray[np.bool_]:
        """For each unit number in ``ords``, whether it passes."""
        keep = np.ones(len(ords), bool)
        if self.desks is not None:
            desk = index._desk.data[ords]
            keep &= desk == self.desks[0] if len(self.desks) == 1 else np.isin(desk, self.desks)
        if self.hidden is not None:
            keep &= ~np.isin(index._article.data[ords], self.hidden)
        return keep


def _merge(a: _Segment, b: _Segment) -> _Segment:
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

    def join(x: str, xo: _I64, y: str, yo: _I64) -> tuple[str, _I64]:
        return x + y, np.concatenate((xo, yo[1:] + xo[-1]))

    sources, source_off = join(a.sources, a.source_off, b.sources, b.source_off)
    targets, target_off = join(a.targets, a.target_off, b.targets, b.target_off)
    contexts, context_off = join(a.contexts, a.context_off, b.contexts, b.context_off)
    return _Segment(
        a.base, a.size + b.size, keys[starts[:-1]], starts, units, sources, source_off,
        targets, target_off, contexts, context_off,
    )  # fmt: skip


def _str_bytes(text: str) -> int:
    return sys.getsizeof(text)
