"""The one check of text that enters the desk: forbidden characters and the length limit."""

from __future__ import annotations

import pytest

from workflow.errors import BadInput
from workflow.text.clean import MAX_TEXT, clean_text, text_problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Seoul elects its mayor.", "Seoul elects its mayor."),
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("windows\r\nline", "windows\nline"),
        ("old mac\rline", "old mac\nline"),
        ("서울시장 선거 “인용”", "서울시장 선거 “인용”"),
        ("emoji 🙂 and U+FFFD �", "emoji 🙂 and U+FFFD �"),
        ("x" * MAX_TEXT, "x" * MAX_TEXT),
    ],
)
def test_text_that_may_be_stored_comes_back_with_newlines_normalised(
    text: str, expected: str
) -> None:
    assert clean_text(text, field="text") == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("nul\x00here", "control character U+0000 at character 4"),
        ("bell\x07", "control character U+0007"),
        ("vertical\x0btab", "control character U+000B"),
        ("escape\x1b[31m", "control character U+001B"),
        ("delete\x7f", "control character U+007F"),
        ("c1\x85next line", "control character U+0085"),
        ("c1\x9f", "control character U+009F"),
        ("lone \ud800 surrogate", "lone surrogate U+D800"),
        ("trail \udfff", "lone surrogate U+DFFF"),
        ("non\ufdd0char", "non-character U+FDD0"),
        ("non\ufffe", "non-character U+FFFE"),
        ("non\uffff", "non-character U+FFFF"),
        ("plane 1 \U0001ffff", "non-character U+1FFFF"),
        ("plane 16 \U0010fffe", "non-character U+10FFFE"),
        ("two\nlines\x00", "at line 2, column 6"),
        ("x" * (MAX_TEXT + 1), "20,001 characters; the limit is 20,000"),
    ],
)
def test_forbidden_characters_and_overlong_text_are_refused_with_the_field(
    text: str, message: str
) -> None:
    with pytest.raises(BadInput, match=r"^x\.po, line 7, field 'msgstr': ") as caught:
        clean_text(text, field="msgstr", source="x.po", line=7)
    assert message in caught.value.message
    assert caught.value.field == "msgstr"


def test_the_limit_can_be_named_or_lifted() -> None:
    assert text_problem("x" * 50, limit=40) == "50 characters; the limit is 40"
    assert text_problem("x" * (MAX_TEXT + 1), limit=None) is None
    with pytest.raises(BadInput, match="entry 's-1': control character U\\+0001"):
        clean_text("a\x01", field="msgstr", what="entry 's-1'")


def test_only_text_is_accepted() -> None:
    with pytest.raises(BadInput, match="expected text, not bytes"):
        clean_text(b"bytes", field="text")  # type: ignore[arg-type]
