"""Placeholders (``[%%IMAGE1%%]``, ``%s``, ``%(name)s``, ``{name}``) kept as they are."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from workflow.checks.base import Check, CheckContext, Severity, quote
from workflow.errors import Message

__all__ = ["PlaceholdersCheck", "placeholders"]

_PLACEHOLDER = re.compile(
    r"\[%%[A-Za-z0-9_]+%%\]"  # image and embed markers of the article exports
    r"|%\(\w+\)[sdif]|%(?:\d+\$)?[sdif](?![A-Za-z])"  # printf style
    r"|\{\w*\}"  # str.format style
)


def placeholders(text: str) -> Counter[str]:
    """The placeholders of ``text``, with their counts."""
    return Counter(_PLACEHOLDER.findall(text))


class PlaceholdersCheck(Check):
    id = "placeholders"
    name = Message("Placeholders")
    severity = Severity.ERROR
    description = Message(
        "Placeholders such as [%%IMAGE1%%] must be kept exactly, neither lost nor added."
    )

    def check(self, ctx: CheckContext) -> Iterator[str]:
        source, target = placeholders(ctx.source), placeholders(ctx.target)
        for ph in source - target:
            yield Message(
                "placeholder %(placeholder)s is missing in the translation", placeholder=quote(ph)
            )
        for ph in target - source:
            yield Message("placeholder %(placeholder)s is not in the source", placeholder=quote(ph))
