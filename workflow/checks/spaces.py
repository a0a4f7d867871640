"""Doubled, leading and trailing spaces that the source does not have."""

from __future__ import annotations

from collections.abc import Iterator

from workflow.checks.base import Check, CheckContext, Severity

__all__ = ["SpacesCheck"]


class SpacesCheck(Check):
    id = "spaces"
    name = "Spaces"
    severity = Severity.WARNING
    description = "No doubled, leading or trailing spaces unless the source has them."

    def check(self, ctx: CheckContext) -> Iterator[str]:
        source, target = ctx.source, ctx.target
        if "  " in target and "  " not in source:
            at = target.index("  ")
            yield f"doubled space in the translation: {target[max(0, at - 15) : at + 17]!r}"
        if target[:1].isspace() and not source[:1].isspace():
            yield "the translation starts with a space"
        if target[-1:].isspace() and not source[-1:].isspace():
            yield "the translation ends with a space"
