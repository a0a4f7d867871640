"""Sentence punctuation at the end: a statement ends as a statement, a question as one.

Closing quotes and brackets after the mark are looked through (``…했다.”``, ``he said.”``).
Korean ``다.`` ends like English ``.``; ``!`` and ``…`` count as a full stop. A translation
ending with an abbreviation (``the U.S.``) does not end with a full stop of its own.

Quiet where human news translations differ on purpose (``bench/qa.py``): a Korean sentence
ending in ``다`` without its full stop, a headline-style line of the body (no punctuation)
rendered as an English sentence, and an English sentence that runs on into the next
segment (ending with ``:``, ``;``, ``,`` or a dash) for a Korean full stop.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from workflow.checks.base import Check, CheckContext, Severity
from workflow.errors import Message
from workflow.model import SegmentKind

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
_RUNS_ON = frozenset(":;,—–-：")
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
        if source is None and ctx.source.rstrip().rstrip(_CLOSERS + " ").endswith("다"):
            return  # the full stop of a Korean sentence, left out
        if source is None and target == "stop" and ctx.kind is SegmentKind.BODY:
            return  # a headline-style line of the body, rendered as a sentence
        if source == "stop" and ctx.target.rstrip().rstrip(_CLOSERS + " ")[-1:] in _RUNS_ON:
            return  # the English sentence runs on into the next segment
        yield Message(
            "the source ends with %(source_end)s, the translation with %(target_end)s",
            source_end=_NAMES[source],
            target_end=_NAMES[target],
        )
