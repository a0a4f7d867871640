"""What runs per segment besides the checks, on 20,000-character adversarial text, under a
generous time limit: glossary matching, word diffs and reading figures. And the patterns
rewritten to be linear find exactly what the old (backtracking) patterns found."""

from __future__ import annotations

import gc
import math
import re
import time
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.workflow.checks.adversarial import N, adversarial_texts, fill
from workflow.checks.end_punctuation import _ends_abbreviated
from workflow.checks.figures import _ABBREVIATED, korean_figures
from workflow.checks.urls import emails
from workflow.glossary import Term, TermIndex, forbidden_used
from workflow.glossary.matching import _PARTICLES, _is_particles, _matches
from workflow.numbers import english_numbers, korean_numbers
from workflow.text.diff import word_diff

LIMIT = 0.5
TEXTS = adversarial_texts()
INDEX = TermIndex(
    [
        Term("미국", "US"),
        Term("국방부", "Defense Ministry"),
        Term("들", "they"),
        Term("가", "a"),
        Term("가가", "aa"),
        Term("9", "nine"),
        Term("A", "a"),
        Term("AA", "aa"),
        *(Term(f"가나{i}", f"term {i}") for i in range(200)),  # one crowded bucket
    ]
)


def timed(call: Callable[[], Any], what: str) -> Any:
    # The collector stays out of the measure: a full collection of a long suite's heap once
    # made 0.05 s of work read 0.58 s of CPU. (Not collecting first either: on that heap a
    # collection per measure cost the suite minutes.)
    gc.disable()
    try:
        t0 = time.process_time()
        result = call()
        elapsed = time.process_time() - t0
    finally:
        gc.enable()
    assert elapsed < LIMIT, f"{what} took {elapsed:.2f} s"
    return result


@pytest.mark.parametrize("name", list(TEXTS))
def test_per_segment_work_is_linear(name: str) -> None:
    text = TEXTS[name]
    timed(lambda: INDEX.find(text), "find_terms")
    timed(lambda: korean_figures(text), "korean_figures")
    timed(lambda: korean_numbers(text), "korean_numbers")
    timed(lambda: english_numbers(text), "english_numbers")
    for old, new in ((text, "x"), ("", text), (text, text[::-1]), (text, text[1:] + "!")):
        diff = timed(lambda o=old, n=new: word_diff(o, n), "word_diff")  # type: ignore[misc]
        assert "".join(t for op, t in diff if op != "insert") == old
        assert "".join(t for op, t in diff if op != "delete") == new


def test_a_term_before_a_long_run_of_particles_is_found() -> None:
    # The recursion over the tail ran out of stack at about 1,000 particles.
    hits = timed(lambda: INDEX.find("미국" + "들" * (N - 2)), "find_terms")
    assert [(h.term.source, h.start, h.end) for h in hits] == [("미국", 0, 2)]
    assert INDEX.find("미국" + "들" * 5_000 + "x") == []  # another word


def test_word_diff_of_huge_texts_keeps_their_common_ends() -> None:
    old = "The minister said " + fill("a b ", N - 40) + " on Monday."
    new = "The minister said " + fill("b a ", N - 40) + " on Tuesday."
    diff = timed(lambda: word_diff(old, new), "word_diff")
    assert diff[0] == ("equal", "The minister said ")
    assert [op for op, _ in diff] == ["equal", "delete", "insert", "equal"]
    assert diff[-1] == ("equal", ".")
    # Small enough, it is a word diff.
    assert word_diff("The minister said on Monday.", "The defence minister said on Tuesday.") == (
        ("equal", "The "),
        ("insert", "defence "),
        ("equal", "minister said on "),
        ("delete", "Monday"),
        ("insert", "Tuesday"),
        ("equal", "."),
    )


def test_figures_of_any_length_are_read() -> None:
    assert korean_numbers("9" * 10_000 + "명") == (math.inf,)
    assert korean_numbers("9" * 400 + "만, 1억1천만") == (math.inf, 1.1e8)
    assert english_numbers("1" + "0" * 309 + " and 2 million") == (math.inf, 2e6)


