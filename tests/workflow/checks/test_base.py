from __future__ import annotations

from collections.abc import Iterator

import pytest

from workflow.checks import (
    DEFAULT_CHECKS,
    Check,
    CheckContext,
    Finding,
    Severity,
    blocking,
    default_checks,
    run_checks,
)
from workflow.errors import UnknownPlugin


class Loud(Check):
    id = "loud"
    name = "Loud"
    severity = Severity.WARNING
    description = "Always says something."

    def check(self, ctx: CheckContext) -> Iterator[str]:
        yield f"heard {ctx.target}"


def test_severity_is_ordered() -> None:
    assert Severity.ERROR > Severity.WARNING
    assert max([Severity.WARNING, Severity.ERROR]) is Severity.ERROR
    assert Severity.ERROR.label == "error"


def test_default_checks_are_a_fresh_registry_of_every_default() -> None:
    registry = default_checks()
    assert registry.ids() == [cls.id for cls in DEFAULT_CHECKS]
    assert default_checks() is not registry
    assert {"placeholders", "numbers", "hangul", "empty", "same", "glossary", "quotes"} <= set(
        registry.ids()
    )
    for check in registry:
        assert check.name and check.description
        assert isinstance(check.severity, Severity)


def test_unknown_check_lists_the_known_ones() -> None:
    with pytest.raises(UnknownPlugin, match="unknown check 'nope'; known: brackets"):
        default_checks().get("nope")


def test_duplicate_check_is_refused() -> None:
    registry = default_checks()
    with pytest.raises(ValueError, match="already registered"):
        registry.add("numbers", Loud())


def test_run_checks_lists_errors_first() -> None:
    ctx = CheckContext("28일 회담", "A meeting")
    found = run_checks(ctx, [Loud(), *default_checks()])
    missing = "number 28 (28일) is missing in the translation"
    assert found[0] == Finding("numbers", Severity.ERROR, missing)
    assert found[-1] == Finding("loud", Severity.WARNING, "heard A meeting")
    assert blocking(found) == found[:1]


def test_checks_skip_an_empty_translation_unless_they_ask() -> None:
    ctx = CheckContext("28일 회담", "  ")
    assert [f.check for f in run_checks(ctx, default_checks())] == ["empty"]


def test_a_clean_translation_has_no_findings() -> None:
    ctx = CheckContext("미·일이 27일 발표했다.", "The US and Japan announced it on Apr. 27.")
    assert run_checks(ctx, default_checks()) == []
