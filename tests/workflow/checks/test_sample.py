"""The real published translation of the sample story passes every default check's errors."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SAMPLES as REPO_SAMPLES
from workflow.checks import CheckContext, Severity, default_checks, run_checks
from workflow.glossary import Term, find_terms
from workflow.model import SegmentKind

SAMPLE = REPO_SAMPLES / "hani-689225.pair.gold.json"
TERMS = (
    Term("국방부", "Ministry of National Defense", forbidden=("Defense Ministry",)),
    Term("나카타니 겐", "Gen Nakatani", forbidden=("Nakatani Gen",)),
    Term("샹그릴라 대화", "Shangri-La Dialogue"),
    Term("상호군수지원협정", "acquisition and cross-servicing agreement"),
    Term("자위대", "JSDF"),
)


def _pairs() -> list[tuple[SegmentKind, str, str]]:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    pairs = [
        (
            SegmentKind.BODY,
            " ".join(data["ko_sentences"][i] for i in ko),
            " ".join(data["en_sentences"][i] for i in en),
        )
        for ko, en in data["gold_beads"]
    ]
    meta = data["metadata"]
    for kind in (SegmentKind.TITLE, SegmentKind.SUBTITLE, SegmentKind.BYLINE):
        pairs.append((kind, meta["ko"][kind.value], meta["en"][kind.value]))
    return pairs


PAIRS = _pairs() if SAMPLE.exists() else []


@pytest.mark.skipif(not PAIRS, reason="the shared sample is not there")
@pytest.mark.parametrize(("kind", "source", "target"), PAIRS)
def test_sample_translation_has_no_errors(kind: SegmentKind, source: str, target: str) -> None:
    ctx = CheckContext(source, target, kind=kind, terms=tuple(find_terms(source, TERMS)))
    found = run_checks(ctx, default_checks())
    assert [f for f in found if f.severity is Severity.ERROR] == []


@pytest.mark.skipif(not PAIRS, reason="the shared sample is not there")
def test_sample_translation_warnings_are_few() -> None:
    warnings = [
        f
        for kind, source, target in PAIRS
        for f in run_checks(
            CheckContext(source, target, kind=kind, terms=tuple(find_terms(source, TERMS))),
            default_checks(),
        )
    ]
    # Only 자위대 rendered as "Self-Defense Forces (JSDF)"… is fine; the one real warning is
    # 국방부 in "미국 국방부" rendered as "Secretary of Defense" (the US department).
    assert [f.message for f in warnings] == [
        "term 국방부 should be rendered as 'Ministry of National Defense'"
    ]
