"""The export bundle: every exporter's file plus ``manifest.json``, as one reproducible zip.

Reproducible means byte-identical for the same input: entries in name order with the
manifest last, a fixed timestamp derived from ``published_at`` (UTC, clamped to the
zip range 1980–2107; 1980-01-01 when unpublished), fixed permissions (0644), Unix as
the creating system, deflate at a fixed level and no extra fields.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime

from workflow.catalog.entries import DEFAULT_GENERATOR
from workflow.export.base import MANIFEST_NAME, Exporter
from workflow.model import LocalizedArticle

COMPRESSLEVEL = 9
_EPOCH = (1980, 1, 1, 0, 0, 0)


def render_files(la: LocalizedArticle, exporters: Iterable[Exporter]) -> list[tuple[str, bytes]]:
    """Each exporter's ``(filename, bytes)``, sorted by name.

    Raises ValueError for a name that is not a bare file name, is ``manifest.json``
    or is produced twice (a misconfigured exporter, not bad input).
    """
    files: dict[str, bytes] = {}
    for exporter in exporters:
        name = exporter.filename(la)
        if not name or "/" in name or "\\" in name or name in (".", ".."):
            raise ValueError(f"exporter {exporter.id!r} gave a bad file name {name!r}")
        if name == MANIFEST_NAME or name in files:
            raise ValueError(f"exporter {exporter.id!r} gave a duplicate file name {name!r}")
        files[name] = exporter.render(la)
    return sorted(files.items())


def manifest_bytes(
    la: LocalizedArticle,
    files: Iterable[tuple[str, bytes]],
    *,
    generator: str = DEFAULT_GENERATOR,
) -> bytes:
    """``manifest.json``: the article, the generator and each file's size and SHA-256."""
    document = {
        "article": la.article.slug,
        "article_id": la.article.id,
        "source_locale": la.article.locale,
        "locale": la.locale,
        "revision": la.revision,
        "published_at": la.published_at.isoformat() if la.published_at else None,
        "generator": generator,
        "files": [
            {"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            for name, data in sorted(files)
        ],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def bundle_bytes(
    la: LocalizedArticle,
    exporters: Iterable[Exporter],
    *,
    generator: str = DEFAULT_GENERATOR,
) -> bytes:
    """A zip of every exporter's file plus ``manifest.json``; byte-identical across runs."""
    files = render_files(la, exporters)
    files.append((MANIFEST_NAME, manifest_bytes(la, files, generator=generator)))
    stamp = zip_timestamp(la.published_at)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever the platform, so the bytes agree
            info.external_attr = 0o644 << 16
            zf.writestr(info, data, compresslevel=COMPRESSLEVEL)
    return buffer.getvalue()


def bundle_filename(la: LocalizedArticle) -> str:
    """``<slug>.<locale>.zip``."""
    return f"{la.file_stem}.zip"


def zip_timestamp(published_at: datetime | None) -> tuple[int, int, int, int, int, int]:
    """``published_at`` in UTC as a zip ``date_time``, clamped to 1980–2107."""
    if published_at is None:
        return _EPOCH
    at = published_at if published_at.tzinfo else published_at.replace(tzinfo=UTC)
    at = at.astimezone(UTC)
    if at.year < 1980:
        return _EPOCH
    if at.year > 2107:
        return (2107, 12, 31, 23, 59, 58)
    return (at.year, at.month, at.day, at.hour, at.minute, at.second)
