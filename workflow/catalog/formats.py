"""Catalog round-trip formats by id: ``po``, ``xliff2``, ``xliff12``.

The edges (CLI, web) export a catalog for translators and read it back with
:func:`export_as` and :func:`read_as`; :func:`detect_catalog_format` tells the formats
apart by content. These are not bundle exporters: the export bundle stays as it is.
Nothing is registered at import time; :func:`catalog_formats` builds a new registry.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from workflow.catalog.entries import DEFAULT_GENERATOR, MAX_UPLOAD_BYTES, Upload
from workflow.catalog.po import catalog_bytes
from workflow.catalog.po_read import read_upload
from workflow.catalog.xliff import xliff_bytes
from workflow.catalog.xliff_read import read_xliff
from workflow.errors import BadInput, UnknownPlugin
from workflow.model import LocalizedArticle
from workflow.registry import Registry

_XML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<")
_XLIFF_VERSION = re.compile(
    rb"<(?:[\w.-]+:)?xliff\b[^>]*?\bversion\s*=\s*[\"']([^\"']*)[\"']", re.DOTALL
)


class Reader:
    """The reading half of a format: ``(data, *, source, locale, max_bytes) -> Upload``."""

    def __init__(self, read: Callable[..., Upload]) -> None:
        self._read = read

    def __call__(
        self, data: bytes, *, source: str, locale: str, max_bytes: int = MAX_UPLOAD_BYTES
    ) -> Upload:
        upload: Upload = self._read(data, source=source, locale=locale, max_bytes=max_bytes)
        return upload


@dataclass(frozen=True)
class CatalogFormat:
    """A round-trip format: how to write it, read it, serve it and name it."""

    id: str
    write: Callable[[LocalizedArticle], bytes]
    read: Reader
    media_type: str
    extension: str  # with the dot: ".po"

    def filename(self, la: LocalizedArticle) -> str:
        """``<slug>.<locale><extension>``."""
        return f"{la.file_stem}{self.extension}"


def catalog_formats(*, generator: str = DEFAULT_GENERATOR) -> Registry[CatalogFormat]:
    """A new registry with ``po``, ``xliff2`` and ``xliff12``.

    ``generator`` goes into the PO ``X-Generator`` (pass ``Settings.generator``).
    """
    registry: Registry[CatalogFormat] = Registry("catalog format")
    formats = (
        CatalogFormat(
            id="po",
            write=partial(catalog_bytes, generator=generator),
            read=Reader(read_upload),
            media_type="text/x-gettext-translation; charset=utf-8",
            extension=".po",
        ),
        _xliff_format("xliff2", version="2.0"),
        _xliff_format("xliff12", version="1.2"),
    )
    for fmt in formats:
        registry.add(fmt.id, fmt)
    return registry


def _xliff_format(fmt_id: str, *, version: str) -> CatalogFormat:
    """XLIFF ``version`` (``2.0`` or ``1.2``): one reader, one media type and extension."""
    return CatalogFormat(
        id=fmt_id,
        write=partial(xliff_bytes, version=version),
        read=Reader(read_xliff),
        media_type="application/xliff+xml",
        extension=".xlf",
    )


def export_as(
    la: LocalizedArticle, fmt: str, *, formats: Registry[CatalogFormat] | None = None
) -> bytes:
    """``la`` written in format ``fmt``; UnknownPlugin (listing the formats) for another id."""
    registry = formats if formats is not None else catalog_formats()
    return registry.get(fmt).write(la)


def read_as(
    data: bytes,
    fmt: str | None,
    *,
    source: str,
    locale: str,
    max_bytes: int = MAX_UPLOAD_BYTES,
    formats: Registry[CatalogFormat] | None = None,
) -> Upload:
    """Read an upload in format ``fmt`` (detected from the content when None).

    Raises :class:`~workflow.errors.BadInput` for a bad file (see the format's reader)
    and when a named XLIFF version is not the file's.
    """
    registry = formats if formats is not None else catalog_formats()
    detected = detect_catalog_format(data, source=source) if fmt is None else fmt
    try:
        reader = registry.get(detected)
    except UnknownPlugin as e:  # name the file, as every other refusal of an upload does
        raise UnknownPlugin(e.text, source=source, field="format") from None
    upload = reader.read(data, source=source, locale=locale, max_bytes=max_bytes)
    if upload.format != reader.id:
        raise BadInput(
            "the file is %(format)s, not %(id)s",
            format=upload.format,
            id=reader.id,
            source=source,
            field="format",
        )
    return upload


def detect_catalog_format(data: bytes, *, source: str | None = None) -> str:
    """``xliff2`` or ``xliff12`` for XML by the root's ``version``, else ``po``.

    Raises :class:`~workflow.errors.BadInput` for XML that is not XLIFF 1.2 or 2.x.
    """
    if not isinstance(data, bytes | bytearray):
        raise BadInput("a catalog must be given as bytes", source=source)
    head = bytes(data[:65536])
    if not _XML_START.match(head):
        return "po"
    match = _XLIFF_VERSION.search(head)
    if match is None:
        raise BadInput("an XML file, but not XLIFF", source=source)
    version = match.group(1).decode("ascii", "replace")
    if version.startswith("2."):
        return "xliff2"
    if version == "1.2":
        return "xliff12"
    raise BadInput(
        "XLIFF version %(version)r is not supported (1.2, 2.0)", version=version, source=source
    )
