from __future__ import annotations

import math

import pytest

from tests.workflow.checks.helpers import messages, table_test
from workflow.checks.figures import english_figures, english_word_figures, korean_figures
from workflow.checks.numbers import NumbersCheck, NumbersLooseCheck

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
    # Korean number writing, both ways (issue 16)
    ("100m 결승에서 9초58", "won the 100 meters final in 9.58 seconds"),
    ("13초04의 기록", "a time of 13.04 seconds"),
    ("1분13초04", "1:13.04"),
    ("1만2000명", "12,000 people"),
    ("2천억 원 규모", "200 billion won"),
    ("2천억 원 규모", "a $170 million package"),
    ("3.5%포인트 올랐다", "rose 3.5 percentage points"),
    ("오후 3시에", "at 3 p.m."),
    ("오후 3시에", "at 15:00"),
    ("0시 26분", "12:26 a.m."),
    ("4월28일 발표", "announced on April 28"),
    ("1/4분기 실적", "first-quarter earnings"),
    ("1/4분기 실적", "Q1 earnings"),
    ("제3차 회의", "the third meeting"),
    ("10여 명이 다쳤다", "about a dozen were hurt"),
    ("니콜라이 2세", "Nicholas II"),
    ("베네딕토 16세", "Benedict XVI"),
    ("29명이 교수형", "Twenty-nine people were hanged"),
    ("약 36명", "about three dozen"),
    ("500유로(약 80만원)의 벌금", "a 500 euro fine"),
    ("500유로(약 80만원)의 벌금", "a euro500 (US$790) fine"),
    ("240km 떨어진", "150 miles away"),
    ("2956m 높이", "a 9,700-foot peak"),
    ("22도 밑으로", "below 72 degrees"),
    ("30%가 지지", "a third support him"),
    ("2, 3년 전", "a couple years ago"),
    ("50년 이상의 긴장", "more than five decades of tension"),
    ("2009년 6월부터", "from next June"),
    ("야후, 중국 기자 체포에 협조     2005.10", "Yahoo helps arresting Chinese journalist."),
    ("22~25도", "72 to 78 degrees."),
    ("25도가 넘어갈 경우", "More than 78 degrees"),
    ("2할6푼8리의 타율", "Hitting .268"),
    ("9/11 테러 7주년", "the seventh anniversary of the September 11 attacks"),
    ("정식 6자회담은 곧 열린다", "a more formal meeting could be held soon"),
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
    ("28일 회담", "the talks on the 23rd", ["number 28 (28일) is missing in the translation"]),
    ("13초04의 기록", "a time of 13.4 seconds", [
        "number 13.04 (13초04) is missing in the translation"]),
    ("3.5%포인트 올랐다", "rose 3 percentage points", [
        "number 3.5 (3.5%포인트) is missing in the translation"]),
    ("300여 명이 다쳤다", "about 200 were hurt", [
        "number 300 (300여 명) is missing in the translation"]),
    ("2천억 원 규모", "a 2 billion won package", [
        "number 200,000,000,000 (2천억 원) is missing in the translation"]),
    ("900mm의 비", "36 inches (903 mm) of rain", [
        "number 900 (900mm) is missing in the translation"]),  # miscopied, not converted
    ("15일짜리", "I've got 18 days", ["number 15 (15일) is missing in the translation"]),
    ("1992년에 중단", "stopped in", ["number 1992 (1992년) is missing in the translation"]),
    ("1일 회담", "the talks on Apr. 2", ["number 1 (1일) is missing in the translation"]),
    ("2015.4.28. 도쿄", "Tokyo, April 28", ["number 2015 (2015년) is missing in the translation"]),
]  # fmt: skip


# Left out on purpose as often as by mistake: a warning of numbers_loose, never an error.
LOOSE = [
    ("27일 발표한 개정 가이드라인", "the revised guidelines released"),
    ("3명이 다쳤다", "people were hurt"),
    ("지난 24~26일 조사", "the latest poll"),
    ("오후 3시 회견", "a news conference"),
]


@pytest.mark.parametrize(("source", "target"), LOOSE)
def test_numbers_left_out_on_purpose_are_warnings(source: str, target: str) -> None:
    assert messages(NumbersCheck(), source, target) == []
    assert messages(NumbersLooseCheck(), source, target)


@pytest.mark.parametrize(("source", "target"), PASS)
def test_numbers_pass(source: str, target: str) -> None:
    assert messages(NumbersCheck(), source, target) == []


test_numbers_fail = table_test(NumbersCheck(), FAIL)


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
        f"{TOO_LARGE} ({'9' * 29}…{'9' * 26}만 명) is missing in the translation"]),
    ("9" * 20 + "명", "Many", [
        f"number 1e+20 ({'9' * 20}명) is missing in the translation"]),
    (f"{'9' * 300}명과 {NINES}조 1억원, 3만명", "Many, 100 million won and 30,000 people", [
        f"number 1e+300 ({'9' * 29}…{'9' * 28}명) is missing in the translation",
        f"{TOO_LARGE} ({'9' * 29}…{'9' * 28}조) is missing in the translation"]),
]  # fmt: skip


test_numbers_of_any_length = table_test(NumbersCheck(), HUGE)


def test_huge_figures_are_read_as_infinity() -> None:
    assert [f.value for f in korean_figures(f"{NINES}명, {NINES}만 명")] == [math.inf, math.inf]
    assert english_figures(f"{NINES} million, {NINES}bn and 1.5bn") == {math.inf, 1.5, 1.5e9}


def test_many_figures_against_many_figures_stay_linear() -> None:
    """Conversions, miscopies and won amounts are looked up, not searched figure by figure."""
    import time

    source = " ".join(f"{i}km {i}억원" for i in range(10, 2_010))[:20_000]
    target = " ".join(str(i * 7 + 3) for i in range(10, 4_010))[:20_000]
    t0 = time.process_time()
    messages(NumbersCheck(), source, target)
    # 0.13 s of CPU here, 0.03 s on a quarter of the text: linear. The limit is generous
    # (CPU time still grows on a machine whose two cores run two suites at once: 0.59 s seen).
    assert time.process_time() - t0 < 2.0
