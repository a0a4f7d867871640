from __future__ import annotations

from tests.workflow.checks.helpers import messages, table_test
from workflow.checks.end_punctuation import EndPunctuationCheck
from workflow.model import SegmentKind

CASES = [
    ("회담을 요청할 계획이다.", "They plan to request a meeting.", []),
    ("“회담 성사를 위해 노력하겠다”고 밝혔다.", "he pledged “efforts to make it happen.”", []),
    ("“노력하겠다.”", "“We will try.”", []),
    ("누가 제안했느냐?", "Who suggested it?", []),
    ("정말 놀랍다!", "It is really surprising.", []),  # ! and . are both full stops
    ("미·일, 한국에 회담 요청 추진", "US and Japan pushing for meeting with South Korea", []),
    ("미·일, 한국과 회담", "Talks with the U.S.", []),  # an abbreviation, not a full stop
    ("회담을 요청할 계획이다.", "They plan to request a meeting", [
        "the source ends with a full stop, the translation with no sentence punctuation"]),
    ("한·미·일 회담 추진", "Trilateral meeting pushed.", []),  # in the body, a sentence
    ("누가 제안했느냐?", "He asked who suggested it.", [
        "the source ends with a question mark, the translation with a full stop"]),
    ("계획은 다음과 같다:", "The plan is as follows:", []),
    ("계획은 다음과 같다:", "The plan is as follows.", [
        "the source ends with a colon, the translation with a full stop"]),
]  # fmt: skip


test_end_punctuation = table_test(EndPunctuationCheck(), CASES)


def test_a_headline_keeps_its_style() -> None:
    found = messages(
        EndPunctuationCheck(), "한·미·일 회담 추진", "Trilateral meeting pushed.",
        kind=SegmentKind.TITLE,
    )  # fmt: skip
    expected = "the source ends with no sentence punctuation, the translation with a full stop"
    assert found == [expected]
