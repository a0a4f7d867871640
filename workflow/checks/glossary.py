"""Glossary terms of the source rendered as the term base says."""

from __future__ import annotations

from collections.abc import Iterator

from workflow.checks.base import Check, CheckContext, Severity
from workflow.errors import Message
from workflow.glossary import Term, forbidden_used, target_uses

__all__ = ["ForbiddenTermCheck", "GlossaryCheck"]


def _terms(ctx: CheckContext) -> list[Term]:
    """The terms of the source into the context's target language, the first hit of each
    source term."""
    lang = ctx.target_lang.lower().split("-")[0]
    terms: dict[str, Term] = {}
    for hit in ctx.terms:
        if hit.term.target_lang.lower().split("-")[0] == lang:
            terms.setdefault(hit.term.source, hit.term)
    return list(terms.values())


class GlossaryCheck(Check):
    id = "glossary"
    name = Message("Glossary")
    severity = Severity.WARNING
    description = Message("A glossary term of the source is rendered as the term base says.")

    def check(self, ctx: CheckContext) -> Iterator[str]:
        for term in _terms(ctx):
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
        for term in _terms(ctx):
            variant = forbidden_used(term, ctx.target)
            if variant is not None:
                yield Message(
                    "%(variant)r is a forbidden rendering of %(src)s; use %(target)r",
                    variant=variant,
                    src=term.source,
                    target=term.target,
                )
