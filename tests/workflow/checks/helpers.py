"""Running one check on a Korean source and an English target, for the table-driven tests."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest

from workflow.checks import Check, CheckContext
from workflow.glossary import Term, find_terms
from workflow.model import SegmentKind

#: A row of a check's table: source, target and the messages expected.
Row = tuple[str, str, list[str]]


def messages(
    check: Check,
    source: str,
    target: str,
    *,
    kind: SegmentKind = SegmentKind.BODY,
    terms: tuple[Term, ...] = (),
    source_lang: str = "ko",
    target_lang: str = "en",
) -> list[str]:
    """The messages of ``check`` on the pair, every finding checked to carry its severity."""
    ctx = CheckContext(
        source, target, source_lang, target_lang, kind, tuple(find_terms(source, terms))
    )
    found = check.findings(ctx)
    assert all(f.check == check.id and f.severity is check.severity for f in found)
    return [f.message for f in found]


def table_test(
    check: Check, rows: Sequence[Row], **options: Any
) -> Callable[[str, str, list[str]], None]:
    """A test of ``check`` on each row of ``rows``: its :func:`messages` are the expected
    ones. ``options`` go to :func:`messages`. Bind it to a ``test_…`` name of the module::

        test_spaces = table_test(SpacesCheck(), CASES)
    """

    @pytest.mark.parametrize(("source", "target", "expected"), rows)
    def test(source: str, target: str, expected: list[str]) -> None:
        assert messages(check, source, target, **options) == expected

    return test
