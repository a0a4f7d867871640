"""Figures of a Korean source present in the translation, across units and spellings.

``28일`` ↔ ``Apr. 28``/``28th``, ``1억1천만 달러`` ↔ ``$110 million``, ``3.5%`` ↔ ``3.5
percent``, ``3만명`` ↔ ``30,000``, ``3국`` ↔ ``three``/``trilateral``. Conservative: a
figure is reported only when nothing in the translation can stand for it. A day may be
given as a weekday or ``yesterday``; a year as ``last year``; ``70년대`` as ``the 1970s``;
``15시`` as ``3 p.m.``; a bare 1 (``제1야당``, the main opposition party) as anything.

Figures of any length are read: past a float's range (about 10^308) as infinity, so that
one such figure in the translation stands for any in the source.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from workflow.checks.base import Check, CheckContext, Severity, quote
from workflow.checks.figures import (
    KoreanFigure,
    english_figures,
    english_word_figures,
    korean_figures,
)
from workflow.errors import Message

__all__ = ["NumbersCheck"]

_RELATIVE_DAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow"
    r"|tonight|the same day|that day)\b",
    re.IGNORECASE,
)
_RELATIVE_YEAR = re.compile(r"\b(?:this|last|next|that|the same|the previous) year\b", re.I)


_IDIOMATIC_ONE = frozenset({"일", "월", "년", "%"})  # 1 elsewhere is often "main", "leading"…


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
    relative_day: bool
    relative_year: bool

    @classmethod
    def read(cls, text: str) -> _Target:
        return cls(
            values=english_figures(text) | english_word_figures(text),
            relative_day=_RELATIVE_DAY.search(text) is not None,
            relative_year=_RELATIVE_YEAR.search(text) is not None,
        )


def _accepted(fig: KoreanFigure, target: _Target) -> bool:
    v, values = fig.value, target.values
    if v in values or (v == 1 and fig.unit not in _IDIOMATIC_ONE):
        return True
    if fig.unit == "일" and v <= 31 and target.relative_day:
        return True
    if fig.unit == "년" and v >= 1000 and target.relative_year:
        return True
    if fig.unit == "년대" and v < 100:
        return bool({1900 + v, 2000 + v} & values)
    return fig.unit == "시" and 12 < v <= 24 and v - 12 in values


class NumbersCheck(Check):
    id = "numbers"
    name = Message("Numbers")
    severity = Severity.ERROR
    description = Message(
        "Every figure of the source appears in the translation, in any usual form."
    )

    def check(self, ctx: CheckContext) -> Iterator[str]:
        figures = korean_figures(ctx.source)
        if not figures:
            return
        target = _Target.read(ctx.target)
        reported: set[float] = set()
        judged: set[tuple[float, str]] = set()
        for fig in figures:
            if fig.value in reported or (fig.value, fig.unit) in judged:
                continue
            judged.add((fig.value, fig.unit))
            if not _accepted(fig, target):
                reported.add(fig.value)
                yield Message(
                    "number %(value)s (%(text)s) is missing in the translation",
                    value=_format(fig.value),
                    text=quote(fig.text),
                )
