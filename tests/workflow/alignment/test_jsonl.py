"""Sentence alignment of JSON Lines: output shape, empty sides, errors with line numbers."""

from __future__ import annotations

import json
from typing import Any

import pytest

from workflow.alignment.jsonl import align_jsonl
from workflow.errors import BadInput

KO = [
    "카터 장관은 28일 워싱턴에서 나카타니 방위상과 회담했다.",
    "일본 정부는 1억1천만 달러를 배정했다.",
]
EN = ["Carter met Nakatani in Washington on Apr. 28.", "Japan set aside $110 million."]


def line(**fields: Any) -> str:
    return json.dumps(fields, ensure_ascii=False)


def run(*lines: str) -> list[dict[str, Any]]:
    return [json.loads(out) for out in align_jsonl(lines, source="in.jsonl")]


def test_beads_and_confidences_per_article() -> None:
    gold = [[[0], [0]], [[1], [1]]]
    (out,) = run(line(id="a", ko_sentences=KO, en_sentences=EN, gold_beads=[], extra=1))
    assert out["id"] == "a"
    assert out["beads"] == gold
    assert len(out["confidence"]) == 2
    assert all(0.0 <= c <= 1.0 for c in out["confidence"])


def test_gold_beads_are_never_read() -> None:
    (out,) = run(line(id=7, ko_sentences=KO, en_sentences=EN, gold_beads="not even a list"))
    assert out["id"] == 7


@pytest.mark.parametrize(
    ("ko", "en", "beads"),
    [
        ([], [], []),
        (["한 문장."], [], [[[0], []]]),
        ([], ["One.", "Two."], [[[], [0]], [[], [1]]]),
    ],
)
def test_empty_sides_are_valid(ko: list[str], en: list[str], beads: list[Any]) -> None:
    (out,) = run(line(id="x", ko_sentences=ko, en_sentences=en))
    assert out["beads"] == beads
    assert out["confidence"] == [1.0] * len(beads)


def test_blank_lines_are_skipped_and_articles_stay_in_order() -> None:
    out = run(
        line(id="a", ko_sentences=KO, en_sentences=EN),
        "   ",
        line(id="b", ko_sentences=KO[:1], en_sentences=EN[:1]),
    )
    assert [o["id"] for o in out] == ["a", "b"]


GOOD = line(id="a", ko_sentences=KO, en_sentences=EN)
ERRORS = [
    ("invalid JSON", ["{not json"], 1, None, "invalid JSON"),
    ("not an object", ['["a"]'], 1, None, "JSON object"),
    ("missing id", [line(ko_sentences=KO, en_sentences=EN)], 1, "id", "missing"),
    ("mistyped id", [line(id=[1], ko_sentences=KO, en_sentences=EN)], 1, "id", "list"),
    ("missing side", [GOOD, line(id="b", ko_sentences=KO)], 2, "en_sentences", "missing"),
    ("side not a list", [line(id="a", ko_sentences="문장.", en_sentences=EN)], 1,
     "ko_sentences", "list of sentences"),
    ("sentence not a string", [line(id="a", ko_sentences=KO, en_sentences=["A.", 3])], 1,
     "en_sentences", "sentence 1 is int"),
    ("duplicate id", [GOOD, "", GOOD], 3, "id", "duplicate id 'a' \\(first on line 1\\)"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("lines", "number", "field", "message"), [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS]
)
def test_errors_name_the_line_and_field(
    lines: list[str], number: int, field: str | None, message: str
) -> None:
    with pytest.raises(BadInput, match=message) as caught:
        run(*lines)
    assert (caught.value.source, caught.value.line, caught.value.field) == (
        "in.jsonl",
        number,
        field,
    )
    assert f"line {number}" in str(caught.value)
