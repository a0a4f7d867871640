"""Figures of a Korean source present in the translation, across units and spellings.

``28일`` ↔ ``Apr. 28``/``28th``, ``1억1천만 달러`` ↔ ``$110 million``, ``3.5%`` ↔ ``3.5
percent``, ``3만명`` ↔ ``30,000``, ``3국`` ↔ ``three``/``trilateral``. Conservative: a
figure is reported only when nothing in the translation can stand for it. A day may be
given as a weekday or ``yesterday``; a year as ``last year``; ``70년대`` as ``the 1970s``;
``15시`` as ``3 p.m.``; a bare 1 (``제1야당``, the main opposition party) as anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from workflow.checks.base import Check, CheckContext, Severity
from workflow.checks.figures import (
    KoreanFigure,
    english_figures,
    english_word_figures,
    korean_figures,
)

__all__ = ["NumbersCheck"]

_RELATIVE_DAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow"
    r"|tonight|the same day|that day)\b",
    re.IGNORECASE,
)
_RELATIVE_YEAR = re.compile(r"\b(?:this|last|next|that|the same|the previous) year\b", re.I)


_IDIOMATIC_ONE = frozenset({"일", "월", "년", "%"})  # 1 elsewhere is often "main", "leading"…


def _format(value: float) -> str:
    if value != int(value):
        return f"{value:g}"
    return f"{value:,.0f}" if value >= 10_000 else f"{value:.0f}"


def _accepted(fig: KoreanFigure, values: set[float], target: str) -> bool:
    v = fig.value
    if v in values or (v == 1 and fig.unit not in _IDIOMATIC_ONE):
        return True
    if fig.unit == "일" and v <= 31 and _RELATIVE_DAY.search(target):
        return True
    if fig.unit == "년" and v >= 1000 and _RELATIVE_YEAR.search(target):
        return True
    if fig.unit == "년대" and v < 100:
        return bool({1900 + v, 2000 + v} & values)
    return fig.unit == "시" and 12 < v <= 24 and v - 12 in values


class NumbersCheck(Check):
    id = "numbers"
    name = "Numbers"
    severity = Severity.ERROR
    description = "Every figure of the source appears in the translation, in any usual form."

    def check(self, ctx: CheckContext) -> Iterator[str]:
        figures = korean_figures(ctx.source)
        if not figures:
            return
        values = english_figures(ctx.target) | english_word_figures(ctx.target)
        reported: set[float] = set()
        for fig in figures:
            if fig.value not in reported and not _accepted(fig, values, ctx.target):
                reported.add(fig.value)
                yield f"number {_format(fig.value)} ({fig.text}) is missing in the translation"
