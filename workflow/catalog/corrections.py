"""Planning the re-import of a corrected original, the way msgmerge updates a catalog.

:func:`plan_update` compares the stored segments of an article with the segments of its
corrected text and says, for each new segment in article order, whether it is

* :class:`Keep` — the same sentence: key, translation and state stay;
* :class:`Edit` — an edited sentence: it keeps its key, its translation becomes
  NEEDS_EDIT (``#, fuzzy``) with the source it was translated from as ``#| msgid``;
* :class:`Add` — a new sentence: a new key, its translation starts EMPTY;

and lists with :class:`Remove` the stored segments that no longer appear (their entries
are kept as obsolete ``#~`` entries). Pure: the service applies the plan.

Matching: title, subtitle and byline match by kind (the n-th of a kind with the n-th);
changed text is an Edit. Body sentences first match exactly, in order
(:class:`difflib.SequenceMatcher` over the two sentence lists); a sentence that moved
(the same text elsewhere, as msgmerge matches by msgid) is then kept too; within each
replaced stretch, the sentences still free are paired best-first by
:meth:`~difflib.SequenceMatcher.ratio` (at least :data:`SIMILARITY`) without crossing
an earlier pair, so order is kept. What is left over is added or removed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from workflow.keys import new_key
from workflow.model import Segment, SegmentDraft, SegmentKind

#: Least :meth:`difflib.SequenceMatcher.ratio` for an edited sentence to keep its key.
SIMILARITY = 0.5


@dataclass(frozen=True)
class _Placed:
    """A segment of the corrected article: its ``key`` and its ``draft`` there."""

    key: str
    draft: SegmentDraft


@dataclass(frozen=True)
class Keep(_Placed):
    """An unchanged segment; ``draft`` carries its new place in the article."""


@dataclass(frozen=True)
class Edit(_Placed):
    """An edited segment keeping ``key``; ``previous_source`` is what it was translated from."""

    previous_source: str


@dataclass(frozen=True)
class Add(_Placed):
    """A new segment with a fresh ``key`` (unique among old and reserved keys)."""


@dataclass(frozen=True)
class Remove:
    """A stored segment the corrected original no longer has."""

    key: str


Item = Keep | Edit | Add


@dataclass(frozen=True)
class UpdatePlan:
    """``items`` in the new article's order; ``removed`` in the old article's order."""

    items: tuple[Item, ...]
    removed: tuple[Remove, ...]

    @property
    def kept(self) -> tuple[Keep, ...]:
        return tuple(i for i in self.items if isinstance(i, Keep))

    @property
    def edited(self) -> tuple[Edit, ...]:
        return tuple(i for i in self.items if isinstance(i, Edit))

    @property
    def added(self) -> tuple[Add, ...]:
        return tuple(i for i in self.items if isinstance(i, Add))

    @property
    def changed(self) -> bool:
        """Whether the correction changes any text (moves alone are not a change)."""
        return bool(self.removed) or any(not isinstance(i, Keep) for i in self.items)

    def summary(self) -> dict[str, int]:
        """Counts for messages and audit: ``{"kept", "edited", "added", "removed"}``."""
        return {
            "kept": len(self.kept),
            "edited": len(self.edited),
            "added": len(self.added),
            "removed": len(self.removed),
        }


def plan_update(
    old: Sequence[Segment],
    new: Sequence[SegmentDraft],
    *,
    reserved: Iterable[str] = (),
) -> UpdatePlan:
    """Match the stored segments ``old`` with the corrected article's ``new`` drafts.

    ``reserved`` are keys a new segment must not take although no segment in ``old``
    has them (the article's obsolete segments: keys are unique per article). An Edit's
    ``previous_source`` is the old segment's own ``previous_source`` when it has one (a
    second correction before anyone re-translated: the translation still follows the
    first text, as msgmerge keeps ``#|``), else its source.
    """
    match = _Match()
    _match_by_kind(old, new, match)
    _match_body(old, new, match)
    items = _items(old, new, match, taken={s.key for s in old} | set(reserved))
    used = set(match.matched.values())
    removed = tuple(Remove(s.key) for i, s in enumerate(old) if i not in used)
    return UpdatePlan(items=tuple(items), removed=removed)


#: :meth:`difflib.SequenceMatcher.get_opcodes`: (tag, i1, i2, j1, j2) each.
_Opcodes = Sequence[tuple[str, int, int, int, int]]


@dataclass
class _Match:
    """The matching so far, in indices into ``old`` and ``new``."""

    matched: dict[int, int] = field(default_factory=dict)  # new index -> old index
    exact: set[int] = field(default_factory=set)  # new indices whose text is unchanged


@dataclass
class _Body:
    """The body sentences of both versions, indexed among the body sentences only."""

    old_at: list[int]  # where each old body sentence is in ``old``
    new_at: list[int]  # where each new body sentence is in ``new``
    a: list[str]  # the old body sentences' sources
    b: list[str]  # the new body sentences' texts
    used_old: set[int] = field(default_factory=set)  # old body sentences matched

    def pair(self, match: _Match, i: int, j: int, *, exact: bool) -> None:
        """Old body sentence ``i`` is new body sentence ``j``."""
        match.matched[self.new_at[j]] = self.old_at[i]
        if exact:
            match.exact.add(self.new_at[j])
        self.used_old.add(i)

    def free_new(self, match: _Match, j1: int, j2: int) -> list[int]:
        """The new body sentences in ``j1:j2`` that nothing matched yet."""
        return [j for j in range(j1, j2) if self.new_at[j] not in match.matched]


def _match_by_kind(old: Sequence[Segment], new: Sequence[SegmentDraft], match: _Match) -> None:
    """Title, subtitle, byline: the n-th of a kind with the n-th."""
    for kind in (SegmentKind.TITLE, SegmentKind.SUBTITLE, SegmentKind.BYLINE):
        olds = [i for i, s in enumerate(old) if s.kind is kind]
        news = [j for j, d in enumerate(new) if d.kind is kind]
        for i, j in zip(olds, news, strict=False):
            match.matched[j] = i
            if old[i].source == new[j].text:
                match.exact.add(j)


def _match_body(old: Sequence[Segment], new: Sequence[SegmentDraft], match: _Match) -> None:
    """Body: exact runs in order, then moved sentences (same text elsewhere), then similar
    sentences within each replaced stretch."""
    old_at = [i for i, s in enumerate(old) if s.kind is SegmentKind.BODY]
    new_at = [j for j, d in enumerate(new) if d.kind is SegmentKind.BODY]
    body = _Body(old_at, new_at, [old[i].source for i in old_at], [new[j].text for j in new_at])
    opcodes = SequenceMatcher(None, body.a, body.b, autojunk=False).get_opcodes()
    _match_exact_runs(body, opcodes, match)
    _match_moved(body, match)
    _match_similar(body, opcodes, match)


def _match_exact_runs(body: _Body, opcodes: _Opcodes, match: _Match) -> None:
    """The runs of identical sentences that :class:`~difflib.SequenceMatcher` finds in order."""
    for tag, i1, i2, j1, _ in opcodes:
        if tag == "equal":
            for k in range(i2 - i1):
                body.pair(match, i1 + k, j1 + k, exact=True)


def _match_moved(body: _Body, match: _Match) -> None:
    """A sentence still free whose text a free old sentence has: moved, so kept (first come,
    first served, as msgmerge matches by msgid)."""
    free_old: dict[str, list[int]] = {}
    for i, text in enumerate(body.a):
        if i not in body.used_old:
            free_old.setdefault(text, []).append(i)
    for j in body.free_new(match, 0, len(body.b)):
        if free_old.get(body.b[j]):
            body.pair(match, free_old[body.b[j]].pop(0), j, exact=True)


def _match_similar(body: _Body, opcodes: _Opcodes, match: _Match) -> None:
    """Within each replaced stretch, the sentences still free paired as edits, best first."""
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "replace":
            olds = [i for i in range(i1, i2) if i not in body.used_old]
            news = body.free_new(match, j1, j2)
            pairs = _pair_similar([body.a[i] for i in olds], [body.b[j] for j in news])
            for oi, nj in pairs:
                body.pair(match, olds[oi], news[nj], exact=False)


def _items(
    old: Sequence[Segment], new: Sequence[SegmentDraft], match: _Match, taken: set[str]
) -> list[Item]:
    """One item per new segment, in order; an Add takes a key not in ``taken`` (and adds it)."""
    items: list[Item] = []
    for j, draft in enumerate(new):
        if j not in match.matched:
            key = _kind_key(draft, taken)
            taken.add(key)
            items.append(Add(key, draft))
            continue
        seg = old[match.matched[j]]
        if j in match.exact:
            items.append(Keep(seg.key, draft))
        else:
            items.append(Edit(seg.key, draft, seg.previous_source or seg.source))
    return items


def _kind_key(draft: SegmentDraft, taken: set[str]) -> str:
    """A title/subtitle/byline takes its kind as key, as at import, when that is free."""
    if draft.kind is not SegmentKind.BODY and draft.kind.value not in taken:
        return draft.kind.value
    return new_key(draft.text, taken)


def _pair_similar(old: Sequence[str], new: Sequence[str]) -> list[tuple[int, int]]:
    """Best-first, non-crossing pairs ``(old index, new index)`` with ratio ≥ SIMILARITY."""
    pairs: list[tuple[int, int]] = []
    for _, i, j in _similar_candidates(old, new):
        if any(i == pi or j == pj or (i < pi) != (j < pj) for pi, pj in pairs):
            continue
        pairs.append((i, j))
    return sorted(pairs)


def _similar_candidates(old: Sequence[str], new: Sequence[str]) -> list[tuple[float, int, int]]:
    """Every ``(ratio, old index, new index)`` with ratio ≥ SIMILARITY, best first."""
    candidates: list[tuple[float, int, int]] = []
    for i, a in enumerate(old):
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(a)
        for j, b in enumerate(new):
            matcher.set_seq1(b)
            if matcher.real_quick_ratio() < SIMILARITY or matcher.quick_ratio() < SIMILARITY:
                continue
            ratio = matcher.ratio()
            if ratio >= SIMILARITY:
                candidates.append((ratio, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    return candidates
