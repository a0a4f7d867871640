"""URLs and e-mail addresses of the source kept in the translation."""

from __future__ import annotations

import re
from collections.abc import Iterator

from workflow.checks.base import Check, CheckContext, Severity

__all__ = ["EmailsCheck", "UrlsCheck"]

_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"“”‘’()\[\]]+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TRAILING = ".,;:!?"  # sentence punctuation after an address is not part of it


def _found(pattern: re.Pattern[str], text: str) -> list[str]:
    return list(dict.fromkeys(m.rstrip(_TRAILING) for m in pattern.findall(text)))


def _missing(pattern: re.Pattern[str], ctx: CheckContext) -> Iterator[str]:
    target = {t.casefold() for t in _found(pattern, ctx.target)}
    return (s for s in _found(pattern, ctx.source) if s.casefold() not in target)


class UrlsCheck(Check):
    id = "urls"
    name = "URLs"
    severity = Severity.ERROR
    description = "Every URL of the source appears unchanged in the translation."

    def check(self, ctx: CheckContext) -> Iterator[str]:
        for url in _missing(_URL, ctx):
            yield f"URL {url} is missing in the translation"


class EmailsCheck(Check):
    id = "emails"
    name = "E-mail addresses"
    severity = Severity.ERROR
    description = "Every e-mail address of the source appears unchanged in the translation."

    def check(self, ctx: CheckContext) -> Iterator[str]:
        for address in _missing(_EMAIL, ctx):
            yield f"e-mail address {address} is missing in the translation"
