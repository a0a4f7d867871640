"""Running a set of checks on one segment."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from workflow.checks.base import Check, CheckContext, Finding, Severity
from workflow.errors import Message

__all__ = ["FAILED", "blocking", "run_checks"]

log = logging.getLogger(__name__)

#: The message of a check that raised: the defect is logged, the segment gets this finding.
FAILED = Message("the check failed on this text (a defect, logged for the administrators)")


def run_checks(ctx: CheckContext, checks: Iterable[Check]) -> list[Finding]:
    """Findings of ``checks`` on ``ctx``: errors first, then in the order the checks come.

    A check that raises is a defect of that check, not of the page showing the segment: it
    is logged and becomes a finding of the check's own severity (:data:`FAILED`), so that a
    check that blocks approval still blocks it when it cannot run, and the others still run.
    """
    found: list[Finding] = []
    for check in checks:
        try:
            found.extend(check.findings(ctx))
        except Exception:
            log.exception(
                "check %r failed on a segment (source %d, target %d characters)",
                check.id,
                len(ctx.source),
                len(ctx.target),
            )
            found.append(Finding(check.id, check.severity, FAILED))
    return sorted(found, key=lambda f: -f.severity)


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that block approval and publishing (errors)."""
    return [f for f in findings if f.severity >= Severity.ERROR]
