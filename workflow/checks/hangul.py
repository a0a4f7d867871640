"""Hangul left in a translation into a language that is not Korean."""

from __future__ import annotations

import re
from collections.abc import Iterator

from workflow.checks.base import Check, CheckContext, Severity, quote
from workflow.errors import Message

__all__ = ["HangulCheck"]

# Syllables, conjoining and compatibility jamo.
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff]+")
_SHOWN = 5


class HangulCheck(Check):
    id = "hangul"
    name = Message("Hangul left")
    severity = Severity.ERROR
    description = Message("A translation out of Korean must not contain Hangul.")

    def check(self, ctx: CheckContext) -> Iterator[str]:
        if ctx.target_lang.lower().startswith("ko"):
            return
        words = list(dict.fromkeys(_HANGUL.findall(ctx.target)))
        if words:
            shown = ", ".join(quote(w) for w in words[:_SHOWN])
            if len(words) > _SHOWN:
                yield Message(
                    "Hangul left in the translation: %(words)s and %(more)s more",
                    words=shown,
                    more=len(words) - _SHOWN,
                )
            else:
                yield Message("Hangul left in the translation: %(words)s", words=shown)
