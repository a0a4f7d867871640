"""Sentence alignment: gold sample, each signal on small Korean/English cases, coverage."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest

from tests.conftest import ALIGN_DATA
from tests.conftest import SAMPLES as REPO_SAMPLES
from workflow.alignment.aligner import REVIEW_THRESHOLD, WINDOW, align
from workflow.alignment.anchors import (
    hangul_skeleton,
    latin_skeleton,
    source_anchors,
    target_anchors,
)
from workflow.alignment.lexicon import Lexicon
from workflow.alignment.model import default_model, link_features
from workflow.errors import BadInput, UnknownLocale
from workflow.model import Bead
from workflow.numbers import english_numbers, korean_numbers

SAMPLE = REPO_SAMPLES / "hani-689225.pair.gold.json"
DEV = ALIGN_DATA / "dev.jsonl"

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


# ---------------------------------------------------------------------------------------------
# Each signal on its own.
# ---------------------------------------------------------------------------------------------


def features(korean: str, english: str, lexicon: Lexicon | None = None, **kw: Any) -> Any:
    return link_features(source_anchors(korean, lexicon, **kw), target_anchors(english, lexicon))


def test_figures_with_units_match_and_missing_figures_count() -> None:
    f = features("예산은 1억1천만 달러로 2015년에 배정됐다.", "$110 million in the 2015 budget.")
    assert (f.number_match, f.number_miss) == (2, 0)
    f = features("예산은 1억1천만 달러다.", "$120 million in the 2015 budget.")
    assert (f.number_match, f.number_miss) == (0, 3)


def test_latin_acronyms_inside_korean_match_english_words() -> None:
    f = features("나토(NATO)와 IMF가 회의를 열었다.", "NATO and the IMF met.")
    assert (f.latin_match, f.latin_miss, f.paren_one) == (2, 0, True)


def test_transliterated_names_match_capitalised_words() -> None:
    f = features("카스파로프는 로렌스에게 말했다.", "Kasparov told Lawrence and Smith.")
    assert (f.name_match, f.name_miss) == (2, 1)


LEXICON = Lexicon(
    {
        "정부": frozenset({"gover"}),
        "학교": frozenset({"schoo"}),
        "농부": frozenset({"farme"}),
        "기다": frozenset({"waite"}),
    },
    frozenset({"gover", "schoo", "farme", "waite", "rain"}),
)
BARE = replace(default_model(), lexicon=None, dictionary=None)
KO_LEX = ["정부는 새 학교를 열었다.", "농부들은 오랫동안 비를 기다렸다."]
GOVERNMENT = "The government opened a new school."
FARMERS = "Farmers waited a long time for rain."
SUNNY = "It was a sunny day in the city."
ORDERS = [
    ([GOVERNMENT, SUNNY, FARMERS], [((0,), (0,)), ((), (1,)), ((1,), (2,))]),
    ([SUNNY, GOVERNMENT, FARMERS], [((), (0,)), ((0,), (1,)), ((1,), (2,))]),
]


def test_lexicon_hits_and_misses() -> None:
    f = features(KO_LEX[0], GOVERNMENT, LEXICON)
    assert (f.lex_match, f.lex_miss) == (2, 0)
    f = features(KO_LEX[0], FARMERS, LEXICON)
    assert (f.lex_match, f.lex_miss) == (0, 3)  # farme, waite, rain: known, not offered


def test_dictionary_hits_and_misses() -> None:
    def dictionary_features(korean: str, english: str) -> Any:
        return link_features(
            source_anchors(korean, dictionary=LEXICON), target_anchors(english, None, LEXICON)
        )

    f = dictionary_features(KO_LEX[0], GOVERNMENT)
    assert (f.dict_match, f.dict_miss, f.lex_match) == (2, 0, 0)
    f = dictionary_features(KO_LEX[0], FARMERS)
    assert (f.dict_match, f.dict_miss) == (0, 3)


@pytest.mark.parametrize(("target", "expected"), ORDERS)
def test_dictionary_places_the_unlinked_sentence(target: list[str], expected: Pairs) -> None:
    assert pairs(align(KO_LEX, target, model=replace(BARE, dictionary=LEXICON))) == expected


@pytest.mark.parametrize(("target", "expected"), ORDERS)
def test_learned_lexicon_places_the_unlinked_sentence(target: list[str], expected: Pairs) -> None:
    assert pairs(align(KO_LEX, target, model=replace(BARE, lexicon=LEXICON))) == expected


@pytest.mark.parametrize(("target", "expected"), ORDERS)
def test_caller_glossary_places_the_unlinked_sentence(target: list[str], expected: Pairs) -> None:
    glossary = {"정부": ["government"], "학교": ["school"], "농부": ["farmers"], "기다": ["wait"]}
    assert pairs(align(KO_LEX, target, model=BARE, lexicon=glossary)) == expected
    f = features(KO_LEX[0], GOVERNMENT, terms=glossary)
    assert (f.term_match, f.term_miss) == (2, 0)


@pytest.mark.parametrize(("target", "expected"), ORDERS)
def test_machine_translation_places_the_unlinked_sentence(
    target: list[str], expected: Pairs
) -> None:
    mt = ["The government opens a new school.", "Farmers have waited for rain for a long time."]
    assert pairs(align(KO_LEX, target, model=BARE, source_mt=mt)) == expected
    assert features(KO_LEX[0], GOVERNMENT, mt=mt[0]).mt_similarity > 0.5
    assert features(KO_LEX[0], SUNNY, mt=mt[0]).mt_similarity < 0


def test_machine_translation_must_match_the_source() -> None:
    with pytest.raises(BadInput, match="source_mt"):
        align(KO_LEX, [GOVERNMENT], source_mt=["One."])


KO_MEETING = [
    "회의는 오전에 시작되어 오후 늦게까지 이어졌다.",
    "참석자들은 여러 안건을 두고 토론했다.",
]
EN_MEETING = [
    "The meeting began in the morning.",
    "It went on until late afternoon.",
    "Participants debated many items.",
]
# The content evidence comes from a glossary, so that the cases do not hang on the shipped lexicon.
MEETING_GLOSSARY = {"토론": ["debated"]}


@pytest.mark.parametrize(
    ("target_breaks", "expected"),
    [
        ({0, 2}, [((0,), (0, 1)), ((1,), (2,))]),
        ({0, 1}, [((0,), (0,)), ((), (1,)), ((1,), (2,))]),
    ],
)
def test_paragraph_breaks_are_soft_anchors(target_breaks: set[int], expected: Pairs) -> None:
    beads = align(
        KO_MEETING,
        EN_MEETING,
        source_breaks={0, 1},
        target_breaks=target_breaks,
        lexicon=MEETING_GLOSSARY,
    )
    assert pairs(beads) == expected


def test_paragraph_breaks_of_one_side_only_are_ignored() -> None:
    one_side = align(KO_MEETING, EN_MEETING, source_breaks={1}, lexicon=MEETING_GLOSSARY)
    assert one_side == align(KO_MEETING, EN_MEETING, lexicon=MEETING_GLOSSARY)


def test_null_beads_on_both_sides() -> None:
    ko = [
        "미국은 1997년에 새 컴퓨터를 도입했다.",
        "회담은 예정보다 길게 이어졌다.",
        "정부는 2004년까지 10배 강력한 컴퓨터가 필요하다고 말했다.",
    ]
    en = [
        "The US introduced the new computer in 1997.",
        "It was built by a team of engineers over several years at a cost never disclosed.",
        "The government says it will need a computer 10 times more powerful by 2004.",
    ]
    beads = align(ko, en)
    assert_partition(beads, 3, 3)
    assert pairs(beads)[0] == ((0,), (0,))
    assert pairs(beads)[-1] == ((2,), (2,))


def test_a_sentence_sharing_nothing_with_its_neighbours_is_left_alone_confidently() -> None:
    # Merged into a neighbouring bead it would bring no anchor of its own: the bead that joins
    # it is unlikely, so its 1-0 bead needs no review.
    ko = [
        "카터 장관은 28일 워싱턴에서 나카타니 방위상과 회담했다.",
        "날씨는 맑았다.",
        "일본 정부는 2015년 예산으로 1억1천만 달러를 배정했다.",
    ]
    en = [
        "Carter met Nakatani in Washington on Apr. 28.",
        "The Japanese government set aside $110 million in its 2015 budget.",
    ]
    beads = align(ko, en)
    assert pairs(beads) == [((0,), (0,)), ((1,), ()), ((2,), (1,))]
    assert min(b.confidence for b in beads) >= REVIEW_THRESHOLD


def test_decoding_keeps_the_beads_most_likely_right() -> None:
    # The shipped decoding picks the path with the most expected right beads (less a cost per
    # bead): no other path, the single most likely one included, expects more.
    model = default_model()
    assert model.bead_cost is not None
    for article in _dev_articles(6):
        ko, en = article["ko_sentences"], article["en_sentences"]
        chosen = align(ko, en)
        likeliest = align(ko, en, model=replace(model, bead_cost=None))
        assert_partition(chosen, len(ko), len(en))

        def expected(beads: list[Bead]) -> float:
            assert model.bead_cost is not None
            return sum(b.confidence - model.bead_cost for b in beads)

        assert expected(chosen) >= expected(likeliest) - 1e-9


def test_out_of_domain_test_articles_are_partitions() -> None:
    # bench/data/align/jhe/jhe-eval.jsonl, built by bench/make_jhe_articles.py.
    with (ALIGN_DATA / "jhe" / "jhe-eval.jsonl").open(encoding="utf-8") as f:
        articles = [json.loads(line) for line in f]
    assert len(articles) == 28
    for a in articles:
        beads = [Bead(tuple(k), tuple(e)) for k, e in a["gold_beads"]]
        assert_partition(beads, len(a["ko_sentences"]), len(a["en_sentences"]))
    assert "jhe-eval.jsonl" in (ALIGN_DATA / "jhe" / "README.md").read_text(encoding="utf-8")


def test_review_threshold_is_a_probability() -> None:
    assert 0.0 < REVIEW_THRESHOLD < 1.0


# ---------------------------------------------------------------------------------------------
# Long articles.
# ---------------------------------------------------------------------------------------------


def test_a_2000_sentence_pair_aligns_window_by_window() -> None:
    ko: list[str] = []
    en: list[str] = []
    gold: set[tuple[tuple[int, ...], tuple[int, ...]]] = set()
    articles = _dev_articles(50)
    while len(ko) < 2000:
        article = articles[len(gold) % len(articles)]
        gold |= {
            (tuple(i + len(ko) for i in k), tuple(j + len(en) for j in e))
            for k, e in article["gold_beads"]
        }
        ko += article["ko_sentences"]
        en += article["en_sentences"]
    assert len(ko) > 5 * WINDOW
    beads = align(ko, en)
    assert_partition(beads, len(ko), len(en))
    # Windows join without drifting: the last article's first bead starts where gold says.
    assert pairs(beads)[-1] in gold
