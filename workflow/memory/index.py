"""The in-memory translation-memory index: trigram candidates, then Levenshtein ranking.

Used by every deployment (SQLite and PostgreSQL alike), in two forms: a snapshot on disk
mapped read-only by every process of a server (:mod:`workflow.memory.snapshot`,
:meth:`TmIndex.from_arrays`), and each process's small tail of newer units in memory
(:meth:`TmIndex.add_many`; a unit is searchable as soon as ``add`` returns — there is no
rebuild). :mod:`workflow.memory.cache` puts the two together.

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
arrays (:mod:`workflow.memory.postings`); :class:`~workflow.memory.units.TmUnit` objects are
made only for the matches returned. ``bench/tm.py`` measures build time, memory and lookups.

Lookups may be limited to some desks (``desks``) and leave out the units of some articles
(``hidden_articles``: embargoed ones); both filters act on the candidates *before* they
are thinned to the best-sharing ones, so units of other desks never crowd out the allowed
ones, and a unit that is filtered out costs nothing afterwards. Nothing is removed: when
an embargo is lifted, its article's units are found again at once.

Writes (``add``, ``add_many``, ``remove``) are serialized by a lock; searches may run in
other threads at the same time and see either the old or the new set of segments.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Collection, Iterable, Iterator, Mapping
from datetime import datetime, timedelta
from itertools import islice
from typing import Any, Final

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from workflow.memory.encode import (
    ALIVE as _ALIVE,
)
from workflow.memory.encode import (
    COLUMNS,
    EPOCH,
    HAS_CONTEXT,
    NAIVE,
    NO_TIME,
    NORMALIZED,
    Tables,
    encode,
)
from workflow.memory.postings import (
    STORED_TEXT,
    U32,
    Column,
    Segment,
    UnitFilter,
    clean,
    merge_segments,
    sources_at,
    str_bytes,
    text_at,
    trigram_keys,
)
from workflow.memory.units import ORIGINS, TmMatch, TmUnit, match_for, normalize, rank_key

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

_MASKS = 16  # filters whose unit masks are kept (desk sets of users × embargo states)


class TmIndex:
    """Fuzzy lookup over translation-memory units; see the module docstring for how.

    Units are added with :meth:`add` / :meth:`add_many` (a unit whose id is already in the
    index replaces it) and removed with :meth:`remove`. :meth:`search` returns the best
    matches for a source text, :meth:`concordance` the units whose source or target contains
    a string.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._segments: tuple[Segment, ...] = ()
        self._count = 0  # unit numbers used, dead ones included
        self._alive = 0
        self._max_id = -1
        self._ids = Column(np.int64)
        self._flags = Column(np.uint8)
        self._origin = Column(np.uint8)
        self._source_lang = Column(np.uint16)
        self._target_lang = Column(np.uint16)
        self._article = Column(np.uint32)
        self._translator = Column(np.uint32)
        self._approver = Column(np.uint32)
        self._desk = Column(np.uint16)
        self._created = Column(np.int64)  # microseconds since the epoch, UTC
        self._length = Column(np.uint32)  # of the normalized source
        self._tables = Tables()
        self._langs, self._people = self._tables.langs, self._tables.people
        self._articles, self._desks = self._tables.articles, self._tables.desks
        self._masks: OrderedDict[tuple[bytes, bytes], tuple[npt.NDArray[np.bool_], int]] = (
            OrderedDict()
        )
        self._masks_lock = threading.Lock()

    @classmethod
    def from_arrays(
        cls,
        columns: Mapping[str, npt.NDArray[Any]],
        segments: tuple[Segment, ...],
        tables: Tables,
    ) -> TmIndex:
        """An index over arrays made by :func:`workflow.memory.encode.encode` (a snapshot's
        files mapped read-only: nothing may be added to it; ``flags`` must be writable
        for :meth:`remove_many`)."""
        index = cls()
        for name in COLUMNS:
            getattr(index, "_" + name).data = columns[name]
        index._segments = segments
        index._count = len(columns["ids"])
        index._alive = int(np.count_nonzero(columns["flags"] & _ALIVE))
        index._max_id = int(columns["ids"].max()) if index._count else -1
        index._tables = tables
        index._langs, index._people = tables.langs, tables.people
        index._articles, index._desks = tables.articles, tables.desks
        return index

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
            with self._lock:
                self._add_chunk(chunk)
            total += len(chunk)
        return total

    def remove(self, unit_id: int) -> bool:
        """Drop the unit with this id; ``False`` if there is none."""
        return self.remove_many((unit_id,)) > 0

    def remove_many(self, unit_ids: Collection[int]) -> int:
        """Drop the units with these ids (one pass over the ids); how many there were."""
        if not unit_ids:
            return 0
        wanted = np.fromiter(unit_ids, np.int64, len(unit_ids))
        with self._lock:
            return self._kill(np.flatnonzero(np.isin(self._ids.data[: self._count], wanted)))

    def _kill(self, ords: npt.NDArray[Any]) -> int:
        flags = self._flags.data
        live = ords[(flags[ords] & _ALIVE) != 0]
        flags[live] &= ~np.uint8(_ALIVE)
        self._alive -= len(live)
        return len(live)

    def _add_chunk(self, chunk: list[TmUnit]) -> None:
        base, n = self._count, len(chunk)
        cols, segment = encode(chunk, base, self._tables)
        ids = cols["ids"]
        # Replacement by id: older copies die, within the chunk the last one wins.
        if n and (base and int(ids.min()) <= self._max_id):
            self._kill(np.flatnonzero(np.isin(self._ids.data[:base], ids)))
        _, last = np.unique(ids[::-1], return_index=True)
        keep = np.zeros(n, bool)
        keep[n - 1 - last] = True
        cols["flags"][~keep] &= ~np.uint8(_ALIVE)
        self._max_id = max(self._max_id, int(ids.max()))
        for name, values in cols.items():
            getattr(self, "_" + name).put(base, values)
        self._count += n
        self._alive += int(keep.sum())
        self._segments = self._merged((*self._segments, segment))

    @staticmethod
    def _merged(segments: tuple[Segment, ...]) -> tuple[Segment, ...]:
        """Merge the last two segments while they are of similar size and small enough."""
        segs = list(segments)
        while len(segs) >= 2:
            a, b = segs[-2], segs[-1]
            if a.size > 2 * b.size or a.size + b.size > BUILD_CHUNK:
                break
            segs[-2:] = [merge_segments(a, b)]
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

    def _sources(self, segments: tuple[Segment, ...], ords: npt.NDArray[np.int64]) -> list[str]:
        """The normalized sources of units ``ords``, in that order."""
        out = sources_at(segments, ords)
        flags = self._flags.data[ords]
        for p in np.flatnonzero((flags & NORMALIZED) == 0).tolist():
            out[p] = normalize(out[p])
        return out

    def _candidates(
        self,
        q: str,
        segments: tuple[Segment, ...],
        tlang: int,
        slang: int,
        min_score: float,
        allowed: UnitFilter,
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
        parts: list[U32] = []
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
        needle = clean(text, STORED_TEXT)
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
            while (at := _rfind(blob, needle, end)) >= 0:
                local = int(np.searchsorted(off, at, side="right")) - 1
                end = int(off[local])
                o = seg.base + local
                ok = flags[o] & _ALIVE and (not tlang or langs[o] == tlang)
                if ok and (
                    not allowed.active or allowed.keeps(self._desk.data, self._article.data, o)
                ):
                    found.append(self._unit(segments, o))
                    if len(found) >= limit:
                        return found
                if end == 0:
                    break
        return found

    def _mask(self, allowed: UnitFilter) -> npt.NDArray[np.bool_]:
        """Which unit numbers ``allowed`` lets through, as one boolean array.

        Kept for the last few filters and extended as units are added (a unit number's
        desk and article never change; the array doubles only when full), so a filtered
        lookup costs one more pass over the counts, not a pass over every unit."""
        with self._masks_lock:
            count = self._count
            mask, upto = self._masks.pop(allowed.key, (np.zeros(0, bool), 0))
            if upto < count:
                grown = mask
                if count > len(mask):
                    grown = np.zeros(max(count, 2 * len(mask)), bool)
                    grown[:upto] = mask[:upto]
                grown[upto:count] = allowed.keep(
                    self._desk.data, self._article.data, np.arange(upto, count)
                )
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

    def _filter(self, desks: Collection[str] | None, hidden: Collection[str]) -> UnitFilter | None:
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
        return UnitFilter(desk_ids, hidden_ids if len(hidden_ids) else None)

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
            total += str_bytes(seg.sources) + str_bytes(seg.targets) + str_bytes(seg.contexts)
        return total

    # -- units from the arrays ---------------------------------------------------------------

    def _context(self, segments: tuple[Segment, ...], o: int) -> str | None:
        if not self._flags.data[o] & HAS_CONTEXT:
            return None
        return text_at(segments, o, "context")

    def _unit(self, segments: tuple[Segment, ...], o: int) -> TmUnit:
        flags = int(self._flags.data[o])
        micros = int(self._created.data[o])
        created: datetime | None = None
        if micros != NO_TIME:
            created = EPOCH + timedelta(microseconds=micros)
            if flags & NAIVE:
                created = created.replace(tzinfo=None)
        langs, people = self._langs.values, self._people.values
        return TmUnit(
            id=int(self._ids.data[o]),
            source=text_at(segments, o, "source"),
            target=text_at(segments, o, "target"),
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


def _rfind(blob: str | Any, needle: str, end: int) -> int:
    """The last offset of ``needle`` in ``blob[:end]`` (a mapped blob holds UTF-8)."""
    if isinstance(blob, str):
        return blob.rfind(needle, 0, end)
    return int(blob.rfind(needle.encode(), 0, end))
