"""Figures of a Korean source and of an English translation, for the ``numbers`` check.

Korean figures are read with their units (``1억1천만`` → 110000000, ``28일`` → 28, day);
values come from :func:`workflow.alignment.anchors.korean_numbers`. English figures are
the digits with their scale words (``$110 million``), plus what may stand for a figure
without digits: number words (``three``, ``trilateral``, ``first``, ``a``), months
(``Apr.`` for ``4월``), Roman numerals (``World War II``), ``$1.1bn``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workflow.numbers import english_numbers, korean_numbers

__all__ = ["KoreanFigure", "english_figures", "english_word_figures", "korean_figures"]

_KO_FIGURE = re.compile(
    r"(?<![A-Za-z\d.,])((?:\d+(?:,\d{3})*(?:\.\d+)?[십백천]?[만억조]?)+)"
    r"(퍼센트|%|년대|년|개월|월|일|시|분|초|명|개국|개|국|각|차|번째|번|배|위|세|살|달러|원"
    r"|\s(?:달러|유로|위안|엔|원)(?=[\s.,은을이가의에와과도]|$))?"
)
# Dotted dates (2015.4.28.) and event names written as dates (6·25, 5·18): read the dotted
# dates as year, month and day; leave event names alone, English names the event.
_DOTTED_DATE = re.compile(r"(?<![\d.])(\d{4})\.\s?(\d{1,2})\.(?:\s?(\d{1,2})\.?)?(?!\d)")
_EVENT_NAME = re.compile(r"(?<!\d)\d{1,2}\s?·\s?\d{1,2}(?!\d)")


@dataclass(frozen=True)
class KoreanFigure:
    """A figure of Korean text: its value, as written, and its unit (``일``, ``%``, "")."""

    value: float
    text: str
    unit: str


def korean_figures(text: str) -> list[KoreanFigure]:
    """Figures written with digits in Korean text, in text order."""
    found = []
    for match in _DOTTED_DATE.finditer(text):
        for group, unit in zip(match.groups(), ("년", "월", "일"), strict=True):
            if group:
                found.append(KoreanFigure(float(group), group + unit, unit))
    text = _EVENT_NAME.sub(" ", _DOTTED_DATE.sub(" ", text))
    read: dict[str, tuple[float, ...]] = {}  # a figure written 10,000 times is read once
    for match in _KO_FIGURE.finditer(text):
        number = match.group(1)
        values = read.get(number)
        if values is None:
            values = read[number] = korean_numbers(number)
        if values:
            unit = (match.group(2) or "").strip()
            found.append(KoreanFigure(values[0], match.group().strip(), unit))
    return found


_WORDS: dict[str, tuple[float, ...]] = {
    "a": (1,), "an": (1,), "one": (1,), "single": (1,), "once": (1,), "first": (1,),
    "top": (1,), "sole": (1,), "two": (2,), "both": (2,), "twice": (2,), "double": (2,),
    "second": (2,), "bilateral": (2,), "pair": (2,), "three": (3,), "third": (3,),
    "triple": (3,), "trilateral": (3,), "four": (4,), "fourth": (4,), "quarter": (4, 25),
    "five": (5,), "fifth": (5,), "six": (6,), "sixth": (6,), "seven": (7,), "seventh": (7,),
    "eight": (8,), "eighth": (8,), "nine": (9,), "ninth": (9,), "ten": (10,), "tenth": (10,),
    "decade": (10,), "decades": (10,), "eleven": (11,), "twelve": (12,), "dozen": (12,),
    "thirteen": (13,), "fourteen": (14,), "fifteen": (15,), "sixteen": (16,),
    "seventeen": (17,), "eighteen": (18,), "nineteen": (19,), "twenty": (20,),
    "thirty": (30,), "forty": (40,), "fifty": (50,), "hundred": (100,), "century": (100,),
    "thousand": (1000,), "half": (0.5, 50), "quadrilateral": (4,),
    "jan": (1,), "january": (1,), "feb": (2,), "february": (2,), "mar": (3,), "march": (3,),
    "apr": (4,), "april": (4,), "may": (5,), "jun": (6,), "june": (6,), "jul": (7,),
    "july": (7,), "aug": (8,), "august": (8,), "sep": (9,), "sept": (9,), "september": (9,),
    "oct": (10,), "october": (10,), "nov": (11,), "november": (11,), "dec": (12,),
    "december": (12,), "doubled": (2,), "tripled": (3,), "quadrupled": (4,),
}  # fmt: skip
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_ROMAN = {"II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
# Tried from inside a run of digits, ``\d+`` would rescan the run at every digit (cubic on
# 20,000 digits): a figure starts where its digits start, and nothing is given back.
_ABBREVIATED = re.compile(r"(?<!\d)(\d++(?:\.\d++)?+)\s?+(k|m|bn|tn)\b", re.IGNORECASE)
_ABBREVIATED_SCALE = {"k": 1e3, "m": 1e6, "bn": 1e9, "tn": 1e12}
_WORD = re.compile(r"[A-Za-z]+")


def _key(value: float) -> float:
    return float(f"{value:.6g}")


def english_figures(text: str) -> set[float]:
    """Figures written with digits in English text, scales applied (``$1.1bn`` → 1.1e9)."""
    found = set(english_numbers(text))
    for digits, scale in _ABBREVIATED.findall(text):
        found.add(_key(float(digits) * _ABBREVIATED_SCALE[scale.lower()]))
    return found


def english_word_figures(text: str) -> set[float]:
    """Figures English text gives without digits: number words, months, Roman numerals."""
    words = _WORD.findall(text)
    found: set[float] = set()
    for word, after in set(zip(words, [*words[1:], ""], strict=False)):  # each pair once
        values = (_ROMAN[word],) if word in _ROMAN else _WORDS.get(word.lower(), ())
        scale = _SCALES.get(after.lower(), 1.0)
        found.update(_key(v * s) for v in values for s in (1.0, scale))
    return found
