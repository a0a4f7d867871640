"""The index's lookups limited to desks and without hidden (embargoed) articles."""

from __future__ import annotations

from tests.workflow.memory.test_index import unit
from workflow.memory.index import TmIndex

QUERY = "가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허"


def every_fourth_changed(text: str) -> str:
    """Three of four characters kept: ~75 % similar, but only ~1 trigram in 4 shared."""
    return "".join("쀍" if i % 4 == 3 else ch for i, ch in enumerate(text))


def test_a_unit_keeps_its_desk() -> None:
    idx = TmIndex.from_units([unit(1, "문장", desk="sports"), unit(2, "문장")])
    assert idx.get(1) == unit(1, "문장", desk="sports")
    assert idx.get(2).desk == "news"  # type: ignore[union-attr]


def test_search_keeps_to_the_desks_given() -> None:
    idx = TmIndex.from_units(
        [unit(i, "같은 문장입니다.", f"T{i}", desk=d) for i, d in enumerate("abc", 1)]
    )

    def found(desks: list[str] | None) -> list[str]:
        return sorted(
            m.unit.target for m in idx.search("같은 문장입니다.", target_lang="en", desks=desks)
        )

    assert found(None) == ["T1", "T2", "T3"]
    assert found(["b"]) == ["T2"]
    assert found(["a", "c", "unknown"]) == ["T1", "T3"]
    assert found(["unknown"]) == []
    assert found([]) == []


def test_units_of_other_desks_do_not_crowd_out_the_allowed_ones() -> None:
    """Hundreds of exact units on one desk share every trigram of the query; the one unit
    of the other desk shares a quarter of them. It is still found for that desk."""
    news = [unit(i, QUERY, f"news {i}", desk="news") for i in range(1, 400)]
    other = unit(1000, every_fourth_changed(QUERY), "the sports one", desk="sports")
    idx = TmIndex.from_units([*news, other])
    (match,) = idx.search(QUERY, target_lang="en", desks=["sports"])
    assert match.unit.target == "the sports one" and 70 <= match.score < 80
    assert all(m.unit.desk == "news" for m in idx.search(QUERY, target_lang="en"))


def test_hidden_articles_are_left_out() -> None:
    idx = TmIndex.from_units(
        [
            unit(1, "비밀 문장입니다.", "secret", article="secret"),
            unit(2, "비밀 문장입니다.", "public", article="public"),
            unit(3, "비밀 문장입니다.", "tmx"),
        ]
    )

    def found(hidden: list[str]) -> list[str]:
        hits = idx.search("비밀 문장입니다.", target_lang="en", hidden_articles=hidden)
        return sorted(m.unit.target for m in hits)

    assert found([]) == ["public", "secret", "tmx"]
    assert found(["secret"]) == ["public", "tmx"]
    assert found(["secret", "public", "never-heard-of"]) == ["tmx"]
    assert found(["never-heard-of"]) == ["public", "secret", "tmx"]


def test_concordance_keeps_to_desks_and_hides_articles() -> None:
    idx = TmIndex.from_units(
        [
            unit(1, "회담 문장 하나", "one", desk="news", article="a"),
            unit(2, "회담 문장 둘", "two", desk="sports", article="b"),
            unit(3, "회담 문장 셋", "three", desk="news", article="secret"),
        ]
    )

    def found(**kw: object) -> list[str]:
        return sorted(u.target for u in idx.concordance("회담", **kw))  # type: ignore[arg-type]

    assert found() == ["one", "three", "two"]
    assert found(desks=["news"]) == ["one", "three"]
    assert found(desks=["news"], hidden_articles=["secret"]) == ["one"]
    assert found(desks=["nobody"]) == []


def test_target_languages() -> None:
    idx = TmIndex.from_units([unit(1, "가", target_lang="fr"), unit(2, "나"), unit(3, "다")])
    assert idx.target_langs() == ["en", "fr"]
    assert TmIndex().target_langs() == []


def test_a_filter_mask_grows_with_the_units_not_with_the_lookups() -> None:
    """A unit added between desk-limited lookups (an approval between two suggestions in the
    editor) extends the kept mask; it once doubled it at every such lookup, until numpy
    could not allocate tens of GiB."""
    idx = TmIndex.from_units([unit(1, "같은 문장입니다.", "T1")])
    for i in range(2, 80):
        idx.add(unit(i, f"같은 문장입니다 {i}.", f"T{i}"))
        idx.search("같은 문장입니다.", target_lang="en", desks=["news"])
    sizes = [len(mask) for mask, _ in idx._masks.values()]
    assert sizes and max(sizes) <= 2 * 80
