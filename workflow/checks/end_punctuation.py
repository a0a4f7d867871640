"""Sentence punctuation at the end: a statement ends as a statement, a question as one.

Closing quotes and brackets after the mark are looked through (``…했다.”``, ``he said.”``).
Korean ``다.`` ends like English ``.``; ``!`` and ``…`` count as a full stop. A translation
ending with an abbreviation (``the U.S.``) does not end with a full stop of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from workflow.checks.base import Check, CheckContext, Severity
from workflow.errors import Message

__all__ = ["EndPunctuationCheck", "ending"]

_CLOSERS = "\"'”’」』》〉)]）"
_CLASSES = {".": "stop", "。": "stop", "!": "stop", "！": "stop", "…": "stop",
            "?": "question", "？": "question", ":": "colon", "：": "colon"}  # fmt: skip
_NAMES = {
    "stop": Message("a full stop"),
    "question": Message("a question mark"),
    "colon": Message("a colon"),
    None: Message("no sentence punctuation"),
}
_ABBREVIATION = re.compile(r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:Inc|Corp|Co|Ltd|Jr|Sr|St|etc)\.)$")
# The pattern is searched for in the last characters only (the characters before still
# count for ``\b``): tried at every start of a long run of ``A.`` pairs it is quadratic,
# and an abbreviation at the end of a longer run is found in the run's last pairs too.
_ABBREVIATION_WINDOW = 16


def ending(text: str) -> str | None:
    """``stop``, ``question``, ``colon`` or None: how ``text`` ends, closers looked through."""
    stripped = text.rstrip().rstrip(_CLOSERS + " ")
    return _CLASSES.get(stripped[-1:])


def _ends_abbreviated(text: str) -> bool:
    """Whether ``text`` ends with an abbreviation (``the U.S.``), closers looked through."""
    text = text.rstrip().rstrip(_CLOSERS)
    return _ABBREVIATION.search(text, max(0, len(text) - _ABBREVIATION_WINDOW)) is not None


class EndPunctuationCheck(Check):
    id = "end_punctuation"
    name = Message("End punctuation")
    severity = Severity.WARNING
    description = Message("Source and translation end with the same kind of sentence punctuation.")

    def check(self, ctx: CheckContext) -> Iterator[str]:
        source, target = ending(ctx.source), ending(ctx.target)
        if source == target:
            return
        if source is None and _ends_abbreviated(ctx.target):
            return
        yield Message(
            "the source ends with %(source_end)s, the translation with %(target_end)s",
            source_end=_NAMES[source],
            target_end=_NAMES[target],
        )
