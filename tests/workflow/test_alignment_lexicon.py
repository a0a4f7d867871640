"""The aligner's lexicon: stems, learning without labels, the shipped file."""

from __future__ import annotations

from importlib import resources

import pytest

from workflow.alignment_lexicon import (
    LEXICON_FILE,
    Lexicon,
    default_lexicon,
    english_stems,
    format_lexicon,
    korean_stems,
    learn_lexicon,
    parse_lexicon,
)


@pytest.mark.parametrize(
    ("text", "stems"),
    [
        ("정부는 학교를 열었다", ["정부", "학교", "열었"]),
        ("미국의 핵을 발표했다", ["미국", "핵", "발표"]),
        ("NATO 회원국에서는", ["회원"]),
    ],
)
def test_korean_stems_drop_particles_and_keep_two_syllables(text: str, stems: list[str]) -> None:
    assert korean_stems(text) == stems


def test_english_stems_drop_stop_words_and_keep_five_letters() -> None:
    assert english_stems("The Presidential election was held in March.") == [
        "presi",
        "elect",
        "held",
        "march",
    ]


def test_ibm1_learns_pairs_that_cooccur() -> None:
    pairs = [
        ("정부는 학교를 열었다.", "The government opened a school."),
        ("정부는 병원을 지었다.", "The government built a hospital."),
        ("농부는 학교를 지었다.", "The farmer built a school."),
        ("농부는 병원을 열었다.", "The farmer opened a hospital."),
    ] * 2
    lexicon = learn_lexicon(pairs, min_count=2)
    assert "gover" in lexicon.translations["정부"]
    assert "schoo" in lexicon.translations["학교"]
    assert "gover" not in lexicon.translations.get("학교", frozenset())
    assert lexicon.offers(["정부", "병원"]) >= {"gover", "hospi"}


def test_tsv_round_trip() -> None:
    lexicon = Lexicon({"정부": frozenset({"gover"})}, frozenset({"gover"}))
    text = format_lexicon(lexicon, ["a note"])
    assert text.startswith("# a note\n")
    assert parse_lexicon(text.splitlines()) == lexicon


def test_shipped_lexicon_loads_once_and_carries_its_attribution() -> None:
    assert default_lexicon() is default_lexicon()
    assert len(default_lexicon()) > 500
    header = resources.files("workflow").joinpath("data", LEXICON_FILE).read_text("utf-8")
    assert "CC BY-SA 3.0" in header
    assert "jungyeul/korean-parallel-corpora" in header
