"""The aligner's lexicon: stems, learning without labels, the dictionary, the shipped files."""

from __future__ import annotations

from importlib import resources

import pytest

from workflow.alignment.lexicon import (
    DICTIONARY_FILE,
    LEXICON_FILE,
    Lexicon,
    default_dictionary,
    default_lexicon,
    dictionary_lexicon,
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
        # Pronouns and bound nouns translate to nothing in particular: no stem.
        ("그는 그것을 발표할 수 있다고 말했다", ["발표", "말"]),
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
    header = resources.files("workflow.alignment").joinpath("data", LEXICON_FILE).read_text("utf-8")
    assert "CC BY-SA 3.0" in header
    assert "jungyeul/korean-parallel-corpora" in header


def test_dictionary_entries_become_stems_as_text_reduces_them() -> None:
    entries = [
        ("발표하다", "announcement; release"),
        ("정부", "government; lover"),
        ("-ㄴ", "-n"),  # an affix
        ("가스 마스크", "gas mask"),  # several words
        ("말", "; ".join(c + v + "ttle" for c in "bcdfghjklm" for v in "aeiou")),  # too much
    ]
    dictionary = dictionary_lexicon(entries)
    assert dictionary.translations == {
        "발표": frozenset({"annou", "relea"}),
        "정부": frozenset({"gover", "lover"}),
    }
    # an inflected form in text reaches the headword's stem
    offered = dictionary.offers(korean_stems("정부가 발표했다"))
    assert offered == {"annou", "relea", "gover", "lover"}


def test_shipped_dictionary_loads_once_and_carries_its_attribution() -> None:
    assert default_dictionary() is default_dictionary()
    assert "gover" in default_dictionary().translations["정부"]
    assert len(default_dictionary()) > 50_000
    header = (
        resources.files("workflow.alignment").joinpath("data", DICTIONARY_FILE).read_text("utf-8")
    )
    assert "CC BY-SA 2.0 KR" in header
    assert "한국어기초사전" in header
