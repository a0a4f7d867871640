"""The default set of QA checks, listed in one place; settings choose which are enabled."""

from __future__ import annotations

from workflow.checks.base import Check
from workflow.checks.brackets import BracketsCheck, QuotesCheck
from workflow.checks.empty import EmptyCheck, SameCheck
from workflow.checks.end_punctuation import EndPunctuationCheck
from workflow.checks.glossary import ForbiddenTermCheck, GlossaryCheck
from workflow.checks.hangul import HangulCheck
from workflow.checks.length import LengthCheck
from workflow.checks.numbers import NumbersCheck, NumbersLooseCheck
from workflow.checks.placeholders import PlaceholdersCheck
from workflow.checks.spaces import SpacesCheck
from workflow.checks.urls import EmailsCheck, UrlsCheck
from workflow.registry import Registry

__all__ = ["DEFAULT_CHECKS", "default_checks"]

#: Check classes in the order their findings are listed.
DEFAULT_CHECKS: tuple[type[Check], ...] = (
    EmptyCheck,
    PlaceholdersCheck,
    NumbersCheck,
    NumbersLooseCheck,
    HangulCheck,
    UrlsCheck,
    EmailsCheck,
    ForbiddenTermCheck,
    GlossaryCheck,
    SameCheck,
    BracketsCheck,
    QuotesCheck,
    EndPunctuationCheck,
    SpacesCheck,
    LengthCheck,
)


def default_checks() -> Registry[Check]:
    """A new registry holding one instance of each default check, keyed by its id."""
    registry: Registry[Check] = Registry("check")
    for cls in DEFAULT_CHECKS:
        registry.add(cls.id, cls())
    return registry
