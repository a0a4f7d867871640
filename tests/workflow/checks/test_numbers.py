from __future__ import annotations

import math

import pytest

from tests.workflow.checks.helpers import messages
from workflow.checks.figures import english_figures, english_word_figures, korean_figures
from workflow.checks.numbers import NumbersCheck

PASS = [
    ("28일 워싱턴에서 회담을 열어", "held a meeting in Washington on Apr. 28"),
    ("28일 워싱턴에서", "in Washington on the 28th"),
    ("4월 28일 워싱턴에서", "in Washington on April 28"),
    ("1억1천만 달러", "$110 million"),
    ("1억1000만 달러", "$110 million"),
    ("11억 달러", "$1.1bn"),
    ("금리 3.5%", "a rate of 3.5 percent"),
    ("금리 3.5%", "a rate of 3.5%"),
    ("2015년에", "in 2015"),
    ("2천500만 명", "25 million people"),
    ("2,500만 명", "25 million people"),
    ("3만명이 모였다", "30,000 people gathered"),
    ("1조 원", "1 trillion won"),
    ("3국 국방장관 회담", "a trilateral meeting of defense ministers"),
    ("3국 간 협력", "cooperation among the three countries"),
    ("3각 전선", "trilateral front"),
    ("2명이 숨졌다", "two people died"),
    ("10년 만에", "for the first time in a decade"),
    ("제2차 세계대전", "World War II"),
    ("50%가 반대", "half opposed it"),
    ("1970년대", "the 1970s"),
    ("70년대", "the 1970s"),
    ("오후 3시 30분", "at 3:30 p.m."),
    ("15시에", "at 3 p.m."),
    ("지난 10일", "last Friday"),
    ("2015년 예산", "this year's budget"),
    ("2015.4.28. 도쿄", "Tokyo, April 28, 2015"),
    ("6·25 전쟁", "the Korean War"),
    ("미·일, 한국에 한·미·일 국방장관 회담 요청", "US and Japan pushing for meeting"),
    ("300만 명", "three million people"),
    ("3~4명", "three or four people"),
    ("F-35A 40대", "40 F-35A fighters"),
    ("28일 회담 뒤 28일 밤", "after the meeting on Apr. 28 that night"),
    ("제1야당인 민주당", "the main opposition Democratic Party"),
    ("수출이 3배로 늘었다", "exports tripled"),
]
FAIL = [
    ("28일 워싱턴에서", "in Washington on Apr. 29", [
        "number 28 (28일) is missing in the translation"]),
    ("1억1천만 달러", "$100 million", [
        "number 110,000,000 (1억1천만 달러) is missing in the translation"]),
    ("금리 3.5%", "a rate of 3 percent", ["number 3.5 (3.5%) is missing in the translation"]),
    ("2015년에", "in 2016", ["number 2015 (2015년) is missing in the translation"]),
    ("3만명이", "3,000 people", ["number 30,000 (3만명) is missing in the translation"]),
    ("1조 원", "1 billion won", [
        "number 1,000,000,000,000 (1조 원) is missing in the translation"]),
    ("17명이 다쳤다", "seven people were hurt", ["number 17 (17명) is missing in the translation"]),
    ("27일 발표한 개정 가이드라인", "the revised guidelines released", [
        "number 27 (27일) is missing in the translation"]),
    ("1일 회담", "the talks on Apr. 2", ["number 1 (1일) is missing in the translation"]),
    ("2015.4.28. 도쿄", "Tokyo, April 28", ["number 2015 (2015년) is missing in the translation"]),
]  # fmt: skip


@pytest.mark.parametrize(("source", "target"), PASS)
def test_numbers_pass(source: str, target: str) -> None:
    assert messages(NumbersCheck(), source, target) == []


@pytest.mark.parametrize(("source", "target", "expected"), FAIL)
def test_numbers_fail(source: str, target: str, expected: list[str]) -> None:
    assert messages(NumbersCheck(), source, target) == expected


def test_korean_figures_keep_their_units() -> None:
    found = [(f.value, f.text, f.unit) for f in korean_figures("지난 12일 1억1천만 달러와 3.5%")]
    assert found == [(12, "12일", "일"), (1.1e8, "1억1천만 달러", "달러"), (3.5, "3.5%", "%")]


def test_english_word_figures() -> None:
    assert {3.0, 3e6, 4.0} <= english_word_figures("three million in Apr.")


NINES = "9" * 400
TOO_LARGE = "number too large to read"
HUGE = [
    # A 400-digit figure missing from the translation raised OverflowError.
    (f"{NINES}명이 참가했다", "Very many people took part", [
        f"{TOO_LARGE} ({'9' * 29}…{'9' * 28}명) is missing in the translation"]),
    (f"{NINES}명이 참가했다", f"{NINES} people took part", []),
    ("9" * 10_000 + "명", "Countless people", [
        f"{TOO_LARGE} ({'9' * 29}…{'9' * 28}명) is missing in the translation"]),
    ("1" + "0" * 309 + "명", "Many", [
        f"{TOO_LARGE} ({'1' + '0' * 28}…{'0' * 28}명) is missing in the translation"]),
    ("1e309명", "1e309 people", []),  # 309 after a Latin letter is not a figure of its own
    (f"{NINES}만 명", "Many people", [
        f"{TOO_LARGE} ({'9' * 29}…{'9' * 28}만) is missing in the translation"]),
    ("9" * 20 + "명", "Many", [
        f"number 1e+20 ({'9' * 20}명) is missing in the translation"]),
    (f"{'9' * 300}명과 {NINES}조 1억원, 3만명", "Many, 100 million won and 30,000 people", [
        f"number 1e+300 ({'9' * 29}…{'9' * 28}명) is missing in the translation",
        f"{TOO_LARGE} ({'9' * 29}…{'9' * 28}조) is missing in the translation"]),
]  # fmt: skip


@pytest.mark.parametrize(("source", "target", "expected"), HUGE)
def test_numbers_of_any_length(source: str, target: str, expected: list[str]) -> None:
    assert messages(NumbersCheck(), source, target) == expected


def test_huge_figures_are_read_as_infinity() -> None:
    assert [f.value for f in korean_figures(f"{NINES}명, {NINES}만 명")] == [math.inf, math.inf]
    assert english_figures(f"{NINES} million, {NINES}bn and 1.5bn") == {math.inf, 1.5, 1.5e9}
