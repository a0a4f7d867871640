"""PO and MO exporters: ``<slug>.<locale>.po`` and ``.mo``, made by :mod:`workflow.catalog.po`."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from workflow.catalog.entries import DEFAULT_GENERATOR
from workflow.catalog.po import catalog_bytes, mo_bytes
from workflow.export.base import Exporter
from workflow.model import LocalizedArticle


class _CatalogExporter(Exporter):
    """A gettext file of the article, ``<slug>.<locale>.<id>``, with ``generator`` in its
    ``X-Generator``; a subclass sets ``id``, ``media_type`` and ``write(la, *, generator)``."""

    write: ClassVar[Callable[..., bytes]]

    def __init__(self, *, generator: str = DEFAULT_GENERATOR) -> None:
        self.generator = generator

    def filename(self, la: LocalizedArticle) -> str:
        return f"{la.file_stem}.{self.id}"

    def render(self, la: LocalizedArticle) -> bytes:
        return self.write(la, generator=self.generator)


class PoExporter(_CatalogExporter):
    """The gettext catalog of the article, one entry per segment (:mod:`workflow.catalog.po`)."""

    id = "po"
    media_type = "text/x-gettext-translation; charset=utf-8"
    write = staticmethod(catalog_bytes)


class MoExporter(_CatalogExporter):
    """The compiled catalog; like msgfmt it leaves out fuzzy and empty entries."""

    id = "mo"
    media_type = "application/x-gettext-translation"
    write = staticmethod(mo_bytes)
