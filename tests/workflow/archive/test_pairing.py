"""Archive pairing: links first, then content; one-to-one; nothing paired below the threshold;
bad files named and skipped."""

from __future__ import annotations

import json
from pathlib import Path

from workflow.alignment.lexicon import default_lexicon
from workflow.archive.pairing import pair_documents
from workflow.archive.reading import read_documents

TEXT = Path(__file__).resolve().parents[3] / "bench" / "data" / "align" / "text"


def dev(i: int, side: str) -> bytes:
    return (TEXT / f"dev-{i:03d}.{side}.txt").read_bytes()


def pair(ko_files: list[tuple[str, bytes]], en_files: list[tuple[str, bytes]]):  # type: ignore[no-untyped-def]
    ko, ko_bad = read_documents(
        ko_files, korean=True, format=None, registry=None, lexicon=default_lexicon()
    )
    en, en_bad = read_documents(en_files, korean=False, format=None, registry=None, lexicon=None)
    return pair_documents(ko, en), ko_bad + en_bad


def test_content_pairs_translations_and_leaves_distractors_alone() -> None:
    ko = [(f"k{i}.txt", dev(i, "ko")) for i in (30, 31, 32, 33, 40)]
    en = [(f"e{i}.txt", dev(i, "en")) for i in (33, 32, 31, 30, 44)]
    result, problems = pair(ko, en)
    assert not problems
    assert [(p.ko, p.en) for p in result.pairs] == [
        ("k30.txt", "e30.txt"),
        ("k31.txt", "e31.txt"),
        ("k32.txt", "e32.txt"),
        ("k33.txt", "e33.txt"),
    ]
    assert all(0.5 <= p.confidence <= 1.0 and p.method == "content" for p in result.pairs)
    assert result.ko_alone == ("k40.txt",)
    assert result.en_alone == ("e44.txt",)


def test_an_unrelated_pair_is_refused_rather_than_guessed() -> None:
    result, _ = pair([("k.txt", dev(10, "ko"))], [("e.txt", dev(20, "en"))])
    assert result.pairs == ()
    assert (result.ko_alone, result.en_alone) == (("k.txt",), ("e.txt",))


def test_a_link_to_the_korean_original_wins_over_content() -> None:
    def page(url: str, body: str, link: str | None = None) -> bytes:
        data = {"title": "T", "body": [body], "source_url": url}
        if link:
            data["body"].append(f"Original: {link}")
        return json.dumps(data).encode()

    ko = [
        ("a.json", page("https://www.hani.co.kr/arti/689058.html", "첫 기사다.")),
        ("b.json", page("https://www.hani.co.kr/arti/689100.html", "둘째 기사다.")),
    ]
    en = [
        (
            "x.json",
            page(
                "https://english.hani.co.kr/arti/689225.html",
                "Second story.",
                "http://hani.co.kr/arti/689100.html",
            ),
        ),
        (
            "y.json",
            page(
                "https://english.hani.co.kr/arti/689226.html",
                "First story.",
                "https://hani.co.kr/arti/politics/689058.html?from=en",
            ),
        ),
    ]
    result, _ = pair(ko, en)
    assert [(p.ko, p.en, p.confidence, p.method) for p in result.pairs] == [
        ("a.json", "y.json", 0.97, "id"),
        ("b.json", "x.json", 1.0, "link"),
    ]


def test_bad_files_are_named_and_skipped() -> None:
    ko = [("k.txt", dev(1, "ko")), ("broken.txt", b"\xff\xfe\x00"), ("empty.txt", b"")]
    en = [("e.txt", dev(1, "en")), ("page.html", b"<html><body><nav>x</nav></body></html>")]
    result, problems = pair(ko, en)
    assert [(p.ko, p.en) for p in result.pairs] == [("k.txt", "e.txt")]
    assert [p.name for p in problems] == ["broken.txt", "empty.txt", "page.html"]
    assert all(p.message.startswith(p.name) for p in problems)


def test_dates_that_cannot_agree_keep_files_apart() -> None:
    def dated(side: str, i: int, posted: str) -> bytes:
        text = dev(i, side).decode()
        body = [p for p in text.split("\n\n") if p.strip()]
        return json.dumps({"title": "T", "body": body, "posted": posted}).encode()

    ko = [("k.json", dated("ko", 5, "2009-03-02T10:00:00+09:00"))]
    same_week = [("e.json", dated("en", 5, "2009-03-03T08:00:00+09:00"))]
    months_before = [("e.json", dated("en", 5, "2008-11-20T08:00:00+09:00"))]
    assert len(pair(ko, same_week)[0].pairs) == 1
    assert pair(ko, months_before)[0].pairs == ()
