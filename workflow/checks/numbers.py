"""Figures of a Korean source present in the translation, across units and spellings.

``28일`` ↔ ``Apr. 28``/``28th``, ``1억1천만 달러`` ↔ ``$110 million``, ``3.5%`` ↔ ``3.5
percent``, ``3만명`` ↔ ``30,000``, ``3국`` ↔ ``three``/``trilateral``, ``13초04`` ↔ ``13.04
seconds``, ``니콜라이 2세`` ↔ ``Nicholas II``, ``240km`` ↔ ``150 miles``, ``2천억 원`` ↔
``$170 million``. A figure is missing only when nothing in the translation can stand for it. A
day may be given as a weekday or ``yesterday``; a year as ``last year``; ``70년대`` as ``the
1970s``; ``15시`` as ``3 p.m.``; a bare 1 (``제1야당``, the main opposition party) as anything;
a conversion in parentheses (``500유로(약 80만원)``) may be left out.

Two checks share the reading, with a false-alarm budget in mind (``bench/qa.py``):

* ``numbers`` (error) for what is almost surely wrong: an amount, a percentage, a count over
  ten or a figure with decimals that the translation lacks; or a date, year or small count it
  lacks while it gives another figure of the same kind (``28일`` → ``Apr. 29``).
* ``numbers_loose`` (warning) for what human translators often leave out on purpose: a date,
  time, year, small count or approximate figure (``10여 명``) that the translation lacks.

Figures of any length are read: past a float's range (about 10^308) as infinity, so that
one such figure in the translation stands for any in the source.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from workflow.checks.base import Check, CheckContext, Severity, quote
from workflow.checks.figures import (
    KoreanFigure,
    english_figures,
    english_months,
    english_word_figures,
    korean_figures,
)
from workflow.errors import Message

__all__ = ["NumbersCheck", "NumbersLooseCheck"]

_RELATIVE_DAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow"
    r"|tonight|the same day|that day)\b",
    re.IGNORECASE,
)
_RELATIVE_YEAR = re.compile(
    r"\b(?:this|last|next|that|the same|the previous) (?:year|january|february|march|april"
    r"|may|june|july|august|september|october|november|december|spring|summer|fall|autumn"
    r"|winter)\b",
    re.IGNORECASE,
)
# Shares in words: "a third" for 30 %, "half" for 50 %; within a few points.
_FRACTIONS = re.compile(r"\b(?:half|third|thirds|quarter|quarters|fifth)\b", re.IGNORECASE)
_FRACTION_POINTS = 4.0
_FRACTION_VALUES = (50.0, 33.3, 66.7, 25.0, 75.0, 20.0)
_SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_WON = re.compile(r"\bwon\b|₩", re.IGNORECASE)
_SCALE_WORD = re.compile(r"\b(?:thousand|million|billion|trillion)\b", re.IGNORECASE)

_IDIOMATIC_ONE = frozenset({"일", "월", "년", "%", "급"})  # 1 elsewhere is often "main", "leading"…
#: Units whose figure, missing, is an error whatever its size: amounts and shares.
_FIRM_UNITS = frozenset(
    {"%", "퍼센트", "%포인트", "%p", "달러", "센트", "원", "유로", "위안", "엔", "파운드"}
)
#: Calendar and clock units, with the largest value that is a date or a time of day.
_CALENDAR = {"일": 31, "월": 12, "시": 24, "분기": 4, "년대": 99, "연월": 9999}
#: Metric units and what an English text converts them to (factor, offset).
_CONVERSIONS: dict[str, tuple[tuple[float, float], ...]] = {
    "km": ((0.621371, 0),), "㎞": ((0.621371, 0),), "m": ((3.28084, 0), (1.09361, 0)),
    "㎡": ((10.7639, 0),), "m²": ((10.7639, 0),), "cm": ((0.393701, 0),),
    "mm": ((0.0393701, 0),), "kg": ((2.20462, 0),), "㎏": ((2.20462, 0),),
    "톤": ((1.10231, 0), (2204.62, 0)), "℃": ((1.8, 32),), "도": ((1.8, 32),),
    "마일": ((1.609344, 0),),
}  # fmt: skip
_CONVERSION_TOLERANCE = 0.06  # English rounds a conversion: 240 km is "150 miles"
_WON_PER_DOLLAR = (700.0, 1700.0)  # won amounts are given in dollars at the day's rate
_SMALL = 10  # counts up to ten are often written in words, or left out as obvious


def _format(value: float) -> str:
    """A figure as the message names it (the text as written follows it). Figures are read
    as floats: past 10^15 only roughly (``1e+20``), past a float's range as infinity."""
    if not math.isfinite(value):
        return Message("too large to read")
    if value >= 1e15 or value != int(value):
        return f"{value:g}"
    return f"{value:,.0f}" if value >= 10_000 else f"{value:.0f}"


