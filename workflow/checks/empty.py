"""An empty translation, and a translation identical to its source."""

from __future__ import annotations

import re
from collections.abc import Iterator

from workflow.checks.base import Check, CheckContext, Severity

__all__ = ["EmptyCheck", "SameCheck"]

# What may stay as is: placeholders, URLs, e-mail addresses, figures and punctuation.
_UNTRANSLATABLE = re.compile(r"\[%%\w+%%\]|https?://\S+|\S+@\S+|[\d\W_]+")
# Acronyms and names ("ACSA", "Shangri-La") may stay the same: only a text of two words or
# more with a few letters is expected to change.
_MIN_LETTERS = 5
_MIN_WORDS = 2


class EmptyCheck(Check):
    id = "empty"
    name = "Empty translation"
    severity = Severity.ERROR
    description = "A segment with source text needs a translation."
    skip_empty = False

    def check(self, ctx: CheckContext) -> Iterator[str]:
        if ctx.source.strip() and not ctx.target.strip():
            yield "the translation is empty"


class SameCheck(Check):
    id = "same"
    name = "Unchanged translation"
    severity = Severity.WARNING
    description = "A translation identical to a non-trivial source was probably not translated."

    def check(self, ctx: CheckContext) -> Iterator[str]:
        if " ".join(ctx.source.split()).casefold() != " ".join(ctx.target.split()).casefold():
            return
        letters = _UNTRANSLATABLE.sub(" ", ctx.source)
        if len(letters.replace(" ", "")) >= _MIN_LETTERS and len(letters.split()) >= _MIN_WORDS:
            yield "the translation is the same as the source"