# The patterns as they were (backtracking), the specification of what the new code finds.
OLD_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
OLD_ABBREVIATED = re.compile(r"(\d+(?:\.\d+)?)\s?(k|m|bn|tn)\b", re.IGNORECASE)
OLD_EN_NUMBER = re.compile(
    r"(\d+(?:,\d{3})*(?:\.\d+)?)(?:\s*-?\s*(hundred|thousand|million|billion|trillion)\b)?",
    re.IGNORECASE,
)
OLD_ABBREVIATION_END = re.compile(r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:Inc|Corp|Co|Ltd|Jr|Sr|St|etc)\.)$")


def texts_of(*pieces: str, max_size: int = 14) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


@settings(max_examples=400, deadline=None)
@given(texts_of("a", "b", "_", ".", "+", "-", "@", " ", "가", ",", "!"))
def test_emails_are_what_the_old_pattern_found(text: str) -> None:
    assert emails(text) == [m.rstrip(".,;:!?") for m in OLD_EMAIL.findall(text)]


@settings(max_examples=400, deadline=None)
@given(texts_of("1", "0", ".", " ", "k", "m", "bn", "tn", "K", "x", ","))
def test_abbreviated_figures_are_what_the_old_pattern_found(text: str) -> None:
    assert _ABBREVIATED.findall(text) == OLD_ABBREVIATED.findall(text)


@settings(max_examples=400, deadline=None)
@given(texts_of("1", "0", ",", ".", " ", "\n", "-", "million", "Hundred", "x", ",000"))
def test_english_numbers_are_what_the_old_pattern_found(text: str) -> None:
    scales = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
    old = tuple(
        float(f"{float(d.replace(',', '')) * scales.get(s.lower(), 1.0):.6g}")
        for d, s in OLD_EN_NUMBER.findall(text)
    )
    assert english_numbers(text) == old


@settings(max_examples=400, deadline=None)
@given(texts_of("A", "b", ".", " ", "Inc", "x", ")", "”", "U.S.", max_size=30))
def test_abbreviations_at_the_end_are_what_the_old_pattern_found(text: str) -> None:
    expected = OLD_ABBREVIATION_END.search(text.rstrip().rstrip("\"'”’」』》〉)]）"))
    assert _ends_abbreviated(text) == (expected is not None)


def _old_is_particles(tail: str) -> bool:
    return not tail or any(
        tail[:n] in _PARTICLES and _old_is_particles(tail[n:])
        for n in range(min(4, len(tail)), 0, -1)
    )


@settings(max_examples=400, deadline=None)
@given(texts_of("들", "에", "게", "는", "이", "다", "으", "로", "부", "터", "가", "국", max_size=9))
def test_particle_tails_are_what_the_recursion_found(tail: str) -> None:
    assert _is_particles(tail) == _old_is_particles(tail)


def _old_rendering_pattern(rendering: str) -> re.Pattern[str]:
    words = rendering.split()
    body = r"\s+".join(re.escape(w) for w in words)
    if words[-1][-1:].lower() == "y":
        body = rf"(?:{body}|{body[:-1]}ies)"
    return re.compile(rf"(?<!\w){body}(?:'s|s'|es|s|')?(?!\w)", re.IGNORECASE)


@settings(max_examples=400, deadline=None)
@given(
    st.sampled_from(["a", "a a", "ay", "a-b", "x'a", "ab a"]),
    texts_of("a", "A", "b", "y", "ies", "'s", "s", " ", "-", "x", "_", max_size=16),
)
def test_renderings_are_found_where_the_old_pattern_found_them(rendering: str, text: str) -> None:
    old = _old_rendering_pattern(rendering)
    assert [m.span() for m in _matches(rendering, text)] == [m.span() for m in old.finditer(text)]
    term = Term("가", rendering, forbidden=("b", "x", "a b"))
    masked = old.sub(lambda m: "\0" * len(m.group()), text)
    expected = next((v for v in term.forbidden if _old_rendering_pattern(v).search(masked)), None)
    assert forbidden_used(term, text) == expected
