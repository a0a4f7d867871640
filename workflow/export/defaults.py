"""The default exporters, listed in one place."""

from __future__ import annotations

from workflow.catalog.entries import DEFAULT_GENERATOR
from workflow.export.base import Exporter
from workflow.export.html import HtmlExporter
from workflow.export.json_ import JsonExporter
from workflow.export.markdown import MarkdownExporter
from workflow.export.po import MoExporter, PoExporter
from workflow.registry import Registry


def default_exporters(
    *, generator: str = DEFAULT_GENERATOR, timezone: str = "Asia/Seoul"
) -> Registry[Exporter]:
    """A new registry with ``html``, ``json``, ``markdown``, ``po`` and ``mo``.

    ``generator`` goes into the catalogs' ``X-Generator`` (pass ``Settings.generator``);
    ``timezone`` is the newsroom's, in which dates are shown.
    """
    registry: Registry[Exporter] = Registry("exporter")
    exporters: tuple[Exporter, ...] = (
        HtmlExporter(timezone=timezone),
        JsonExporter(timezone=timezone),
        MarkdownExporter(timezone=timezone),
        PoExporter(generator=generator),
        MoExporter(generator=generator),
    )
    for exporter in exporters:
        registry.add(exporter.id, exporter)
    return registry
