"""Figures of a Korean source and of an English translation, for the ``numbers`` checks.

Korean figures are read with their units (``1억1천만`` → 110000000, ``28일`` → 28, day;
``13초04`` → 13.04 s; ``1/4분기`` → quarter 1), whether they are approximate (``10여 명``,
``3~4명``) and whether they are a conversion in parentheses (``500유로(약 80만원)``), which
English usually leaves out. Values come from :func:`workflow.numbers.korean_numbers`. English
figures are the digits with their scale words (``$110 million``), plus what may stand for a
figure without digits: number words (``three``, ``twenty-nine``, ``trilateral``, ``first``,
``a``, ``half``, ``a dozen``, ``five decades``), months (``Apr.`` for ``4월``), Roman numerals
(``Nicholas II``, ``Benedict XVI``), ``$1.1bn``, ``Q1``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from workflow.numbers import english_numbers, korean_numbers

__all__ = [
    "KoreanFigure",
    "english_figures",
    "english_months",
    "english_word_figures",
    "korean_figures",
]

_UNITS = (
    "퍼센트|%포인트|%p|%|년대|년간|년|개월|개국|개사|개|월|일간|일|시간|시|분기|분|초|명|국|각"
    "|차례|차|번째|번|배|위|세기|세|살|달러|센트|원|유로|위안|엔|파운드|톤|℃|마일|주년|주|건|척"
    "|킬로와트|메가와트|기가와트|와트|킬로그램|킬로미터|센티미터|밀리미터|미터|그램|리터|배럴|피트"
    "|인치|에이커|헥타르|가구"
    r"|도(?=[가는를의에로까이와씨]|[^가-힣]|$)|대|가지|호|급|층|회|장|권|곳|마리|채|점|골|타|㎞|㎡|㎏|\s?(?:km|mm|cm|m²|m|kg)(?![A-Za-z])"
)
_KO_FIGURE = re.compile(
    r"(?<![A-Za-z\d.,])((?:\d+(?:,\d{3})*(?:\.\d+)?[십백천]?[만억조]?)+)(여)?"
    rf"({_UNITS}|\s(?:명|살|세|달러|유로|위안|엔|원|파운드|km)(?=[\s.,은을이가의에와과도]|$))?"
)
# Dotted dates (2015.4.28.) and event names written as dates (6·25, 5·18): read the dotted
# dates as year, month and day; leave event names alone, English names the event.
_DOTTED_DATE = re.compile(r"(?<![\d.])(\d{4})\.\s?(\d{1,2})\.(?:\s?(\d{1,2})\.?)?(?!\d)")
# A dateline's year and month (2005.10): the English usually leaves the dateline out.
_DATELINE = re.compile(r"(?<![\d.])((?:19|20)\d\d)\.(1[0-2]|0?[1-9])(?![\d.])")
# Numbered HTML entities (&#8226;) left in the text are characters, not figures.
_ENTITY = re.compile(r"&#\d+;")
_EVENT_NAME = re.compile(r"(?<!\d)\d{1,2}\s?·\s?\d{1,2}(?!\d)")
# A race time: 13초04 is 13.04 seconds, 1분13초04 one minute 13.04 seconds.
_RACE_TIME = re.compile(r"(?<![\d.])(?:(\d{1,2})분\s?)?(\d{1,2})초(\d{2})(?!\d)")
# A batting average: 2할6푼8리 is .268.
_BATTING = re.compile(r"(?<!\d)(\d)할(\d)푼(\d)리")
# An event named by its date with a slash (9/11): English names the event.
_SLASH_EVENT = re.compile(r"(?<![\d/])\d{1,2}/\d{1,2}(?![\d/]|\s?분기)")
# A quarter of the year: 1/4분기 is the first quarter.
_QUARTER = re.compile(r"(?<![\d/.])([1-4])/4\s?분기")
# A conversion in parentheses right after an amount: 500유로(약 80만원), 120km(75마일).
_PARENS = re.compile(r"\(([^()]{1,40})\)")
_AMOUNT_BEFORE = re.compile(
    r"\d[\d,.]*[십백천만억조]*\s?(?:달러|원|유로|엔|위안|파운드|센트|km|㎞|m|마일|kg|㎏|톤|%)\s?$"
)
_RANGE_BEFORE = re.compile(r"(?:\d\s?,|[~∼〜])\s?$")  # 2, 3년 is two or three years
_RANGE_AFTER = re.compile(r"^\s?(?:,\s?\d|[~∼〜])")
_APPROXIMATE_AFTER = ("여", "가량", "쯤", "정도", "남짓")


@dataclass(frozen=True)
class KoreanFigure:
    """A figure of Korean text: its value, as written, and its unit (``일``, ``%``, "").

    ``approximate``: written as about so much (``10여 명``, ``3~4명``), ``in_range`` for a
    range; ``conversion``: in parentheses after an amount it converts (``(약 80만원)``).
    """

    value: float
    text: str
    unit: str
    approximate: bool = False
    conversion: bool = False
    in_range: bool = False


def _conversions(text: str) -> list[tuple[int, int]]:
    """Spans of the parentheses that convert the amount right before them."""
    spans = []
    for match in _PARENS.finditer(text):
        if any(ch.isdigit() for ch in match.group(1)):
            before = text[max(0, match.start() - 24) : match.start()]
            if _AMOUNT_BEFORE.search(before):
                spans.append(match.span())
    return spans


def korean_figures(text: str) -> list[KoreanFigure]:
    """Figures written with digits in Korean text, in text order (dates and race times
    first)."""
    found = []
    for match in _DOTTED_DATE.finditer(text):
        for group, unit in zip(match.groups(), ("년", "월", "일"), strict=True):
            if group:
                found.append(KoreanFigure(float(group), group + unit, unit))
    text = _DOTTED_DATE.sub(" ", text)
    for match in _DATELINE.finditer(text):
        found.append(KoreanFigure(float(match.group(1)), match.group(), "연월"))
    text = _ENTITY.sub(" ", _DATELINE.sub(" ", text))
    for match in _RACE_TIME.finditer(text):
        minutes, seconds, hundredths = match.groups()
        if minutes:
            found.append(KoreanFigure(float(minutes), minutes + "분", "분"))
        found.append(KoreanFigure(float(f"{seconds}.{hundredths}"), match.group(), "초"))
    for match in _QUARTER.finditer(text):
        found.append(KoreanFigure(float(match.group(1)), match.group(), "분기"))
    for match in _BATTING.finditer(text):
        found.append(KoreanFigure(float("".join(match.groups())), match.group(), "할"))
    text = _QUARTER.sub(" ", _RACE_TIME.sub(" ", _EVENT_NAME.sub(" ", text)))
    text = _SLASH_EVENT.sub(" ", _BATTING.sub(" ", text))
    conversions = _conversions(text)
    read: dict[str, tuple[float, ...]] = {}  # a figure written 10,000 times is read once
    span = 0
    for match in _KO_FIGURE.finditer(text):
        number = match.group(1)
        values = read.get(number)
        if values is None:
            values = read[number] = korean_numbers(number)
        if not values:
            continue
        unit = (match.group(3) or "").strip()
        start, end = match.span()
        while span < len(conversions) and conversions[span][1] <= start:
            span += 1
        converted = span < len(conversions) and conversions[span][0] < start
        after = text[end : end + 4]
        in_range = bool(
            _RANGE_AFTER.search(after) or _RANGE_BEFORE.search(text[max(0, start - 4) : start])
        )
        after = after.lstrip()
        approximate = bool(match.group(2)) or in_range or after.startswith(_APPROXIMATE_AFTER)
        shown = match.group().strip()
        found.append(KoreanFigure(values[0], shown, unit, approximate, converted, in_range))
    return _ranges_share_units(found)


def _ranges_share_units(found: list[KoreanFigure]) -> list[KoreanFigure]:
    """The first figure of a range takes the unit of the second: 22~25도 is 22 to 25 °C."""
    out = list(found)
    for i in range(len(out) - 1):
        first, second = out[i], out[i + 1]
        if first.in_range and second.in_range and not first.unit and second.unit:
            out[i] = replace(first, unit=second.unit)
    return out


_WORDS: dict[str, tuple[float, ...]] = {
    "a": (1,), "an": (1,), "one": (1,), "single": (1,), "once": (1,), "first": (1,),
    "top": (1,), "sole": (1,), "two": (2,), "both": (2,), "twice": (2,), "double": (2,),
    "second": (2,), "bilateral": (2,), "pair": (2,), "couple": (2,), "three": (3,),
    "third": (3,), "triple": (3,), "trilateral": (3,), "four": (4,), "fourth": (4,),
    "quarter": (4, 25), "five": (5,), "fifth": (5,), "six": (6,), "sixth": (6,),
    "seven": (7,), "seventh": (7,), "eight": (8,), "eighth": (8,), "nine": (9,), "ninth": (9,),
    "ten": (10,), "tenth": (10,), "decade": (10,), "decades": (10,), "eleven": (11,),
    "eleventh": (11,), "twelve": (12,), "twelfth": (12,), "dozen": (12,), "thirteen": (13,),
    "fourteen": (14,), "fifteen": (15,), "sixteen": (16,), "seventeen": (17,),
    "eighteen": (18,), "nineteen": (19,), "twenty": (20,), "thirty": (30,), "forty": (40,),
    "fifty": (50,), "sixty": (60,), "seventy": (70,), "eighty": (80,), "ninety": (90,),
    "hundred": (100,), "century": (100,), "thousand": (1000,), "half": (0.5, 50),
    "quadrilateral": (4,), "noon": (12,), "midnight": (0, 12),
    "jan": (1,), "january": (1,), "feb": (2,), "february": (2,), "mar": (3,), "march": (3,),
    "apr": (4,), "april": (4,), "may": (5,), "jun": (6,), "june": (6,), "jul": (7,),
    "july": (7,), "aug": (8,), "august": (8,), "sep": (9,), "sept": (9,), "september": (9,),
    "oct": (10,), "october": (10,), "nov": (11,), "november": (11,), "dec": (12,),
    "december": (12,), "doubled": (2,), "tripled": (3,), "quadrupled": (4,),
}  # fmt: skip
_MONTHS = frozenset(
    {"jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
     "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
     "november", "dec", "december"}
)  # fmt: skip
_TENS = frozenset({"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"})
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9}  # fmt: skip
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
           "decades": 10.0, "centuries": 100.0, "dozen": 12.0}  # fmt: skip
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_ROMAN = re.compile(r"\b[IVXLC]{2,7}\b")
# Tried from inside a run of digits, ``\d+`` would rescan the run at every digit (cubic on
# 20,000 digits): a figure starts where its digits start, and nothing is given back.
_ABBREVIATED = re.compile(r"(?<!\d)(\d++(?:\.\d++)?+)\s?+(k|m|bn|tn)\b", re.IGNORECASE)
_ABBREVIATED_SCALE = {"k": 1e3, "m": 1e6, "bn": 1e9, "tn": 1e12}
_QUARTER_EN = re.compile(r"\b(?:Q|H)([1-4])\b")
_WORD = re.compile(r"[A-Za-z]+")


def _key(value: float) -> float:
    return float(f"{value:.6g}")


def english_months(text: str) -> set[float]:
    """The months English text names (``Apr.`` → 4)."""
    return {_WORDS[w.lower()][0] for w in _WORD.findall(text) if w.lower() in _MONTHS}


def english_figures(text: str) -> set[float]:
    """Figures written with digits in English text, scales applied (``$1.1bn`` → 1.1e9)."""
    text = _ENTITY.sub(" ", text)
    found = set(english_numbers(text))
    for digits, scale in _ABBREVIATED.findall(text):
        found.add(_key(float(digits) * _ABBREVIATED_SCALE[scale.lower()]))
    return found


def _roman(word: str) -> int | None:
    """The value of a Roman numeral written the usual way (``XVI`` → 16), else None."""
    values = [_ROMAN_VALUES[ch] for ch in word]
    total = 0
    for i, v in enumerate(values):
        total += -v if i + 1 < len(values) and values[i + 1] > v else v
    return total if _to_roman(total) == word else None


def _to_roman(value: int) -> str:
    out = ""
    for v, s in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
                 (5, "V"), (4, "IV"), (1, "I")):  # fmt: skip
        while value >= v:
            out, value = out + s, value - v
    return out


def english_word_figures(text: str, *, months: bool = True) -> set[float]:
    """Figures English text gives without digits: number words, months (unless ``months`` is
    False), Roman numerals."""
    words = _WORD.findall(text)
    found: set[float] = set()
    for word, after in set(zip(words, [*words[1:], ""], strict=False)):  # each pair once
        lower, next_lower = word.lower(), after.lower()
        if not months and lower in _MONTHS:
            continue
        values = _WORDS.get(lower, ())
        if lower in _TENS and next_lower in _ONES:  # twenty-nine
            values = (*values, values[0] + _ONES[next_lower])
        scale = _SCALES.get(next_lower, 1.0)
        found.update(_key(v * s) for v in values for s in (1.0, scale))
    for numeral in set(_ROMAN.findall(text)):
        value = _roman(numeral)
        if value is not None:
            found.add(float(value))
    found.update(float(q) for q in _QUARTER_EN.findall(text))
    return found
