"""The QA check contract: what a check sees, what it reports, how severe that is."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from typing import ClassVar

from workflow.errors import Message
from workflow.glossary import TermHit
from workflow.model import SegmentKind

__all__ = ["Check", "CheckContext", "Finding", "Severity", "quote"]

#: The most findings one check reports on one segment; the last one counts the rest.
MAX_MESSAGES = 10
#: The most characters of the text at fault a message quotes; longer quotes keep both ends.
QUOTE_LIMIT = 60


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` as a message quotes it: whole when short, else its ends around ``…``."""
    if len(text) <= limit:
        return text
    half = (limit - 1) // 2
    return f"{text[:half]}…{text[-half:]}"


class Severity(IntEnum):
    """How bad a finding is; ordered, so ``max()`` of findings' severities is the worst.

    ERROR blocks approval and publishing. WARNING can be dismissed; the reason is recorded by
    the caller, not here.
    """

    WARNING = 10
    ERROR = 20

    @property
    def label(self) -> str:
        """The lower-case name used in JSON and the CLI (``error``)."""
        return self.name.lower()


@dataclass(frozen=True)
class CheckContext:
    """One segment's source and translation, as a check sees it.

    ``terms`` are the glossary terms found in ``source`` (``workflow.glossary.find_terms``);
    languages are codes such as ``ko`` and ``en``.
    """

    source: str
    target: str
    source_lang: str = "ko"
    target_lang: str = "en"
    kind: SegmentKind = SegmentKind.BODY
    terms: tuple[TermHit, ...] = ()


@dataclass(frozen=True)
class Finding:
    """A problem found by check ``check``; ``message`` says what, quoting the text at fault."""

    check: str
    severity: Severity
    message: str


class Check:
    """Base class of a QA check. The plugin contract:

    * Class attributes: ``id`` (registry id, lower case, e.g. ``numbers``), ``name`` (a short
      label for people), ``severity`` (every finding of a check has the check's severity;
      a check wanting two severities is two checks), ``description`` (one sentence for the
      UI's list of checks).
    * Implement :meth:`check`: take a :class:`CheckContext`, yield one message per problem,
      saying what is wrong and quoting the text at fault ("number 28 (28일) is missing in the
      translation"), long quotes shortened with :func:`quote`. Yield nothing when all is
      well or the check does not apply to the language pair or segment kind.
    * A check is pure and stateless: no I/O, no database, no settings, no web objects; it may
      be called from any thread. It must not raise on odd text; it should rather stay silent.
      The runner turns an exception into a finding of the check's severity all the same.
    * A check takes time linear in the length of the texts (20,000 characters each at most):
      no regular expression that backtracks over a run it has already scanned
      (``tests/workflow/checks/test_linear.py`` times every registered check on adversarial
      text).
    * ``skip_empty``: by default a check is not run on an empty translation (the ``empty``
      check reports it once); set it to False to see empty targets.

    Callers use :meth:`findings`, which wraps the messages into :class:`Finding` values, at
    most :data:`MAX_MESSAGES` of them.
    """

    id: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    description: ClassVar[str]
    skip_empty: ClassVar[bool] = True

    def check(self, ctx: CheckContext) -> Iterable[str]:
        """Messages, one per problem found in ``ctx``; override this."""
        raise NotImplementedError

    def findings(self, ctx: CheckContext) -> list[Finding]:
        """The check's findings for ``ctx``."""
        if self.skip_empty and not ctx.target.strip():
            return []
        messages = list(self.check(ctx))
        if len(messages) > MAX_MESSAGES:  # 3,000 missing placeholders are read as a few
            more = len(messages) - MAX_MESSAGES + 1
            messages[MAX_MESSAGES - 1 :] = [
                Message("and %(more)s more like these", more=format(more, ","))
            ]
        return [Finding(self.id, self.severity, message) for message in messages]

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id!r} {self.severity.label}>"
