"""Running one check on a Korean source and an English target, for the table-driven tests."""

from __future__ import annotations

from workflow.checks import Check, CheckContext
from workflow.glossary import Term, find_terms
from workflow.model import SegmentKind


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
