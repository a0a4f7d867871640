"""The translation-memory index: exact and fuzzy lookup, ranking, diffs, adds, concordance."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from rapidfuzz.distance import Levenshtein

from workflow.memory import index as tm_index
from workflow.memory.index import TmIndex
from workflow.memory.units import TmMatch, TmUnit, TmUnitDraft, normalize, rank_key, similarity

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)

SOURCES = [
    "정부는 내년 예산안을 국회에 제출했다.",
    "대통령은 기자회견에서 경제 회복을 약속했다.",
    "서울 아파트 가격이 3주 연속 하락했다.",
    "한국은행은 기준금리를 동결했다.",
    "북한은 동해상으로 탄도미사일을 발사했다.",
    "삼성전자는 1분기 영업이익이 크게 늘었다고 밝혔다.",
]
TARGETS = [
    "The government submitted next year's budget bill to the National Assembly.",
    "The president promised an economic recovery at a press conference.",
    "Seoul apartment prices fell for the third straight week.",
    "The Bank of Korea froze its benchmark interest rate.",
    "North Korea fired a ballistic missile into the East Sea.",
    "Samsung Electronics said its first-quarter operating profit rose sharply.",
]


def unit(i: int, source: str, target: str = "", **kw: object) -> TmUnit:
    fields: dict[str, object] = {
        "id": i,
        "source": source,
        "target": target or f"target {i}",
        "source_lang": "ko",
        "target_lang": "en",
        "origin": "approved",
        "context": None,
        "created_at": T0 + timedelta(days=i),
    }
    fields.update(kw)
    return TmUnit(**fields)  # type: ignore[arg-type]


@pytest.fixture
def index() -> TmIndex:
    units = [
        unit(i + 1, s, t, context=f"a{i}/s1")
        for i, (s, t) in enumerate(zip(SOURCES, TARGETS, strict=True))
    ]
    return TmIndex.from_units(units)


def test_exact_match_scores_100_and_returns_the_unit(index: TmIndex) -> None:
    [best, *_] = index.search(SOURCES[3], target_lang="en")
    assert best.exact and best.score == 100.0
    assert best.unit.id == 4
    assert best.unit.target == TARGETS[3]
    assert best.unit.created_at == T0 + timedelta(days=4)
    assert best.diff == ((("equal", SOURCES[3]),))


def test_whitespace_does_not_break_an_exact_match(index: TmIndex) -> None:
    [best, *_] = index.search("  한국은행은   기준금리를 동결했다. ", target_lang="en")
    assert best.exact and best.unit.id == 4


@pytest.mark.parametrize(
    ("query", "expected_id"),
    [
        ("정부는 내년 예산안을 국회에 제출했다고 밝혔다.", 1),  # words added
        ("대통령은 기자회견에서 경제회복을 약속했다.", 2),  # spacing
        ("서울 아파트 가격이 4주 연속 하락했다.", 3),  # a number
        ("한국은행이 기준금리를 동결했다.", 4),  # a particle: 은 → 이
        ("북한이 동해상으로 탄도미사일을 발사했다", 5),  # particle and no full stop
    ],
)
def test_fuzzy_match_and_its_percentage(index: TmIndex, query: str, expected_id: int) -> None:
    [best, *_] = index.search(query, target_lang="en")
    assert best.unit.id == expected_id
    assert not best.exact
    source = SOURCES[expected_id - 1]
    expected = Levenshtein.normalized_similarity(normalize(query), source) * 100
    assert best.score == pytest.approx(expected)
    assert 50 <= best.score < 100


def test_min_score_and_unrelated_queries(index: TmIndex) -> None:
    assert index.search("완전히 다른 문장으로 아무것도 맞지 않는다", target_lang="en") == []
    hits = index.search("한국은행이 기준금리를 인상했다.", target_lang="en", min_score=95)
    assert hits == []


def test_target_language_and_empty_queries(index: TmIndex) -> None:
    assert index.search(SOURCES[0], target_lang="ja") == []
    assert index.search("   ", target_lang="en") == []
    assert index.search(SOURCES[0], target_lang="en", source_lang="zh") == []
    assert index.search(SOURCES[0], target_lang="en", source_lang="ko")[0].unit.id == 1


def test_ranking_approved_before_imported_before_aligned() -> None:
    s = "문재인 대통령은 이날 청와대에서 회의를 주재했다."
    idx = TmIndex.from_units(
        [
            unit(1, s, origin="aligned", created_at=T0 + timedelta(days=30)),
            unit(2, s, origin="approved", created_at=T0),
            unit(3, s, origin="imported", created_at=T0 + timedelta(days=60)),
        ]
    )
    assert [m.unit.origin for m in idx.search(s, target_lang="en")] == [
        "approved",
        "imported",
        "aligned",
    ]
    fuzzy = idx.search(s.replace("이날", "오늘"), target_lang="en")
    assert [m.unit.id for m in fuzzy] == [2, 3, 1]


def test_newest_first_when_all_else_ties() -> None:
    s = "경찰은 사고 원인을 조사하고 있다."
    idx = TmIndex.from_units([unit(i, s, created_at=T0 + timedelta(days=i)) for i in (1, 3, 2)])
    assert [m.unit.id for m in idx.search(s, target_lang="en")] == [3, 2, 1]


def test_exact_in_the_same_context_comes_first() -> None:
    s = "그는 이같이 말했다."
    idx = TmIndex.from_units(
        [
            unit(1, s, context="story-a/s4", origin="aligned", created_at=T0),
            unit(2, s, context="story-b/s9", created_at=T0 + timedelta(days=9)),
            unit(3, s + " 이어", context="story-a/s5"),
        ]
    )
    hits = idx.search(s, target_lang="en", context="story-a/s4")
    assert [m.unit.id for m in hits][:2] == [1, 2]
    assert hits[0].same_context and hits[0].exact
    assert not hits[1].same_context and hits[1].exact
    assert [m.unit.id for m in idx.search(s, target_lang="en")][:2] == [2, 1]


def test_a_higher_score_beats_a_better_origin() -> None:
    q = "국회는 본회의를 열고 법안을 통과시켰다."
    idx = TmIndex.from_units(
        [
            unit(1, "국회는 본회의를 열고 예산안을 통과시켰다.", origin="approved"),
            unit(2, "국회는 본회의를 열고 법안을 통과시켰다고 전했다.", origin="aligned"),
        ]
    )
    hits = idx.search(q, target_lang="en")
    assert hits[0].score >= hits[1].score
    assert [m.unit.id for m in hits] == sorted(
        (1, 2),
        key=lambda i: -similarity(q, idx.get(i).source),  # type: ignore[union-attr]
    )


def test_diff_marks_what_differs_from_the_current_source(index: TmIndex) -> None:
    [best, *_] = index.search("서울 아파트 가격이 4주 연속 하락했다.", target_lang="en")
    assert best.diff == (
        ("equal", "서울 아파트 가격이 "),
        ("delete", "3주"),
        ("insert", "4주"),
        ("equal", " 연속 하락했다."),
    )
    kept = "".join(t for op, t in best.diff if op != "insert")
    now = "".join(t for op, t in best.diff if op != "delete")
    assert kept == best.unit.source and now == "서울 아파트 가격이 4주 연속 하락했다."


def test_added_units_are_searchable_at_once(index: TmIndex) -> None:
    q = "기상청은 내일 전국에 비가 내리겠다고 예보했다."
    assert index.search(q, target_lang="en") == []
    index.add(unit(100, q, "It will rain nationwide tomorrow, the weather agency said."))
    [hit] = index.search(q, target_lang="en")
    assert hit.exact and hit.unit.id == 100
    assert len(index) == len(SOURCES) + 1
    # Many single adds merge into few segments and stay searchable.
    for i in range(200):
        index.add(unit(1000 + i, f"기상청은 {i}일 전국에 비가 내리겠다고 예보했다."))
    assert len(index._segments) < 12
    [hit, *_] = index.search("기상청은 77일 전국에 비가 내리겠다고 예보했다.", target_lang="en")
    assert hit.exact and hit.unit.id == 1077
    assert index.search(SOURCES[5], target_lang="en")[0].unit.id == 6


def test_same_id_replaces_and_remove_drops(index: TmIndex) -> None:
    index.add(unit(4, SOURCES[3], "The BOK kept its base rate unchanged."))
    hits = index.search(SOURCES[3], target_lang="en")
    assert [(m.unit.id, m.unit.target) for m in hits] == [
        (4, "The BOK kept its base rate unchanged.")
    ]
    assert len(index) == len(SOURCES)
    assert index.remove(4) and not index.remove(4)
    assert index.search(SOURCES[3], target_lang="en") == []
    assert index.get(4) is None and len(index) == len(SOURCES) - 1


def test_duplicate_ids_in_one_batch_keep_the_last() -> None:
    idx = TmIndex.from_units([unit(1, "첫 번째 문장입니다."), unit(1, "두 번째 문장입니다.")])
    assert len(idx) == 1
    assert idx.get(1) == unit(1, "두 번째 문장입니다.")


def test_units_round_trip_through_the_index() -> None:
    u = unit(
        7,
        "원문 문장입니다.",
        "The source sentence.",
        origin="imported",
        context="slug/key",
        article="slug",
        translator="kim",
        approver="lee",
        created_at=datetime(2020, 5, 4, 3, 2, 1, 123456),  # naive stays naive
    )
    idx = TmIndex.from_units([u, unit(8, "다른 문장", created_at=None)])
    assert idx.get(7) == u
    assert idx.get(8) == unit(8, "다른 문장", created_at=None)
    assert [x.id for x in idx] == [7, 8]


def test_unknown_origin_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown TM origin"):
        TmIndex.from_units([unit(1, "문장", origin="machine")])


def test_concordance_on_both_sides(index: TmIndex) -> None:
    index.add(
        unit(50, "한국은행 총재는 금리 인하를 시사했다.", "The BOK governor hinted at a rate cut.")
    )
    assert [u.id for u in index.concordance("한국은행")] == [50, 4]
    assert [u.id for u in index.concordance("Bank of Korea", side="target")] == [4]
    assert [u.id for u in index.concordance("BOK", side="target")] == [50]
    assert [u.id for u in index.concordance("했다", limit=3)] == [50, 5, 4]
    assert index.concordance("없는 말") == []
    assert index.concordance("") == []
    with pytest.raises(ValueError):
        index.concordance("x", side="both")


def test_korean_particle_variants_find_each_other() -> None:
    base = "검찰은 전 장관을 소환해 조사했다."
    variants = [
        "검찰이 전 장관을 소환해 조사했다.",
        "검찰은 전 장관의 소환해 조사했다.",
        "검찰은 전 장관을 소환하여 조사했다.",
        "검찰도 전 장관을 소환해 조사했다.",
    ]
    noise = [f"경찰은 {i}명을 조사했다." for i in range(50)]
    idx = TmIndex.from_units([unit(1, base)] + [unit(i + 2, s) for i, s in enumerate(noise)])
    for v in variants:
        best = idx.search(v, target_lang="en")[0]
        assert best.unit.id == 1 and best.score >= 85, v


def test_best_match_agrees_with_a_full_scan() -> None:
    rng = random.Random(3)
    words = " ".join(SOURCES).split()
    sources = [" ".join(rng.choices(words, k=rng.randint(4, 9))) for _ in range(3000)]
    idx = TmIndex.from_units(unit(i, s) for i, s in enumerate(sources))
    for _ in range(40):
        q = rng.choice(sources).split()
        q[rng.randrange(len(q))] = rng.choice(words)
        query = " ".join(q)
        hits = idx.search(query, target_lang="en")
        full = max(similarity(query, s) for s in sources)
        if full >= 50:
            assert hits and hits[0].score == pytest.approx(full)


def test_segments_stay_bounded_after_a_big_build(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tm_index, "BUILD_CHUNK", 64)
    idx = TmIndex.from_units(unit(i, f"문장 번호 {i}번입니다.") for i in range(1000))
    assert max(s.size for s in idx._segments) <= 64
    assert idx.search("문장 번호 512번입니다.", target_lang="en")[0].unit.id == 512


def test_rank_key_orders_a_plain_list() -> None:
    u = unit(1, "가")
    ms = [
        TmMatch(u, 80.0, (), exact=False, same_context=False),
        TmMatch(u, 100.0, (), exact=True, same_context=False),
        TmMatch(u, 100.0, (), exact=True, same_context=True),
    ]
    assert [ms.index(m) for m in sorted(ms, key=rank_key)] == [2, 1, 0]


def test_draft_becomes_a_unit() -> None:
    draft = TmUnitDraft("가", "A", "ko", "en", origin="aligned", context="c")
    assert TmUnit.from_draft(9, draft) == replace(
        unit(9, "가", "A", origin="aligned", context="c"), created_at=None
    )
