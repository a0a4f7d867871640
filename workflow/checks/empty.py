"""An empty translation, and a translation identical to its source."""

from __future__ import annotations

import re
from collections.abc import Iterator

from workflow.checks.base import Check, CheckContext, Severity
from workflow.errors import Message

__all__ = ["EmptyCheck", "SameCheck"]

# What may stay as is: placeholders, URLs, e-mail addresses, figures and punctuation. A
# word with an @ inside is an address; a URL runs to the end of its word. (As one pattern
# with ``\S+@\S+``, every position of a long word retried the word: quadratic.)
_PLACEHOLDER = re.compile(r"\[%%\w+%%\]")
_URL_START = re.compile(r"https?://")
_NOT_LETTERS = re.compile(r"[\d\W_]+")
# Acronyms and names ("ACSA", "Shangri-La") may stay the same: only a text of two words or
# more with a few letters is expected to change.
_MIN_LETTERS = 5
_MIN_WORDS = 2


class EmptyCheck(Check):
    id = "empty"
    name = Message("Empty translation")
    severity = Severity.ERROR
    description = Message("A segment with source text needs a translation.")
    skip_empty = False

    def check(self, ctx: CheckContext) -> Iterator[str]:
        if ctx.source.strip() and not ctx.target.strip():
            yield Message("the translation is empty")


class SameCheck(Check):
    id = "same"
    name = Message("Unchanged translation")
    severity = Severity.WARNING
    description = Message(
        "A translation identical to a non-trivial source was probably not translated."
    )

    def check(self, ctx: CheckContext) -> Iterator[str]:
        if " ".join(ctx.source.split()).casefold() != " ".join(ctx.target.split()).casefold():
            return
        words = _translatable_words(ctx.source)
        if sum(map(len, words)) >= _MIN_LETTERS and len(words) >= _MIN_WORDS:
            yield Message("the translation is the same as the source")


def _translatable_words(text: str) -> list[str]:
    """The runs of letters of ``text`` outside placeholders, URLs and e-mail addresses."""
    words: list[str] = []
    for word in text.split():
        if "@" in word[1:-1]:
            continue
        url = _URL_START.search(word)
        if url is not None:
            word = word[: url.start()]
        words += _NOT_LETTERS.sub(" ", _PLACEHOLDER.sub(" ", word)).split()
    return words
