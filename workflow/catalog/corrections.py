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
from dataclasses import dataclass
from difflib import SequenceMatcher

from workflow.keys import new_key
from workflow.model import Segment, SegmentDraft, SegmentKind

#: Least :meth:`difflib.SequenceMatcher.ratio` for an edited sentence to keep its key.
SIMILARITY = 0.5


@dataclass(frozen=True)
class Keep:
    """An unchanged segment; ``draft`` carries its new place in the article."""

    key: str
    draft: SegmentDraft


@dataclass(frozen=True)
class Edit:
    """An edited segment keeping ``key``; ``previous_source`` is what it was translated from."""

    key: str
    draft: SegmentDraft
    previous_source: str


@dataclass(frozen=True)
class Add:
    """A new segment with a fresh ``key`` (unique among old and reserved keys)."""

    key: str
    draft: SegmentDraft


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
    taken = {s.key for s in old} | set(reserved)
    matched: dict[int, int] = {}  # new index -> old index
    exact: set[int] = set()  # new indices whose text is unchanged

    # Title, subtitle, byline: the n-th of a kind with the n-th.
    for kind in (SegmentKind.TITLE, SegmentKind.SUBTITLE, SegmentKind.BYLINE):
        olds = [i for i, s in enumerate(old) if s.kind is kind]
        news = [j for j, d in enumerate(new) if d.kind is kind]
        for i, j in zip(olds, news, strict=False):
            matched[j] = i
            if old[i].source == new[j].text:
                exact.add(j)

    # Body: exact runs in order, then moved sentences (same text elsewhere), then similar
    # sentences within each replaced stretch.
    old_body = [i for i, s in enumerate(old) if s.kind is SegmentKind.BODY]
    new_body = [j for j, d in enumerate(new) if d.kind is SegmentKind.BODY]
    a = [old[i].source for i in old_body]
    b = [new[j].text for j in new_body]
    opcodes = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    used_old: set[int] = set()
    for tag, i1, i2, j1, _ in opcodes:
        if tag == "equal":
            for k in range(i2 - i1):
                matched[new_body[j1 + k]] = old_body[i1 + k]
                exact.add(new_body[j1 + k])
                used_old.add(i1 + k)
    free_old: dict[str, list[int]] = {}
    for i, text in enumerate(a):
        if i not in used_old:
            free_old.setdefault(text, []).append(i)
    for j, text in enumerate(b):
        if new_body[j] not in matched and free_old.get(text):
            i = free_old[text].pop(0)
            matched[new_body[j]] = old_body[i]
            exact.add(new_body[j])
            used_old.add(i)
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "replace":
            olds = [i for i in range(i1, i2) if i not in used_old]
            news = [j for j in range(j1, j2) if new_body[j] not in matched]
            for oi, nj in _pair_similar([a[i] for i in olds], [b[j] for j in news]):
                matched[new_body[news[nj]]] = old_body[olds[oi]]
                used_old.add(olds[oi])

    items: list[Item] = []
    for j, draft in enumerate(new):
        if j in matched:
            seg = old[matched[j]]
            if j in exact:
                items.append(Keep(seg.key, draft))
            else:
                items.append(Edit(seg.key, draft, seg.previous_source or seg.source))
        else:
            key = _kind_key(draft, taken)
            taken.add(key)
            items.append(Add(key, draft))
    used = set(matched.values())
    removed = tuple(Remove(s.key) for i, s in enumerate(old) if i not in used)
    return UpdatePlan(items=tuple(items), removed=removed)


def _kind_key(draft: SegmentDraft, taken: set[str]) -> str:
    """A title/subtitle/byline takes its kind as key, as at import, when that is free."""
    if draft.kind is not SegmentKind.BODY and draft.kind.value not in taken:
        return draft.kind.value
    return new_key(draft.text, taken)


def _pair_similar(old: Sequence[str], new: Sequence[str]) -> list[tuple[int, int]]:
    """Best-first, non-crossing pairs ``(old index, new index)`` with ratio ≥ SIMILARITY."""
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
    pairs: list[tuple[int, int]] = []
    for _, i, j in candidates:
        if any(i == pi or j == pj or (i < pi) != (j < pj) for pi, pj in pairs):
            continue
        pairs.append((i, j))
    return sorted(pairs)
