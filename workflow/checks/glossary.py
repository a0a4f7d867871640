"""Glossary terms of the source rendered as the term base says."""

from __future__ import annotations

from collections.abc import Iterator

from workflow.checks.base import Check, CheckContext, Severity
from workflow.errors import Message
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
    name = Message("Glossary")
    severity = Severity.WARNING
    description = Message("A glossary term of the source is rendered as the term base says.")

    def check(self, ctx: CheckContext) -> Iterator[str]:
        for hit in _hits(ctx).values():
            term = hit.term
            if not target_uses(term, ctx.target):
                yield Message(
                    "term %(src)s should be rendered as %(target)r",
                    src=term.source,
                    target=term.target,
                )


class ForbiddenTermCheck(Check):
    id = "forbidden_terms"
    name = Message("Forbidden term")
    severity = Severity.ERROR
    description = Message("A variant the term base forbids for a term of the source is used.")

    def check(self, ctx: CheckContext) -> Iterator[str]:
        for hit in _hits(ctx).values():
            term = hit.term
            variant = forbidden_used(term, ctx.target)
            if variant is not None:
                yield Message(
                    "%(variant)r is a forbidden rendering of %(src)s; use %(target)r",
                    variant=variant,
                    src=term.source,
                    target=term.target,
                )
