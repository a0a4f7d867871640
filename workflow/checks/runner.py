"""Running a set of checks on one segment."""

from __future__ import annotations

from collections.abc import Iterable

from workflow.checks.base import Check, CheckContext, Finding, Severity

__all__ = ["blocking", "run_checks"]


def run_checks(ctx: CheckContext, checks: Iterable[Check]) -> list[Finding]:
    """Findings of ``checks`` on ``ctx``: errors first, then in the order the checks come."""
    found = [f for check in checks for f in check.findings(ctx)]
    return sorted(found, key=lambda f: -f.severity)


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that block approval and publishing (errors)."""
    return [f for f in findings if f.severity >= Severity.ERROR]
