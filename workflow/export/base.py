"""The exporter contract: one file of a bundle rendered from a localized article."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from workflow.model import LocalizedArticle

MANIFEST_NAME = "manifest.json"


class Exporter(ABC):
    """Renders one file of an export bundle from a :class:`~workflow.model.LocalizedArticle`.

    A subclass sets two class attributes and implements two methods:

    * ``id`` — the registry id, lower-case ASCII (``html``, ``po``); unique in a registry.
    * ``media_type`` — the file's media type, for the edge that serves it
      (``text/html; charset=utf-8``).
    * ``filename(la)`` — a bare file name (no folder, never ``manifest.json``), the same
      for the same article and locale; names are unique within a bundle.
    * ``render(la)`` — the file's bytes (text is UTF-8). It must be pure and
      deterministic: no clock, no environment, no I/O, no network; the same input gives
      byte-identical output, which is what makes bundles reproducible. Bad input raises
      a :class:`~workflow.errors.WorkflowError` subclass, never returns an error string.

    Exporters are plain objects built by :func:`workflow.export.default_exporters`;
    settings (time zone, generator) are constructor arguments, never globals.
    """

    id: ClassVar[str]
    media_type: ClassVar[str]

    @abstractmethod
    def filename(self, la: LocalizedArticle) -> str:
        """The file's name inside a bundle."""

    @abstractmethod
    def render(self, la: LocalizedArticle) -> bytes:
        """The file's content."""
