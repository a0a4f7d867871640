"""URLs and e-mail addresses of the source kept in the translation."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from workflow.checks.base import Check, CheckContext, Severity, quote
from workflow.errors import Message

__all__ = ["EmailsCheck", "UrlsCheck", "emails", "urls"]

_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"“”‘’()\[\]]+", re.IGNORECASE)
# An address is ``[\w.+-]+@[\w-]+(?:\.[\w-]+)+``. As one pattern, every position of a long
# run of letters retries the run looking for an @ (quadratic: 1.1 s on 20,000 letters), so
# the local part is taken as a whole run, once, and the domain matched after its @.
_LOCAL = re.compile(r"[\w.+-]+")
_DOMAIN = re.compile(r"@[\w-]++(?:\.[\w-]++)+")
_TRAILING = ".,;:!?"  # sentence punctuation after an address is not part of it


def urls(text: str) -> list[str]:
    """The URLs of ``text`` in text order, without sentence punctuation after them."""
    return [m.rstrip(_TRAILING) for m in _URL.findall(text)]


def emails(text: str) -> list[str]:
    """The e-mail addresses of ``text`` in text order, as ``[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+``
    finds them left to right, in time linear in the text."""
    found = []
    pos = 0
    while (local := _LOCAL.search(text, pos)) is not None:
        # An address starting in this run has all of it (up to where the scan resumed)
        # as its local part: the run holds no @.
        domain = _DOMAIN.match(text, local.end())
        if domain is None:
            pos = local.end()
            continue
        found.append(text[local.start() : domain.end()].rstrip(_TRAILING))
        pos = domain.end()
    return found


def _missing(find: Callable[[str], list[str]], ctx: CheckContext) -> Iterator[str]:
    target = {t.casefold() for t in find(ctx.target)}
    return (s for s in dict.fromkeys(find(ctx.source)) if s.casefold() not in target)


class UrlsCheck(Check):
    id = "urls"
    name = Message("URLs")
    severity = Severity.ERROR
    description = Message("Every URL of the source appears unchanged in the translation.")

    def check(self, ctx: CheckContext) -> Iterator[str]:
        for url in _missing(urls, ctx):
            yield Message("URL %(url)s is missing in the translation", url=quote(url))


class EmailsCheck(Check):
    id = "emails"
    name = Message("E-mail addresses")
    severity = Severity.ERROR
    description = Message(
        "Every e-mail address of the source appears unchanged in the translation."
    )

    def check(self, ctx: CheckContext) -> Iterator[str]:
        for address in _missing(emails, ctx):
            yield Message(
                "e-mail address %(address)s is missing in the translation",
                address=quote(address),
            )
