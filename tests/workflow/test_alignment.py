"""Sentence alignment: gold sample, small Korean/English cases, coverage, empty sides."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from workflow.alignment import (
    align,
    english_numbers,
    hangul_skeleton,
    korean_numbers,
    latin_skeleton,
)
from workflow.errors import UnknownLocale
from workflow.model import Bead

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SAMPLE = SHARED / "samples" / "hani-689225.pair.gold.json"
DEV = SHARED / "data" / "align" / "dev.jsonl"

Pairs = list[tuple[tuple[int, ...], tuple[int, ...]]]


def pairs(beads: list[Bead]) -> Pairs:
    return [(b.source, b.target) for b in beads]


def assert_partition(beads: list[Bead], n: int, m: int) -> None:
    """Every sentence of both sides in exactly one bead, in order, types allowed, confidence ok."""
    assert [i for b in beads for i in b.source] == list(range(n))
    assert [j for b in beads for j in b.target] == list(range(m))
    assert all(b.type in {"1-1", "2-1", "1-2", "1-0", "0-1"} for b in beads)
    assert all(0.0 <= b.confidence <= 1.0 for b in beads)


def test_sample_pair_gives_its_gold_beads() -> None:
    pair = json.loads(SAMPLE.read_text(encoding="utf-8"))
    beads = align(pair["ko_sentences"], pair["en_sentences"])
    expected = [(tuple(k), tuple(e)) for k, e in pair["gold_beads"]]
    assert pairs(beads) == expected


CASES: list[tuple[str, list[str], list[str], Pairs]] = [
    (
        "Korean sentence with no English counterpart",
        [
            "카터 장관은 28일 워싱턴에서 나카타니 방위상과 회담했다.",
            "회담은 예정보다 길게 이어졌고 양측은 여러 현안을 폭넓게 논의한 것으로 알려졌다.",
            "일본 정부는 2015년 예산으로 1억1천만 달러를 배정했다.",
        ],
        [
            "Carter met Nakatani in Washington on Apr. 28.",
            "The Japanese government set aside $110 million in its 2015 budget.",
        ],
        [((0,), (0,)), ((1,), ()), ((2,), (1,))],
    ),
    (
        "one Korean sentence rendered as two English sentences",
        [
            "나카타니 방위상은 “북한의 핵 개발은 일본에 위협이 되고 있다”며 “3국 간 협력을"
            " 발전시키자는 데 의견이 일치했다”고 말했다.",
            "카터 장관은 29일 기자회견을 열었다.",
        ],
        [
            "“North Korea’s nuclear development poses a threat to Japan,” Nakatani said.",
            "“We agreed on developing cooperation among the three countries,” he added.",
            "Carter held a press conference on Apr. 29.",
        ],
        [((0,), (0, 1)), ((1,), (2,))],
    ),
    (
        "figures place an unmatched English sentence after the first pair",
        [
            "미국은 1997년에 새 컴퓨터를 도입했다.",
            "정부는 2004년까지 10배 강력한 컴퓨터가 필요하다고 말했다.",
        ],
        [
            "The US introduced the new computer in 1997.",
            "It was built by a team of engineers over several years at a cost never disclosed.",
            "The government says it will need a computer 10 times more powerful by 2004.",
        ],
        [((0,), (0,)), ((), (1,)), ((1,), (2,))],
    ),
    (
        "figures place an unmatched English sentence before the first pair",
        [
            "미국은 1997년에 새 컴퓨터를 도입했다.",
            "정부는 2004년까지 10배 강력한 컴퓨터가 필요하다고 말했다.",
        ],
        [
            "It was built by a team of engineers over several years at a cost never disclosed.",
            "The US introduced the new computer in 1997.",
            "The government says it will need a computer 10 times more powerful by 2004.",
        ],
        [((), (0,)), ((0,), (1,)), ((1,), (2,))],
    ),
]


@pytest.mark.parametrize(
    ("source", "target", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_small_cases(source: list[str], target: list[str], expected: Pairs) -> None:
    beads = align(source, target)
    assert pairs(beads) == expected
    assert_partition(beads, len(source), len(target))


def test_unlinked_beads_are_less_confident_than_clear_links() -> None:
    _, source, target, _ = CASES[0]
    one_one, lone, _ = align(source, target)
    assert lone.type == "1-0"
    assert lone.confidence < one_one.confidence


def _dev_articles(limit: int) -> list[dict[str, Any]]:
    with DEV.open(encoding="utf-8") as f:
        return [json.loads(line) for _, line in zip(range(limit), f, strict=False)]


def test_beads_cover_every_sentence_once_in_order() -> None:
    for article in _dev_articles(10):
        ko, en = article["ko_sentences"], article["en_sentences"]
        assert_partition(align(ko, en), len(ko), len(en))


def test_uneven_lengths_stay_a_partition() -> None:
    ko = ["첫 문장이다.", "둘째 문장이다.", "셋째 문장이다."]
    en = [f"Sentence number {n} of a much longer English text." for n in range(12)]
    assert_partition(align(ko, en), len(ko), len(en))
    assert_partition(align(ko * 4, en[:2]), 12, 2)


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ([], [], []),
        (["한 문장."], [], [((0,), ())]),
        ([], ["One.", "Two."], [((), (0,)), ((), (1,))]),
    ],
)
def test_empty_sides(source: list[str], target: list[str], expected: Pairs) -> None:
    beads = align(source, target)
    assert pairs(beads) == expected
    assert all(b.confidence == 1.0 for b in beads)


def test_locales_match_on_their_language() -> None:
    _, source, target, expected = CASES[0]
    assert pairs(align(source, target, source_lang="ko_KR", target_lang="en-US")) == expected


def test_other_language_pairs_are_refused() -> None:
    with pytest.raises(UnknownLocale, match="ko→en"):
        align(["Hallo."], ["Hello."], source_lang="de")


@pytest.mark.parametrize(
    ("korean", "english"),
    [
        ("1억1천만 달러", "$110 million"),
        ("초당 12조3천억 번", "12.3 trillion calculations"),
        ("3억권의 책", "300 million books"),
        ("8,192개의 프로세서", "8,192 processors"),
        ("2천500만 명", "25 million people"),
        ("2015년 4월 28일", "2015 4 28"),
    ],
)
def test_figures_are_normalised_across_korean_units(korean: str, english: str) -> None:
    assert korean_numbers(korean) == english_numbers(english)


@pytest.mark.parametrize(
    ("hangul", "latin"),
    [
        ("카스파로프", "Kasparov"),
        ("카터", "Carter"),
        ("로렌스", "Lawrence"),
        ("압둘라", "Abdullah"),
    ],
)
def test_transliterated_names_share_a_skeleton(hangul: str, latin: str) -> None:
    assert hangul_skeleton(hangul) == latin_skeleton(latin)
