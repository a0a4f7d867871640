"""Bundle writers: HTML, JSON, Markdown, PO and MO files and a reproducible zip.

Bytes out, never HTTP responses: the web layer decides how to serve them. Nothing is
registered at import time; :func:`default_exporters` builds a new registry.
"""

from __future__ import annotations

from workflow.export.base import MANIFEST_NAME, Exporter
from workflow.export.bundle import (
    bundle_bytes,
    bundle_filename,
    manifest_bytes,
    render_files,
    zip_timestamp,
)
from workflow.export.defaults import default_exporters
from workflow.export.html import HtmlExporter
from workflow.export.json_ import JsonExporter
from workflow.export.markdown import MarkdownExporter
from workflow.export.po import MoExporter, PoExporter

__all__ = [
    "MANIFEST_NAME",
    "Exporter",
    "HtmlExporter",
    "JsonExporter",
    "MarkdownExporter",
    "MoExporter",
    "PoExporter",
    "bundle_bytes",
    "bundle_filename",
    "default_exporters",
    "manifest_bytes",
    "render_files",
    "zip_timestamp",
]
