"""Translation-memory values and scoring: units, drafts, matches, the similarity % and ranking.

A unit is one source/target pair that a translator may reuse. Units enter the memory from
three origins, ranked in this order when their similarity ties: ``approved`` (an approved
translation of the desk), ``imported`` (read from a TMX file), ``aligned`` (a sentence pair of
an aligned published article, never reviewed).

Every unit belongs to a desk (newsroom section): the desk of the article it came from, or
the one named when a TMX file was imported. Lookups are limited to the desks the user may
see and leave out the units of embargoed articles (:mod:`workflow.memory.index`).

The similarity % is the normalized Levenshtein similarity of the two sources, after
whitespace is collapsed (:func:`normalize`), times 100: what CAT tools call a "fuzzy match %".
The index lives in :mod:`workflow.memory.index` (its snapshots on disk in
:mod:`workflow.memory.snapshot`), TMX files in :mod:`workflow.memory.tmx`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Final

from rapidfuzz.distance import Indel, Levenshtein

from workflow.text.diff import Chunk

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")

DEFAULT_DESK: Final = "news"
"""The desk of units that name none (TMX files imported without ``--desk``)."""

ORIGINS: Final = ("approved", "imported", "aligned")
"""Every origin, best first: the rank used to break ties between equally similar units."""

DiffOp = Chunk
"""``(op, text)`` with op ``"equal"``, ``"delete"`` (only in the memory's source) or
``"insert"`` (only in the current source)."""


@dataclass(frozen=True, slots=True)
class TmUnitDraft:
    """A unit before it has an id: what importers (TMX) produce and services store."""

    source: str
    target: str
    source_lang: str
    target_lang: str
    origin: str = "imported"
    context: str | None = None  # e.g. "<article slug>/<segment key>"
    article: str | None = None
    translator: str | None = None
    approver: str | None = None
    created_at: datetime | None = None
    desk: str = DEFAULT_DESK


@dataclass(frozen=True, slots=True)
class TmUnit:
    """A stored unit of the memory; ``origin`` is one of :data:`ORIGINS`."""

    id: int
    source: str
    target: str
    source_lang: str
    target_lang: str
    origin: str = "approved"
    context: str | None = None
    article: str | None = None
    translator: str | None = None
    approver: str | None = None
    created_at: datetime | None = None
    desk: str = DEFAULT_DESK  # the desk of its article; TMX units: the desk named at import

    @classmethod
    def from_draft(cls, unit_id: int, draft: TmUnitDraft) -> TmUnit:
        """The stored unit ``unit_id`` of ``draft``: every field of the draft, and the id."""
        return cls(id=unit_id, **{f.name: getattr(draft, f.name) for f in fields(draft)})


@dataclass(frozen=True, slots=True)
class TmMatch:
    """A unit found for a query, with its similarity % and what differs from the query.

    ``diff`` turns the unit's source into the query (word level): ``delete`` chunks are in
    the memory only, ``insert`` chunks in the current source only — what the editor marks.
    ``exact`` means the sources are equal after :func:`normalize`; ``same_context`` that the
    unit was translated for the very segment asked about.
    """

    unit: TmUnit
    score: float
    diff: tuple[DiffOp, ...]
    exact: bool
    same_context: bool


def check_origin(origin: str) -> str:
    """``origin`` if it is one of :data:`ORIGINS`; ``ValueError`` otherwise."""
    if origin not in ORIGINS:
        raise ValueError(f"unknown TM origin {origin!r}; known: {', '.join(ORIGINS)}")
    return origin


def normalize(text: str) -> str:
    """The text compared by the memory: whitespace runs collapsed to one space, stripped."""
    return " ".join(text.split())


def similarity(a: str, b: str) -> float:
    """The similarity % (0–100) of two already normalized sources."""
    return float(Levenshtein.normalized_similarity(a, b) * 100.0)


def match_for(unit: TmUnit, query: str, score: float, context: str | None) -> TmMatch:
    """The match of ``unit`` for ``query`` (normalized) with its diff and flags."""
    exact = normalize(unit.source) == query
    return TmMatch(
        unit=unit,
        score=100.0 if exact else score,
        diff=word_diff(unit.source, query),  # the stored text as typed, the query normalized
        exact=exact,
        same_context=context is not None and unit.context == context,
    )


def word_diff(old: str, new: str) -> tuple[DiffOp, ...]:
    """Chunks that turn ``old`` into ``new``: equal, deleted and inserted runs of words.

    A minimal word-level diff (each word a symbol for rapidfuzz's LCS); within a changed
    run the deleted words come before the inserted ones.
    """
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    symbols: dict[str, str] = {}
    sa = "".join(symbols.setdefault(t, chr(len(symbols))) for t in a)
    sb = "".join(symbols.setdefault(t, chr(len(symbols))) for t in b)
    out: list[DiffOp] = []
    deleted: list[str] = []
    inserted: list[str] = []
    for op in Indel.opcodes(sa, sb):
        if op.tag == "equal":
            _flush(out, deleted, inserted)
            out.append(("equal", "".join(a[op.src_start : op.src_end])))
        elif op.tag == "delete":
            deleted.extend(a[op.src_start : op.src_end])
        else:
            inserted.extend(b[op.dest_start : op.dest_end])
    _flush(out, deleted, inserted)
    return tuple(out)


def _flush(out: list[DiffOp], deleted: list[str], inserted: list[str]) -> None:
    if deleted:
        out.append(("delete", "".join(deleted)))
        deleted.clear()
    if inserted:
        out.append(("insert", "".join(inserted)))
        inserted.clear()


def rank_key(match: TmMatch) -> tuple[int, int, float, int, float]:
    """Sort key, best first: exact in the same context, exact, score, origin, newest."""
    created = match.unit.created_at.timestamp() if match.unit.created_at else float("-inf")
    return (
        0 if match.exact and match.same_context else 1,
        0 if match.exact else 1,
        -match.score,
        ORIGINS.index(match.unit.origin) if match.unit.origin in ORIGINS else len(ORIGINS),
        -created,
    )


def rank(matches: list[TmMatch]) -> list[TmMatch]:
    """``matches`` in the memory's order (see :func:`rank_key`)."""
    return sorted(matches, key=rank_key)
