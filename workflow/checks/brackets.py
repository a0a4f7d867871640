"""Brackets and quotation marks of the translation opened and closed in pairs.

A translation is only faulted for a kind of mark the source itself balances: a sentence in
the middle of a quotation spanning several sentences opens or closes a quote on both sides.
An apostrophe (``it’s``, ``ministers’``, ``’90s``, and ``‘`` misused for one after a letter)
is not a quote. A quotation that runs on from the previous segment or into the next one (news
English leaves a quote open at the end of a paragraph when the speaker goes on: a quote opened
and never closed in a translation ending with a full stop) is not faulted, and quotes are only
compared when the source marks quotations at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import partial

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
    return Message("‘ opened but not closed") if depth and not _runs_on(text) else None


_QUOTE_MARKS = re.compile("[“”‘’'\"「」『』]")


def _runs_on(text: str) -> bool:
    """Whether ``text`` ends a sentence, so that a quote left open in it goes on in the next
    segment."""
    return text.rstrip().rstrip("\"'”’ ")[-1:] in (".", "?", "!", "…")


def _opening_at(text: str, i: int) -> bool:
    """Whether the quote at ``i`` opens: at the start or after a space, before a word."""
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-") and not after.isspace()


def _straight_quotes(text: str) -> str | None:
    if not text.count('"') % 2:
        return None
    if _opening_at(text, text.rindex('"')) and _runs_on(text):
        return None  # a quote running on into the next segment
    return Message('an odd number of " marks')


def _curly_quotes(text: str) -> str | None:
    problem = _paired(text, "“")
    if problem is None:
        return None
    if _MARKS["“"].findall(text)[-1] == "“" and _runs_on(text):
        return None  # a quote running on into the next segment
    return problem


def _translation_faults(
    ctx: CheckContext, tests: Iterable[Callable[[str], str | None]]
) -> Iterator[str]:
    """The problems ``tests`` find in the translation and not in the source."""
    for test in tests:
        problem = test(ctx.target)
        if problem and test(ctx.source) is None:
            yield Message("%(problem)s in the translation", problem=problem)


class BracketsCheck(Check):
    id = "brackets"
    name = Message("Brackets")
    severity = Severity.WARNING
    description = Message("Parentheses and square brackets of the translation come in pairs.")

    def check(self, ctx: CheckContext) -> Iterator[str]:
        yield from _translation_faults(ctx, (partial(_paired, opening=mark) for mark in "(["))


class QuotesCheck(Check):
    id = "quotes"
    name = Message("Quotation marks")
    severity = Severity.WARNING
    description = Message(
        "Quotation marks of the translation come in pairs; apostrophes are ignored."
    )

    def check(self, ctx: CheckContext) -> Iterator[str]:
        if not _QUOTE_MARKS.search(ctx.source):
            return  # the source marks no quotation: a quote of the story runs across it
        yield from _translation_faults(ctx, (_curly_quotes, _single_quotes, _straight_quotes))
