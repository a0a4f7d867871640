"""Plain text (paragraphs, no metadata) is detected and never given a guessed headline;
the text export no longer promotes a first body sentence to a title."""

from __future__ import annotations

from pathlib import Path

import pytest

from workflow.errors import ImportFailed, TitleMissing
from workflow.importers import read_article

ALIGN_TEXT = Path(__file__).resolve().parents[3] / "bench" / "data" / "align" / "text"
KO = ALIGN_TEXT / "dev-000.ko.txt"


def test_a_real_plain_text_article_is_detected_and_asks_for_its_title() -> None:
    with pytest.raises(TitleMissing) as info:
        read_article(KO.read_bytes(), source=KO.name)
    message = str(info.value)
    assert message.startswith("dev-000.ko.txt, field 'title': the file has no headline")
    assert "Plain text" in message and "--title" in message and "Title field" in message


def test_a_real_plain_text_article_imports_with_the_title_given() -> None:
    text = KO.read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    article = read_article(KO.read_bytes(), source=KO.name, title="  수퍼컴퓨터 공개 ")
    assert article.format == "plain-text"
    assert article.meta.title == "수퍼컴퓨터 공개"
    # every paragraph is body; the first sentence was not taken as the headline
    assert article.blocks == tuple(paragraphs)
    assert article.blocks[0].startswith("세계 에서 가장 강력한 수퍼컴퓨터를")


def test_lines_of_a_paragraph_are_joined() -> None:
    article = read_article(
        b"First line of a paragraph,\nits second line.\n\nAnother.\n", source="a.txt", title="T"
    )
    assert article.blocks == ("First line of a paragraph, its second line.", "Another.")


def test_a_sentence_is_never_promoted_to_headline_by_the_text_export() -> None:
    data = "북한이 핵실험을 했다고 밝혔다.\n두 번째 문장이다.\n\n세 번째 문단이다.\n".encode()
    with pytest.raises(TitleMissing):
        read_article(data, source="k.txt", format="hani-text")
    article = read_article(data, source="k.txt", format="hani-text", title="북 핵실험")
    assert article.meta.title == "북 핵실험"
    assert article.meta.subtitle is None
    assert article.blocks[0] == "북한이 핵실험을 했다고 밝혔다."


@pytest.mark.parametrize("first", ["“팔아서 식량을 사야죠…”", "He said it was over.\u201d"])
def test_quoted_sentences_are_sentences_not_headlines(first: str) -> None:
    with pytest.raises(TitleMissing):
        read_article(f"{first}\n\nMore body.\n".encode(), source="q.txt")


def test_a_dated_text_export_keeps_its_headline() -> None:
    data = b"Title.\nPosted on : 2015-04-30 17:24 KST\n\nBody.\n"
    article = read_article(data, source="e.txt")
    assert (article.format, article.meta.title) == ("hani-text", "Title.")


def test_a_blank_title_is_no_title() -> None:
    with pytest.raises(TitleMissing):
        read_article(b"One sentence.\n\nTwo.\n", source="p.txt", title="   ")


def test_a_given_title_is_checked() -> None:
    with pytest.raises(ImportFailed, match=r"field 'title'"):
        read_article(b"One sentence.\n\nTwo.\n", source="p.txt", title="x" * 2001)
