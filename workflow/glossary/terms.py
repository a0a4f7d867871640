"""The values of the term base: a term and where it was found in a source text."""

from __future__ import annotations

from dataclasses import dataclass, replace

from workflow.text.clean import clean_text


@dataclass(frozen=True)
class Term:
    """One entry of the term base: a source term and how it must be rendered.

    ``forbidden`` lists variants that must not be used for it (an error in QA), while a
    translation that merely lacks ``target`` gets a warning. One term per ``source`` and
    language pair: importers reject duplicates.
    """

    source: str
    target: str
    source_lang: str = "ko"
    target_lang: str = "en"
    note: str | None = None
    pos: str | None = None  # part of speech, free text ("noun", "properNoun")
    forbidden: tuple[str, ...] = ()


@dataclass(frozen=True)
class TermHit:
    """A term found in a source text at ``source[start:end]`` (particles not included)."""

    term: Term
    start: int
    end: int


def checked_term(term: Term, *, source: str | None = None, line: int | None = None) -> Term:
    """``term`` with every text checked as any stored text is (``workflow.text.clean``): no
    control character, none longer than ``MAX_TEXT``; else BadInput naming the field
    (and the file and line, when it comes from one)."""

    def check(value: str, field: str) -> str:
        return clean_text(value, field=field, source=source, line=line)

    return replace(
        term,
        source=check(term.source, "source"),
        target=check(term.target, "target"),
        note=None if term.note is None else check(term.note, "note"),
        pos=None if term.pos is None else check(term.pos, "pos"),
        forbidden=tuple(check(f, "forbidden") for f in term.forbidden),
    )
