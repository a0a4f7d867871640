"""QA checks on a translated segment, Weblate style: one small class per check.

Errors block approval and publishing; warnings can be dismissed. The contract for a check
is in :class:`workflow.checks.base.Check`; the defaults are listed in
:mod:`workflow.checks.defaults`.
"""

from __future__ import annotations

from workflow.checks.base import Check, CheckContext, Finding, Severity, quote
from workflow.checks.defaults import DEFAULT_CHECKS, default_checks
from workflow.checks.runner import FAILED, blocking, run_checks

__all__ = [
    "DEFAULT_CHECKS",
    "FAILED",
    "Check",
    "CheckContext",
    "Finding",
    "Severity",
    "blocking",
    "default_checks",
    "quote",
    "run_checks",
]
