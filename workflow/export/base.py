"""The exporter contract: one file of a bundle rendered from a localized article."""

from __future__ import annotations

import copy
from abc import ABC, abstractmethod
from typing import ClassVar, Self
from zoneinfo import ZoneInfo

from workflow.export.content import Edition, edition
from workflow.model import LocalizedArticle
from workflow.states import SegmentState

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


class EditionExporter(Exporter):
    """An exporter of the edition readers see (:mod:`workflow.export.content`).

    A subclass implements ``write(edition)`` instead of ``render``. Dates are shown in
    ``timezone`` (the newsroom's, Asia/Seoul); segments below ``min_state`` show their
    source text, tagged as untranslated.
    """

    def __init__(
        self, *, timezone: str = "Asia/Seoul", min_state: SegmentState = SegmentState.APPROVED
    ) -> None:
        self.tz = ZoneInfo(timezone)
        self.min_state = min_state

    def render(self, la: LocalizedArticle) -> bytes:
        return self.write(edition(la, min_state=self.min_state))

    def showing(self, min_state: SegmentState) -> Self:
        """The same exporter showing translations from ``min_state`` up (for a preview)."""
        other = copy.copy(self)
        other.min_state = min_state
        return other

    @abstractmethod
    def write(self, ed: Edition) -> bytes:
        """The file's content for the resolved edition."""
