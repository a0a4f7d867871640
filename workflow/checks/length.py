"""A translation far longer or shorter than the language pair's norm."""

from __future__ import annotations

from collections.abc import Iterator

from workflow.checks.base import Check, CheckContext, Severity
from workflow.errors import Message

__all__ = ["LengthCheck", "ratio_bounds"]

# Bounds of len(target) / len(source) in characters. Korean → English runs about 2.5 (2.1 to
# 3.0 on the sample story's sentences), so only a translation under 0.8 or over 5 is odd.
_BOUNDS = {("ko", "en"): (0.8, 5.0), ("en", "ko"): (0.2, 1.25)}
_DEFAULT = (0.4, 2.5)
_MIN_SOURCE = 20  # short titles and bylines vary too much to judge


def ratio_bounds(source_lang: str, target_lang: str) -> tuple[float, float]:
    """The (low, high) bounds of the length ratio for a language pair."""
    pair = (source_lang.lower().split("-")[0], target_lang.lower().split("-")[0])
    return _BOUNDS.get(pair, _DEFAULT)


class LengthCheck(Check):
    id = "length"
    name = Message("Length")
    severity = Severity.WARNING
    description = Message("The translation's length is far outside the usual ratio to the source.")

    def check(self, ctx: CheckContext) -> Iterator[str]:
        source, target = " ".join(ctx.source.split()), " ".join(ctx.target.split())
        if len(source) < _MIN_SOURCE:
            return
        low, high = ratio_bounds(ctx.source_lang, ctx.target_lang)
        ratio = len(target) / len(source)
        if ratio < low:
            yield Message(
                "the translation is short: %(ratio)s times the source's length (< %(low)s)",
                ratio=format(ratio, ".1f"),
                low=low,
            )
        elif ratio > high:
            yield Message(
                "the translation is long: %(ratio)s times the source's length (> %(high)s)",
                ratio=format(ratio, ".1f"),
                high=high,
            )
