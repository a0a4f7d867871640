from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from workflow.checks import (
    DEFAULT_CHECKS,
    FAILED,
    Check,
    CheckContext,
    Finding,
    Severity,
    blocking,
    default_checks,
    quote,
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
    ctx = CheckContext("3만명 회담", "A meeting")
    found = run_checks(ctx, [Loud(), *default_checks()])
    missing = "number 30,000 (3만명) is missing in the translation"
    assert found[0] == Finding("numbers", Severity.ERROR, missing)
    assert found[-1] == Finding("loud", Severity.WARNING, "heard A meeting")
    assert blocking(found) == found[:1]


def test_checks_skip_an_empty_translation_unless_they_ask() -> None:
    ctx = CheckContext("28일 회담", "  ")
    assert [f.check for f in run_checks(ctx, default_checks())] == ["empty"]


def test_a_clean_translation_has_no_findings() -> None:
    ctx = CheckContext("미·일이 27일 발표했다.", "The US and Japan announced it on Apr. 27.")
    assert run_checks(ctx, default_checks()) == []


class Exploding(Check):
    id = "exploding"
    name = "Exploding"
    severity = Severity.ERROR
    description = "Has a defect."

    def check(self, ctx: CheckContext) -> Iterator[str]:
        yield "found one thing"
        raise OverflowError("cannot convert float infinity to integer")


class Nagging(Exploding):
    id = "nagging"
    severity = Severity.WARNING


def test_a_check_that_raises_is_logged_and_reported_with_its_severity(
    caplog: pytest.LogCaptureFixture,
) -> None:
    ctx = CheckContext("3만명 회담", "A meeting")
    with caplog.at_level(logging.ERROR, logger="workflow.checks.runner"):
        found = run_checks(ctx, [Nagging(), Exploding(), *default_checks()])
    assert Finding("exploding", Severity.ERROR, FAILED) in found
    assert Finding("nagging", Severity.WARNING, FAILED) in found
    assert not any(f.message == "found one thing" for f in found)  # half a check is no check
    # The other checks still ran.
    assert Finding(
        "numbers", Severity.ERROR, "number 30,000 (3만명) is missing in the translation"
    ) in (found)
    assert [f.check for f in blocking(found)] == ["exploding", "numbers"]
    logged = [r for r in caplog.records if r.exc_info]
    assert [r.getMessage()[:30] for r in logged] == [
        "check 'nagging' failed on a se",
        "check 'exploding' failed on a ",
    ]


def test_findings_of_one_check_are_capped() -> None:
    source = " ".join(f"{{p{i}}}" for i in range(40))
    found = run_checks(CheckContext(source, "none kept"), default_checks())
    placeholders = [f.message for f in found if f.check == "placeholders"]
    assert len(placeholders) == 10
    assert placeholders[:2] == [
        "placeholder {p0} is missing in the translation",
        "placeholder {p1} is missing in the translation",
    ]
    assert placeholders[-1] == "and 31 more like these"


def test_quote_keeps_both_ends_of_a_long_text() -> None:
    assert quote("short") == "short"
    assert quote("a" * 100 + "b" * 100) == "a" * 29 + "…" + "b" * 29
    assert len(quote("x" * 20_000)) == 59
