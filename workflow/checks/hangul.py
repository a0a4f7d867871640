"""Hangul left in a translation into a language that is not Korean."""

from __future__ import annotations

import re
from collections.abc import Iterator

from workflow.checks.base import Check, CheckContext, Severity, quote

__all__ = ["HangulCheck"]

# Syllables, conjoining and compatibility jamo.
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7a3\ud7b0-\ud7ff]+")
_SHOWN = 5


class HangulCheck(Check):
    id = "hangul"
    name = "Hangul left"
    severity = Severity.ERROR
    description = "A translation out of Korean must not contain Hangul."

    def check(self, ctx: CheckContext) -> Iterator[str]:
        if ctx.target_lang.lower().startswith("ko"):
            return
        words = list(dict.fromkeys(_HANGUL.findall(ctx.target)))
        if words:
            more = f" and {len(words) - _SHOWN} more" if len(words) > _SHOWN else ""
            shown = ", ".join(quote(w) for w in words[:_SHOWN])
            yield f"Hangul left in the translation: {shown}{more}"
