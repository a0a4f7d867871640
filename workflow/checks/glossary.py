"""Glossary terms of the source rendered as the term base says."""

from __future__ import annotations

from collections.abc import Iterator

from workflow.checks.base import Check, CheckContext, Severity
from workflow.glossary import TermHit, forbidden_used, target_uses

__all__ = ["ForbiddenTermCheck", "GlossaryCheck"]


def _hits(ctx: CheckContext) -> dict[str, TermHit]:
    """The first hit of each term into the context's target language."""
    lang = ctx.target_lang.lower().split("-")[0]
    hits: dict[str, TermHit] = {}
    for hit in ctx.terms:
        if hit.term.target_lang.lower().split("-")[0] == lang:
            hits.setdefault(hit.term.source, hit)
    return hits


class GlossaryCheck(Check):
    id = "glossary"
    name = "Glossary"
    severity = Severity.WARNING
    description = "A glossary term of the source is rendered as the term base says."

    def check(self, ctx: CheckContext) -> Iterator[str]:
        for hit in _hits(ctx).values():
            term = hit.term
            if not target_uses(term, ctx.target):
                yield f"term {term.source} should be rendered as {term.target!r}"


class ForbiddenTermCheck(Check):
    id = "forbidden_terms"
    name = "Forbidden term"
    severity = Severity.ERROR
    description = "A variant the term base forbids for a term of the source is used."

    def check(self, ctx: CheckContext) -> Iterator[str]:
        for hit in _hits(ctx).values():
            term = hit.term
            variant = forbidden_used(term, ctx.target)
            if variant is not None:
                yield f"{variant!r} is a forbidden rendering of {term.source}; use {term.target!r}"
