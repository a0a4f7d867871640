"""Article importers: one module per input format, a registry keyed by format id.

Format ids: ``hani-text``, ``markdown``, ``html``, ``json``. ``default_importers()``
builds the registry (nothing is registered at import time); ``read_article`` decodes and
validates a file, then parses it with the named format or the detected one.

Detection asks every importer for a score and takes the highest (ties: registration
order): ``json`` 1.0 for a JSON object; ``html`` 0.9 for a document starting with
``<!doctype html``/``<html``, 0.6 when it has ``<body``/``<article``; ``hani-text`` 0.8
with a ``Posted on :``/``등록 :`` date line; ``markdown`` 0.7 with front matter or a
``# `` title line; ``hani-text`` 0.1 for any other text whose first line is a short
title (no final period) followed by more lines, read as an export without dates. Nothing
scoring above 0 means the format cannot be detected.
"""

from __future__ import annotations

from workflow.errors import ImportFailed, UnknownPlugin
from workflow.importers.base import Importer, decode_text
from workflow.importers.hani_text import HaniTextImporter
from workflow.importers.html import HtmlImporter
from workflow.importers.json_ import JsonImporter
from workflow.importers.markdown import MarkdownImporter
from workflow.model import ParsedArticle
from workflow.registry import Registry

__all__ = [
    "HaniTextImporter",
    "HtmlImporter",
    "Importer",
    "JsonImporter",
    "MarkdownImporter",
    "default_importers",
    "detect",
    "read_article",
]


def default_importers() -> Registry[Importer]:
    """A new registry with the built-in importers, in detection tie-break order."""
    registry: Registry[Importer] = Registry("import format")
    for importer in (JsonImporter(), HtmlImporter(), HaniTextImporter(), MarkdownImporter()):
        registry.add(importer.id, importer)
    return registry


def detect(text: str, *, source: str, registry: Registry[Importer]) -> Importer:
    """The importer scoring highest for decoded text; ImportFailed when none fits."""
    best: Importer | None = None
    best_score = 0.0
    for importer in registry:
        score = importer.sniff_text(text)
        if score > best_score:
            best, best_score = importer, score
    if best is None:
        known = ", ".join(registry.ids()) or "none"
        raise ImportFailed(
            "cannot detect the file's format; name one of: %(known)s", known=known, source=source
        )
    return best


def read_article(
    data: bytes,
    *,
    source: str,
    format: str | None = None,
    registry: Registry[Importer] | None = None,
) -> ParsedArticle:
    """Parse a file's bytes with the named format, or the detected one when ``format`` is None.

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
    return importer.parse_text(text, source=source)
