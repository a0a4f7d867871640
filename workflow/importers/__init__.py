"""Article importers: one module per input format, a registry keyed by format id.

Format ids: ``hani-text``, ``plain-text``, ``markdown``, ``html``, ``json``. ``default_importers()``
builds the registry (nothing is registered at import time); ``read_article`` decodes and
validates a file, then parses it with the named format or the detected one.

Detection asks every importer for a score and takes the highest (ties: registration
order): ``json`` 1.0 for a JSON object; ``html`` 0.9 for a document starting with
``<!doctype html``/``<html``, 0.6 when it has ``<body``/``<article``; ``hani-text`` 0.8
with a ``Posted on :``/``등록 :`` date line; ``markdown`` 0.7 with front matter or a
``# `` title line; ``hani-text`` 0.1 for any other text whose first line is a short
title (no final period) followed by more lines, read as an export without dates;
``plain-text`` 0.05 for any other text that does not start like markup or data. Nothing
scoring above 0 means the format cannot be detected; the error names the formats as the
import form shows them (``Text export (hani-text)``).

A file without a headline (plain text; a text export whose first line is a sentence) gets
the ``title`` the person importing gives, or is refused with ``TitleMissing``: a body
sentence is never promoted to a headline.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace

from workflow.errors import ImportFailed, TitleMissing, UnknownPlugin
from workflow.importers.base import MAX_HEADING_CHARS, Importer, decode_text
from workflow.importers.hani_text import HaniTextImporter
from workflow.importers.html import HtmlImporter
from workflow.importers.json_ import JsonImporter
from workflow.importers.markdown import MarkdownImporter
from workflow.importers.plain_text import PlainTextImporter
from workflow.model import ParsedArticle
from workflow.registry import Registry
from workflow.text.clean import text_problem

__all__ = [
    "HaniTextImporter",
    "HtmlImporter",
    "Importer",
    "JsonImporter",
    "MarkdownImporter",
    "PlainTextImporter",
    "default_importers",
    "detect",
    "format_names",
    "read_article",
]


def default_importers() -> Registry[Importer]:
    """A new registry with the built-in importers, in detection tie-break order."""
    registry: Registry[Importer] = Registry("import format")
    for importer in (
        JsonImporter(),
        HtmlImporter(),
        HaniTextImporter(),
        MarkdownImporter(),
        PlainTextImporter(),
    ):
        registry.add(importer.id, importer)
    return registry


def format_names(registry: Registry[Importer]) -> str:
    """The formats as the import form names them: ``Text export (hani-text), …``."""
    return ", ".join(f"{importer.name} ({importer.id})" for importer in registry) or "none"


def detect(text: str, *, source: str, registry: Registry[Importer]) -> Importer:
    """The importer scoring highest for decoded text; ImportFailed when none fits."""
    best: Importer | None = None
    best_score = 0.0
    for importer in registry:
        score = importer.sniff_text(text)
        if score > best_score:
            best, best_score = importer, score
    if best is None:
        raise ImportFailed(
            "cannot detect the file's format; choose one of: %(formats)s",
            formats=format_names(registry),
            source=source,
        )
    return best


def read_article(
    data: bytes,
    *,
    source: str,
    format: str | None = None,
    registry: Registry[Importer] | None = None,
    title: str | None = None,
    require_title: bool = True,
) -> ParsedArticle:
    """Parse a file's bytes with the named format, or the detected one when ``format`` is None.

    ``title``, when given (not blank), is the article's headline whatever the file says.
    A file without a headline and no ``title`` raises ``TitleMissing`` unless
    ``require_title`` is False (a translation being paired: its title is left empty).

    ``source`` (the file name) is named in every error. Raises ``ImportFailed`` for an
    empty, binary or unreadable file, ``UnknownPlugin`` for an unknown format id (listing
    the known ones), ``BadInput`` for a bad field or date.
    """
    registry = registry if registry is not None else default_importers()
    importer: Importer | None = None
    if format is not None:
        try:
            importer = registry.get(format)
        except UnknownPlugin as e:
            raise UnknownPlugin(e.text, source=source) from None
    text = decode_text(data, source=source)
    if importer is None:
        importer = detect(text, source=source, registry=registry)
    given = " ".join(unicodedata.normalize("NFC", title).split()) if title else ""
    if given:
        parsed = importer.parse_untitled(text, source=source)
        problem = text_problem(given, limit=MAX_HEADING_CHARS)
        if problem is not None:
            raise ImportFailed(problem, source=source, field="title")
        return replace(parsed, meta=replace(parsed.meta, title=given))
    parsed = importer.parse_text(text, source=source)
    if not parsed.meta.title and require_title:
        raise TitleMissing(
            "the file has no headline (%(name)s does not carry one, and its first "
            "paragraph is not taken as one): give the title (--title on the "
            "command line, the Title field of the import form)",
            name=importer.name,
            source=source,
            field="title",
        )
    return parsed
