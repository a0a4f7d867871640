"""PO and MO exporters: ``<slug>.<locale>.po`` and ``.mo``, made by :mod:`workflow.catalog.po`."""

from __future__ import annotations

from workflow.catalog.entries import DEFAULT_GENERATOR
from workflow.catalog.po import catalog_bytes, mo_bytes
from workflow.export.base import Exporter
from workflow.model import LocalizedArticle


class PoExporter(Exporter):
    """The gettext catalog of the article, one entry per segment (:mod:`workflow.catalog.po`)."""

    id = "po"
    media_type = "text/x-gettext-translation; charset=utf-8"

    def __init__(self, *, generator: str = DEFAULT_GENERATOR) -> None:
        self.generator = generator

    def filename(self, la: LocalizedArticle) -> str:
        return f"{la.file_stem}.po"

    def render(self, la: LocalizedArticle) -> bytes:
        return catalog_bytes(la, generator=self.generator)


class MoExporter(Exporter):
    """The compiled catalog; like msgfmt it leaves out fuzzy and empty entries."""

    id = "mo"
    media_type = "application/x-gettext-translation"

    def __init__(self, *, generator: str = DEFAULT_GENERATOR) -> None:
        self.generator = generator

    def filename(self, la: LocalizedArticle) -> str:
        return f"{la.file_stem}.mo"

    def render(self, la: LocalizedArticle) -> bytes:
        return mo_bytes(la, generator=self.generator)
