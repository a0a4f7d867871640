"""Doubled, leading and trailing spaces that the source does not have."""

from __future__ import annotations

from collections.abc import Iterator

from workflow.checks.base import Check, CheckContext, Severity
from workflow.errors import Message

__all__ = ["SpacesCheck"]


class SpacesCheck(Check):
    id = "spaces"
    name = Message("Spaces")
    severity = Severity.WARNING
    description = Message("No doubled, leading or trailing spaces unless the source has them.")

    def check(self, ctx: CheckContext) -> Iterator[str]:
        source, target = ctx.source, ctx.target
        if "  " in target and "  " not in source:
            at = target.index("  ")
            yield Message(
                "doubled space in the translation: %(context)r",
                context=target[max(0, at - 15) : at + 17],
            )
        if target[:1].isspace() and not source[:1].isspace():
            yield Message("the translation starts with a space")
        if target[-1:].isspace() and not source[-1:].isspace():
            yield Message("the translation ends with a space")
