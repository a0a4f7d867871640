"""article.md: title, subtitle, dateline, paragraphs, placeholders, byline; escaped."""

from __future__ import annotations

import pytest

from tests.workflow.factories import all_approved, localized, with_text
from workflow.export import MarkdownExporter
from workflow.export.markdown import md_escape
from workflow.states import SegmentState


def test_layout() -> None:
    text = MarkdownExporter().render(all_approved(localized())).decode()
    assert text.split("\n\n") == [
        "# Government pours 26 trillion won into chip support",
        "_Industry ministry: “tax breaks extended”_",
        "Posted: Apr 28, 2024, 10:00\u202fAM KST · Updated: Apr 28, 2024, 3:05\u202fPM KST",
        "The government said on April 28 it will provide 26 trillion won to the chip industry."
        " 80% of the money goes to small businesses.",
        "<!-- [%%IMAGE1%%] -->",
        "_Image 1 · image to be placed_",
        "The industry said it “welcomes” the plan. Translation of b4.",
        "By Kim Min-ji, staff reporter",
        "Original article: <https://www.example.kr/economy/1138000.html>\n",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain text", "plain text"),
        ("*bold* _it_ `code`", r"\*bold\* \_it\_ \`code\`"),
        ("<script>x</script>", r"\<script\>x\</script\>"),
        ("# not a heading", r"\# not a heading"),
        ("1. not a list", r"1\. not a list"),
        ("- not a list", r"\- not a list"),
        ("a\n\nb", "a b"),
        ("26\u00a0trillion", "26\u00a0trillion"),
        ("AT&T &amp;", r"AT&T \&amp;"),
    ],
)
def test_md_escape(text: str, expected: str) -> None:
    assert md_escape(text) == expected


def test_text_cannot_become_markup() -> None:
    la = with_text(
        all_approved(localized()), "b1", "[link](javascript:x) <b>", SegmentState.APPROVED
    )
    text = MarkdownExporter().render(la).decode()
    assert r"\[link\](javascript:x) \<b\>" in text
