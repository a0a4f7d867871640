"""The values of the term base: a term and where it was found in a source text."""

from __future__ import annotations

from dataclasses import dataclass


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
