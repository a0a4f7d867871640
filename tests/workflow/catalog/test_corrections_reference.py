"""``plan_update`` split into its matching phases plans exactly as the single function did.

:func:`reference_plan_update` is a frozen copy of ``plan_update`` as it stood before the
split (commit 95ab3a1, cyclomatic complexity 38), kept here as the reference: random edits
of the sample article — sentences edited, deleted, inserted, duplicated and moved, the
title, subtitle and byline changed, added or dropped, earlier corrections and reserved
keys — must give the same plan, item for item and key for key.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLES
from workflow.catalog.corrections import (
    SIMILARITY,
    Add,
    Edit,
    Item,
    Keep,
    Remove,
    UpdatePlan,
    _kind_key,
    plan_update,
)
from workflow.importers import read_article
from workflow.model import Segment, SegmentDraft, SegmentKind
from workflow.text.segmentation import segment_article

# --- the reference: plan_update before the split, unchanged but for its name ---------------


def reference_plan_update(
    old: Sequence[Segment],
    new: Sequence[SegmentDraft],
    *,
    reserved: Iterable[str] = (),
) -> UpdatePlan:
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
            for oi, nj in _reference_pair_similar([a[i] for i in olds], [b[j] for j in news]):
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


def _reference_pair_similar(old: Sequence[str], new: Sequence[str]) -> list[tuple[int, int]]:
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


# --- random corrections of the sample article ------------------------------------------------

SAMPLE = segment_article(
    read_article((SAMPLES / "hani-ko-689058-demo.txt").read_bytes(), source="ko.txt"), "ko"
).segments
BODY = [d for d in SAMPLE if d.kind is SegmentKind.BODY]
WORDS = ["방위상은", "기자", "한국", "정부", "이날", "말했다.", "3국", "회담", "처음"]


def stored(drafts: Sequence[SegmentDraft]) -> list[Segment]:
    """As an import stores them (keys only need to be unique here)."""
    return [
        Segment(
            d.kind.value if d.kind is not SegmentKind.BODY and i < 3 else f"s-{i:04d}",
            d.kind,
            i,
            d.text,
            d.paragraph,
            d.sentence,
        )
        for i, d in enumerate(drafts)
    ]


@st.composite
def edited_text(draw: st.DrawFn, text: str) -> str:
    """A small edit of ``text`` (similar enough to stay an Edit, or not)."""
    words = text.split(" ")
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(words)))
        how = draw(st.sampled_from(["insert", "replace", "drop", "rewrite"]))
        if how == "insert":
            words.insert(at, draw(st.sampled_from(WORDS)))
        elif how == "replace" and at < len(words):
            words[at] = draw(st.sampled_from(WORDS))
        elif how == "drop" and len(words) > 1 and at < len(words):
            del words[at]
        elif how == "rewrite":
            words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6))
    return " ".join(words)


@st.composite
def correction(draw: st.DrawFn) -> tuple[list[Segment], list[SegmentDraft], set[str]]:
    """(stored segments, the corrected drafts, reserved keys)."""
    # Few sentences to draw from make repeated sentences common (a moved sentence then
    # has several free old ones to match: the first must win).
    pool = draw(st.sampled_from([BODY, BODY[1:3]]))
    old_drafts = list(SAMPLE[:3]) + draw(st.lists(st.sampled_from(pool), max_size=12))
    if draw(st.booleans()):  # a byline at the end, as in a real article
        old_drafts.append(SegmentDraft(SegmentKind.BYLINE, "김민지 기자"))
    old = stored(old_drafts)
    # Some segments were corrected before and not re-translated since.
    for i in draw(st.sets(st.integers(0, len(old) - 1), max_size=3)):
        seg = old[i]
        old[i] = Segment(
            seg.key, seg.kind, seg.position, seg.source, seg.paragraph, seg.sentence, "옛 문장."
        )
    new = [SegmentDraft(s.kind, s.source, s.paragraph, s.sentence) for s in old]
    for _ in range(draw(st.integers(0, 8))):
        op = draw(st.sampled_from(["edit", "delete", "insert", "duplicate", "move", "kind"]))
        at = draw(st.integers(0, max(len(new) - 1, 0)))
        to = draw(st.integers(0, len(new)))
        if op == "edit" and new:
            d = new[at]
            new[at] = SegmentDraft(d.kind, draw(edited_text(d.text)), d.paragraph, d.sentence)
        elif op == "delete" and new:
            del new[at]
        elif op == "insert":
            text = draw(st.sampled_from([d.text for d in BODY] + WORDS))
            new.insert(to, SegmentDraft(SegmentKind.BODY, text, 1, 1))
        elif op == "duplicate" and new:
            new.insert(to, new[at])
        elif op == "move" and new:
            new.insert(to, new.pop(at))
        elif op == "kind":
            kind = draw(
                st.sampled_from([SegmentKind.TITLE, SegmentKind.SUBTITLE, SegmentKind.BYLINE])
            )
            new.insert(to, SegmentDraft(kind, draw(st.sampled_from(WORDS))))
    reserved = draw(
        st.sets(st.sampled_from(["title", "subtitle", "byline", "s-0003", "s-9999"]), max_size=3)
    )
    return old, new, reserved


@settings(
    max_examples=300,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(correction())
def test_the_split_plan_update_plans_as_the_reference(
    case: tuple[list[Segment], list[SegmentDraft], set[str]],
) -> None:
    old, new, reserved = case
    assert plan_update(old, new, reserved=reserved) == reference_plan_update(
        old, new, reserved=reserved
    )


def test_a_moved_sentence_takes_the_first_of_its_repeats() -> None:
    """Two free old sentences with the moved one's text: the first keeps its key."""
    t, a = BODY[5], BODY[6]
    old = stored([*SAMPLE[:2], t, a, a])  # title, subtitle, then the body
    new = [*SAMPLE[:2], a, t]  # t stays in order; a moved before it
    plan = plan_update(old, new)
    assert plan == reference_plan_update(old, new)
    assert plan.items[2] == Keep(old[3].key, a)
    assert plan.removed == (Remove(old[4].key),)


def test_the_reference_sees_every_kind_of_item() -> None:
    """The random corrections reach every phase: the sample's own correction does."""
    old = stored(SAMPLE)
    new = [SegmentDraft(s.kind, s.source, s.paragraph, s.sentence) for s in old]
    new[4] = SegmentDraft(new[4].kind, new[4].text + " 기자", new[4].paragraph, new[4].sentence)
    new.insert(2, new.pop(8))  # a moved sentence
    del new[6]
    new.append(SegmentDraft(SegmentKind.BODY, "한편 한국 정부는 이날 공식 입장을 내지 않았다."))
    plan = plan_update(old, new)
    assert plan == reference_plan_update(old, new)
    assert plan.kept and plan.edited and plan.added and plan.removed