@dataclass(frozen=True)
class _Target:
    """What the translation offers for the source's figures, read once per check (not once
    per figure: a source can hold 4,000 days, each once searched the whole target)."""

    values: set[float]
    digits: frozenset[float]
    ordered: tuple[float, ...]
    months: frozenset[float]
    relative_day: bool
    relative_year: bool
    fractions: bool
    scales: frozenset[float]
    won: bool

    @classmethod
    def read(cls, text: str) -> _Target:
        digits = english_figures(text)
        return cls(
            values=digits | english_word_figures(text, months=False),
            digits=frozenset(digits),
            ordered=tuple(sorted(d for d in digits if not math.isnan(d))),
            months=frozenset(english_months(text)),
            relative_day=_RELATIVE_DAY.search(text) is not None,
            relative_year=_RELATIVE_YEAR.search(text) is not None,
            fractions=_FRACTIONS.search(text) is not None,
            scales=frozenset(_SCALE_WORDS[w.lower()] for w in _SCALE_WORD.findall(text)),
            won=_WON.search(text) is not None,
        )


def _between(ordered: tuple[float, ...], low: float, high: float) -> bool:
    """Whether a value of ``ordered`` (sorted) lies in [low, high]: a bisection, so that
    every figure of a long source looks in a long translation in logarithmic time."""
    i = bisect_left(ordered, low)
    return i < len(ordered) and ordered[i] <= high


def _near(value: float, ordered: tuple[float, ...], tolerance: float) -> bool:
    spread = tolerance * abs(value)
    return _between(ordered, value - spread, value + spread)


def _accepted(fig: KoreanFigure, target: _Target) -> bool:
    v, values, unit = fig.value, target.values, fig.unit
    if fig.conversion or v in values or (v == 1 and unit not in _IDIOMATIC_ONE):
        return True
    if unit == "월" and v in target.months:
        return True
    if unit == "일" and v <= 31 and target.relative_day:
        return True
    if unit == "년" and v >= 1000 and target.relative_year:
        return True
    if unit == "년대" and v < 100:
        return bool({1900 + v, 2000 + v} & values)
    if unit == "시" and (v - 12 in values if 12 < v <= 24 else v == 0 and 12 in values):
        return True
    if unit == "시" and 0 < v <= 12 and v + 12 in values:
        return True  # 오후 3시 at 15:00
    for factor, offset in _CONVERSIONS.get(unit, ()):
        if _near(v * factor + offset, target.ordered, _CONVERSION_TOLERANCE):
            return True
    if (
        unit in ("%", "퍼센트")
        and target.fractions
        and any(abs(v - f) <= _FRACTION_POINTS for f in _FRACTION_VALUES)
    ):
        return True
    if any(v / s in target.digits for s in target.scales if v >= s):
        return True  # "150 million euros, and tomorrow 200"
    if unit == "원" and v >= 1e5 and not target.won:
        low, high = _WON_PER_DOLLAR
        return _between(target.ordered, v / high, v / low)
    return False


def _loose(fig: KoreanFigure) -> bool:
    """Whether a translation may leave ``fig`` out on purpose (a date, a small count…)."""
    v, unit = fig.value, fig.unit
    if unit in _CALENDAR and v <= _CALENDAR[unit]:
        return True
    if fig.in_range:
        return True  # 30~50% may be "a third to a half"
    if fig.approximate:
        return v <= _SMALL  # 10여 명 may be "about a dozen", 300여 명 is "about 300"
    if unit in _FIRM_UNITS or not v.is_integer():
        return False
    return v <= _SMALL and unit != "년"


