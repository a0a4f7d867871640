"""Every registered check runs in linear time: 20,000-character adversarial texts as source,
as translation and as both, each under a generous time limit (a linear check takes a few
milliseconds; the quadratic e-mail pattern took 1.1 s). A new check is covered by being in
the registry."""

from __future__ import annotations

import time

import pytest

from tests.workflow.checks.adversarial import adversarial_texts
from workflow.checks import CheckContext, default_checks
from workflow.glossary import Term, TermHit

LIMIT = 0.5  # CPU seconds per run of one check on one pair (CPU time: a loaded machine
# slows the wall clock, not the work)
TEXTS = adversarial_texts()
# Ordinary sentences without final punctuation, so that the end-punctuation check looks
# for an abbreviation at the end of the other side.
KO = "국방부는 28일 3만명이 훈련에 참가한다고 밝혔다"
EN = "The ministry said 30,000 troops would join on the 28th"
# Terms whose renderings and forbidden variants are matched in the translation.
TERMS = (
    Term("국방부", "Defense Ministry", forbidden=("Ministry of Defense", "MND")),
    Term("가", "a a a", forbidden=("a", "A.")),
    Term("미국", "US", forbidden=("America", "U.S.")),
    Term("만", "ten thousand y", forbidden=("9", "@")),
)
HITS = tuple(TermHit(term, 0, len(term.source)) for term in TERMS)


@pytest.mark.parametrize("name", list(TEXTS))
@pytest.mark.parametrize("check_id", default_checks().ids())
def test_check_is_linear_on_adversarial_text(check_id: str, name: str) -> None:
    check = default_checks().get(check_id)
    text = TEXTS[name]
    for source, target in ((text, text), (KO, text), (text, EN)):
        ctx = CheckContext(source, target, terms=HITS)
        t0 = time.process_time()
        found = check.findings(ctx)
        elapsed = time.process_time() - t0
        assert elapsed < LIMIT, f"{check_id} took {elapsed:.2f} s on {name}"
        for finding in found:  # quotes of the text at fault stay readable
            assert len(finding.message) < 1_000, finding.message[:200]


NINES = "9" * 400
HUGE = {
    "400 digits": f"{NINES}명이 참가했다",
    "10,000 digits": "9" * 10_000 + "명",
    "1e309": "1" + "0" * 309 + "명, 1e309명, 1.0e+309 people",
    "9…9만": f"{NINES}만 명",
    "mixed": f"{'9' * 300}명과 {NINES}조 1억원, {NINES}.{NINES}%, {NINES} billion, {NINES}bn",
    "with commas": ",".join(["999"] * 200) + "명",
}


@pytest.mark.parametrize("name", list(HUGE))
@pytest.mark.parametrize("check_id", default_checks().ids())
def test_check_reads_numbers_of_any_length(check_id: str, name: str) -> None:
    """Called directly, not through the runner that would turn an exception into a finding."""
    check = default_checks().get(check_id)
    text = HUGE[name]
    for source, target in ((text, text), (text, EN), (KO, text), (text, "Many came.")):
        for finding in check.findings(CheckContext(source, target, terms=HITS)):
            assert len(finding.message) < 1_000
