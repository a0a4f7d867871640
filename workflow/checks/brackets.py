"""Brackets and quotation marks of the translation opened and closed in pairs.

A translation is only faulted for a kind of mark the source itself balances: a sentence in
the middle of a quotation spanning several sentences opens or closes a quote on both sides.
An apostrophe (``it’s``, ``ministers’``, ``’90s``, and ``‘`` misused for one after a letter)
is not a quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from workflow.checks.base import Check, CheckContext, Severity
from workflow.errors import Message

__all__ = ["BracketsCheck", "QuotesCheck"]

_PAIRS = {"(": ")", "[": "]", "“": "”"}
_SOURCE_FORMS = str.maketrans({"（": "(", "）": ")", "［": "[", "］": "]"})
_MARKS = {"(": re.compile("[()（）]"), "[": re.compile(r"[\[\]［］]"), "“": re.compile("[“”]")}
_SINGLE_QUOTE = re.compile("[‘’']")


def _paired(text: str, opening: str) -> str | None:
    """What is wrong with the ``opening`` marks of ``text`` and their closing marks."""
    closing, depth = _PAIRS[opening], 0
    marks = _MARKS[opening].findall(text)  # the marks alone: a loop over 20,000 letters is slow
    for ch in "".join(marks).translate(_SOURCE_FORMS):
        if ch == opening:
            depth += 1
        elif ch == closing:
            if not depth:
                return Message(
                    "%(closing)s without an opening %(opening)s", closing=closing, opening=opening
                )
            depth -= 1
    return Message("%(opening)s opened but not closed", opening=opening) if depth else None


def _letter(ch: str) -> bool:
    """A letter or digit of a word an apostrophe can be inside; Korean has no apostrophes."""
    return ch.isalnum() and not "가" <= ch <= "힣"


def _single_quotes(text: str) -> str | None:
    """Single quotes, telling them from apostrophes by the letters around them."""
    depth = 0
    for match in _SINGLE_QUOTE.finditer(text):
        i, ch = match.start(), match.group()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if _letter(before) and (_letter(after) or ch == "‘"):
            continue  # it’s, and ‘ misused as an apostrophe (ministers‘ meeting)
        if ch == "‘" or (ch == "'" and not _letter(before) and after.isalpha()):
            depth += 1
        elif depth:
            depth -= 1  # an unmatched ’ is a plural's apostrophe (ministers’) or ’90s
    return Message("‘ opened but not closed") if depth else None


def _straight_quotes(text: str) -> str | None:
    return Message('an odd number of " marks') if text.count('"') % 2 else None


class BracketsCheck(Check):
    id = "brackets"
    name = Message("Brackets")
    severity = Severity.WARNING
    description = Message("Parentheses and square brackets of the translation come in pairs.")

    def check(self, ctx: CheckContext) -> Iterator[str]:
        for opening in "([":
            problem = _paired(ctx.target, opening)
            if problem and _paired(ctx.source, opening) is None:
                yield Message("%(problem)s in the translation", problem=problem)


class QuotesCheck(Check):
    id = "quotes"
    name = Message("Quotation marks")
    severity = Severity.WARNING
    description = Message(
        "Quotation marks of the translation come in pairs; apostrophes are ignored."
    )

    def check(self, ctx: CheckContext) -> Iterator[str]:
        tests = (lambda t: _paired(t, "“"), _single_quotes, _straight_quotes)
        for test in tests:
            problem = test(ctx.target)
            if problem and test(ctx.source) is None:
                yield Message("%(problem)s in the translation", problem=problem)
