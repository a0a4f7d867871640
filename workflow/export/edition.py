"""The day's edition: every published bundle of a day (or of a list) in one reproducible zip.

Inside the zip, for each article in reading order (original posted time, then slug):
``<slug>.<locale>.zip``, the article's bundle byte for byte (``bundle_bytes``), and the same
files unpacked under ``<slug>.<locale>/`` so that the index's links open in a browser; then
``index.json`` and ``index.html``: the edition's date and locale, and per article its id,
slug, titles (original and translated), posted and published times and either its files or
``"missing": true`` with its state — an article of the day that is not published is listed,
never silently left out.

Byte-identical on re-export: entries in name order, the index last; every entry stamped with
the latest publication time of the edition (1980-01-01 when nothing is published), fixed
permissions, Unix as the creating system, deflate at a fixed level.
"""

from __future__ import annotations

import html
import io
import json
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from workflow.export.base import Exporter
from workflow.export.bundle import COMPRESSLEVEL, bundle_bytes, render_files, zip_timestamp
from workflow.export.content import edition, iso
from workflow.model import Article, LocalizedArticle
from workflow.text.display import display_datetime

__all__ = ["EditionItem", "edition_zip", "reading_order"]

INDEX_JSON = "index.json"
INDEX_HTML = "index.html"


@dataclass(frozen=True)
class EditionItem:
    """An article of the edition: its localization when published, else its state."""

    article: Article
    localized: LocalizedArticle | None  # None: not published in the edition's locale
    state: str  # the localization's state, "none" when it has no localization


def _posted(article: Article) -> datetime:
    return article.meta.posted or article.created_at


def reading_order(item: EditionItem) -> tuple[datetime, str, int]:
    """Sort key of the edition: the original's posted time, then slug and id."""
    return (_posted(item.article), item.article.slug, item.article.id)


def edition_zip(
    items: Iterable[EditionItem],
    *,
    locale: str,
    label: str,
    day: date | None,
    exporters: Iterable[Exporter],
    timezone: tzinfo,
) -> bytes:
    """The edition's zip; ``label`` names it (the date, or "selection"), ``day`` is its date."""
    chosen = sorted(items, key=reading_order)
    exporters = list(exporters)
    files: list[tuple[str, bytes]] = []
    rows: list[dict[str, object]] = []
    published = [
        i.localized.published_at for i in chosen if i.localized and i.localized.published_at
    ]
    stamp = zip_timestamp(max(published) if published else None)
    for item in chosen:
        a, la = item.article, item.localized
        row: dict[str, object] = {
            "id": a.id,
            "slug": a.slug,
            "desk": a.desk,
            "source_locale": a.locale,
            "original_title": a.meta.title,
            "posted": iso(_posted(a), timezone),
        }
        if la is None:
            row |= {"missing": True, "state": item.state, "title": None, "published": None}
        else:
            stem = la.file_stem
            bundle = bundle_bytes(la, exporters)
            inner = render_files(la, exporters)
            files.append((f"{stem}.zip", bundle))
            files.extend((f"{stem}/{name}", data) for name, data in inner)
            row |= {
                "missing": False,
                "state": item.state,
                "title": edition(la).title.value,
                "published": iso(la.published_at, timezone) if la.published_at else None,
                "bundle": f"{stem}.zip",
                "files": [f"{stem}/{name}" for name, _ in inner],
            }
        rows.append(row)
    index: dict[str, object] = {
        "edition": label,
        "date": day.isoformat() if day else None,
        "locale": locale,
        "articles": rows,
        "published": sum(1 for r in rows if not r["missing"]),
        "missing": sum(1 for r in rows if r["missing"]),
    }
    files.sort()
    files.append((INDEX_JSON, (json.dumps(index, ensure_ascii=False, indent=2) + "\n").encode()))
    files.append((INDEX_HTML, _index_html(index, chosen, locale, timezone)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            zf.writestr(info, data, compresslevel=COMPRESSLEVEL)
    return buffer.getvalue()


def _index_html(
    index: dict[str, object], items: Sequence[EditionItem], locale: str, tz: tzinfo
) -> bytes:
    rows = index["articles"]
    assert isinstance(rows, list)
    e = html.escape
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{e(locale.replace("_", "-"))}">',
        '<head><meta charset="utf-8">',
        f"<title>Edition {e(str(index['edition']))} ({e(locale)})</title></head>",
        "<body>",
        f"<h1>Edition {e(str(index['edition']))} ({e(locale)})</h1>",
        f"<p>{index['published']} published, {index['missing']} missing.</p>",
        "<table>",
        "<thead><tr><th>Posted</th><th>Title</th><th>Original</th><th>Published</th></tr></thead>",
        "<tbody>",
    ]
    for item, row in zip(items, rows, strict=True):
        posted = display_datetime(_posted(item.article), locale, tz, width="short")
        original = e(item.article.meta.title)
        if item.localized is None:
            lines.append(
                f'<tr class="missing"><td>{e(posted)}</td>'
                f"<td>missing: not published ({e(item.state)})</td>"
                f"<td>{original}</td><td></td></tr>"
            )
            continue
        la = item.localized
        published = (
            display_datetime(la.published_at, locale, tz, width="short") if la.published_at else ""
        )
        names = row.get("files")
        pages = [n for n in names if str(n).endswith(".html")] if isinstance(names, list) else []
        link = str(pages[0]) if pages else str(row.get("bundle"))
        lines.append(
            f"<tr><td>{e(posted)}</td>"
            f'<td><a href="{e(link)}">{e(str(row["title"]))}</a></td>'
            f"<td>{original}</td><td>{e(published)}</td></tr>"
        )
    lines += ["</tbody>", "</table>", "</body>", "</html>", ""]
    return "\n".join(lines).encode("utf-8")
