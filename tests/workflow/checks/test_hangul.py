from __future__ import annotations

import pytest

from tests.workflow.checks.helpers import messages
from workflow.checks.hangul import HangulCheck

CASES = [
    ("국방부", "Ministry of National Defense", "en", []),
    ("국방부", "국방부 Ministry", "en", ["Hangul left in the translation: 국방부"]),
    ("한·미·일", "South Korea, US and 일본", "en", ["Hangul left in the translation: 일본"]),
    ("가 나 다 라 마 바", "가 나 다 라 마 바 가", "en", [
        "Hangul left in the translation: 가, 나, 다, 라, 마 and 1 more"]),
    ("ㅋㅋ", "ㅋㅋ lol", "en", ["Hangul left in the translation: ㅋㅋ"]),
    ("Ministry of Defense", "국방부", "ko", []),  # translating into Korean
    ("Ministry of Defense", "国防部", "zh", []),
]  # fmt: skip


@pytest.mark.parametrize(("source", "target", "lang", "expected"), CASES)
def test_hangul(source: str, target: str, lang: str, expected: list[str]) -> None:
    assert messages(HangulCheck(), source, target, target_lang=lang) == expected