def _part_of_a_name(fig: KoreanFigure) -> bool:
    """A small bare figure without a unit is part of a compound (``6자회담`` six-party
    talks, ``2단계`` phase two, ``제1야당``): English names the thing in its own way."""
    return not fig.unit and fig.value <= _SMALL and fig.value.is_integer() and not fig.in_range


def _replaced(fig: KoreanFigure, strays: frozenset[float]) -> bool:
    """Whether the translation gives, with digits, another figure of ``fig``'s kind that the
    source does not have: ``28일`` → ``Apr. 29``, ``2015년`` → ``2016``."""
    if fig.approximate:
        return False
    if fig.unit == "일":
        return any(1 <= s <= 31 and s.is_integer() for s in strays)
    if fig.unit == "년" and fig.value >= 1000:
        return any(1000 <= s <= 2100 and s.is_integer() for s in strays)
    if fig.unit not in _CALENDAR and fig.value <= _SMALL:
        return any(0 <= s <= _SMALL and s.is_integer() for s in strays)
    return False


def missing_figures(ctx: CheckContext) -> Iterator[tuple[KoreanFigure, bool]]:
    """The source's figures the translation lacks, each once, with whether that is almost
    surely an error (True) or may be on purpose (False)."""
    figures = korean_figures(ctx.source)
    if not figures:
        return
    target = _Target.read(ctx.target)
    strays = frozenset(target.digits - {f.value for f in figures})
    # Figures of the translation one digit off a figure of the source: read once, so that
    # each figure of the source looks up its own few patterns (linear, not figures × strays).
    # (A conversion of a source figure is not a miscopy: 22도 is "72 degrees".)
    converted = sorted(
        v * factor + offset
        for v, unit in {(f.value, f.unit) for f in figures if f.unit in _CONVERSIONS}
        for factor, offset in _CONVERSIONS[unit]
    )
    near = {
        w
        for stray in strays
        if not _near(stray, tuple(converted), _CONVERSION_TOLERANCE)
        for w in _wildcards(stray)
    }
    reported: set[float] = set()
    judged: set[tuple[float, str]] = set()
    for fig in figures:
        if fig.value in reported or (fig.value, fig.unit) in judged:
            continue
        judged.add((fig.value, fig.unit))
        if fig.value in target.digits or fig.conversion:
            continue
        if any(w in near for w in _wildcards(fig.value)):
            reported.add(fig.value)  # 900mm → "903 mm", 15일 → "18 days": changed, not lost
            yield fig, True
        elif not _accepted(fig, target):
            error = not _loose(fig) or _replaced(fig, strays)
            if error or not _part_of_a_name(fig):
                reported.add(fig.value)
                yield fig, error


def _wildcards(value: float) -> list[str]:
    """``value``'s digits with each one in turn replaced by ``?`` (two to 15 digits)."""
    if not (10 <= value < 1e15 and value.is_integer()):
        return []
    digits = str(int(value))
    return [f"{digits[:i]}?{digits[i + 1 :]}" for i in range(len(digits))]


def _messages(ctx: CheckContext, *, errors: bool) -> Iterator[str]:
    """The messages for the figures the translation lacks: those whose absence is almost
    surely an error (``errors``), or the others."""
    for fig, error in missing_figures(ctx):
        if error == errors:
            yield Message(
                "number %(value)s (%(text)s) is missing in the translation",
                value=_format(fig.value),
                text=quote(fig.text),
            )


class NumbersCheck(Check):
    id = "numbers"
    name = Message("Numbers")
    severity = Severity.ERROR
    description = Message(
        "Every amount, share and count of the source appears in the translation, in any usual "
        "form; a date or small count replaced by another."
    )

    def check(self, ctx: CheckContext) -> Iterator[str]:
        return _messages(ctx, errors=True)


class NumbersLooseCheck(Check):
    id = "numbers_loose"
    name = Message("Numbers left out")
    severity = Severity.WARNING
    description = Message(
        "A date, time, year, small or approximate figure of the source is not in the "
        "translation (often left out on purpose)."
    )

    def check(self, ctx: CheckContext) -> Iterator[str]:
        return _messages(ctx, errors=False)
