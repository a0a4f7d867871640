"""Reading figures in Korean and English text, for the aligner and the QA checks alike.

``korean_numbers`` applies Korean units (``1억1천만`` → 1.1e8), ``english_numbers`` English
scale words (``$1.5 billion``), ``english_word_numbers`` figures spelled out in words. Values
are floats rounded to six significant digits, so the same figure written two ways compares
equal. Every pattern is linear in its input; figures of any length are read.
"""

from __future__ import annotations

import re

__all__ = ["english_numbers", "english_word_numbers", "korean_numbers"]

_DIGITS = r"\d+(?:,\d{3})*(?:\.\d+)?"
_KO_NUMBER = re.compile(rf"(?:{_DIGITS}[십백천]?[만억조]?)+")
_KO_NUMBER_PART = re.compile(rf"({_DIGITS})([십백천]?)([만억조]?)")
_KO_SMALL_UNIT = {"": 1.0, "십": 10.0, "백": 100.0, "천": 1e3}
_KO_LARGE_UNIT = {"만": 1e4, "억": 1e8, "조": 1e12}
# The spaces before a scale word are taken once (``*+``): given back one by one to the
# second ``\s*`` they made a digit before a long run of spaces quadratic.
_EN_NUMBER = re.compile(
    rf"({_DIGITS})(?:\s*+-?\s*+(hundred|thousand|million|billion|trillion)\b)?", re.IGNORECASE
)
_EN_SCALE = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Spelled-out English figures and month names match a Korean figure (``3국`` ↔ ``three``,
# ``4월`` ↔ ``April``) but are never missed: Korean writes small figures in words too.
_EN_WORD_NUMBER = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "hundred": 100, "thousand": 1000, "dozen": 12, "bilateral": 2, "trilateral": 3,
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "april": 4, "apr": 4,
    "june": 6, "july": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_EN_WORD = re.compile(r"[A-Za-z]+")


def _value_key(value: float) -> float:
    """A figure rounded to six significant digits, so ``1.1e8`` equals ``110 * 1e6``."""
    return float(f"{value:.6g}")


def _digits(text: str) -> float:
    return float(text.replace(",", ""))


def korean_numbers(text: str) -> tuple[float, ...]:
    """Figures written with digits in Korean text, units applied (``1억1천만`` → 1.1e8).

    Figures of any length are read; past a float's range (about 10^308) they are infinity,
    equal to one another, in this reading and in :func:`english_numbers`.
    """
    found = []
    for match in _KO_NUMBER.finditer(text):
        total = section = 0.0
        for digits, small, large in _KO_NUMBER_PART.findall(match.group()):
            section += _digits(digits) * _KO_SMALL_UNIT[small]
            if large:
                total += section * _KO_LARGE_UNIT[large]
                section = 0.0
        found.append(_value_key(total + section))
    return tuple(found)


def english_numbers(text: str) -> tuple[float, ...]:
    """Figures written with digits in English text, scale words applied (``$1.5 billion``)."""
    read: dict[tuple[str, str], float] = {}  # a figure written 10,000 times is read once
    found = []
    for digits, scale in _EN_NUMBER.findall(text):
        value = read.get((digits, scale))
        if value is None:
            value = read[digits, scale] = _value_key(
                _digits(digits) * _EN_SCALE.get(scale.lower(), 1.0)
            )
        found.append(value)
    return tuple(found)


def english_word_numbers(text: str) -> tuple[float, ...]:
    """Figures spelled out or implied in English words (``three``, ``April``, ``dozen``)."""
    values = (_EN_WORD_NUMBER.get(w.lower()) for w in _EN_WORD.findall(text))
    return tuple(float(v) for v in values if v is not None)
