"""``article.json``: the article, its target edition and every segment, for machines."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from workflow.export.base import Exporter
from workflow.export.content import Edition, Text, dateline, edition, labels
from workflow.model import ArticleMeta, Entry, LocalizedArticle
from workflow.security.urls import export_url
from workflow.states import SegmentState
from workflow.text.display import display_datetime


class JsonExporter(Exporter):
    """All data of the article × locale; deterministic (fixed key order, ``indent=2``).

    ``metadata`` is the target edition: a field that has no target-language text yet
    is ``null`` (never the source text); ``segments`` lists every entry with its state
    label (``needs_edit``) and, when approved, its approver. URLs are percent-encoded
    http(s) links or ``null`` (``workflow.security.urls.export_url``). ``display`` holds the
    dates as readers see them (the target locale's words, in ``timezone``, no seconds) beside
    the ISO values, which stay as they are, and the figures (placeholder, label, image link,
    caption in the original's language).
    """

    id = "json"
    media_type = "application/json"

    def __init__(
        self, *, min_state: SegmentState = SegmentState.APPROVED, timezone: str = "Asia/Seoul"
    ) -> None:
        self.min_state = min_state
        self.tz = ZoneInfo(timezone)

    def filename(self, la: LocalizedArticle) -> str:
        return "article.json"

    def render(self, la: LocalizedArticle) -> bytes:
        text = json.dumps(self.document(la), ensure_ascii=False, indent=2, sort_keys=False)
        return (text + "\n").encode("utf-8")

    def document(self, la: LocalizedArticle) -> dict[str, Any]:
        """The JSON document as Python values."""
        ed = edition(la, min_state=self.min_state)
        return {
            "article": {
                "id": la.article.id,
                "slug": la.article.slug,
                "source_locale": la.article.locale,
                "locale": la.locale,
                "revision": la.revision,
                "published_at": _iso(la.published_at),
            },
            "metadata": {
                "title": _translated(ed.title),
                "subtitle": _translated(ed.subtitle),
                "byline": _translated(ed.byline),
                "posted": _iso(ed.posted),
                "modified": _iso(ed.modified),
                "source_url": ed.url,
                "images": list(ed.images),
            },
            "source_metadata": _meta(la.article.meta),
            "segments": [e.to_dict() | {"approver": _approver(e)} for e in la.entries],
            "display": self._display(ed),
        }

    def _display(self, ed: Edition) -> dict[str, Any]:
        """The dates as the target edition's readers see them (``Apr 30, 2015, 5:24 PM KST``)."""
        shown = [
            (label, display_datetime(when, ed.locale, self.tz)) for label, when in dateline(ed)
        ]
        return {
            "locale": ed.locale,
            "timezone": str(self.tz),
            "posted": display_datetime(ed.posted, ed.locale, self.tz) if ed.posted else None,
            "modified": display_datetime(ed.modified, ed.locale, self.tz) if ed.modified else None,
            "dateline": " · ".join(f"{label} {when}" for label, when in shown) or None,
            "figures": [
                {
                    "placeholder": b.placeholder,
                    "label": labels(ed.locale).image.format(n=b.number),
                    "src": b.src,
                    "caption": b.caption.value if b.caption else None,
                    "caption_locale": ed.source_locale if b.caption else None,
                    "alt": b.alt,
                }
                for b in ed.blocks
                if b.type == "image"
            ],
        }


def _approver(e: Entry) -> str | None:
    t = e.translation
    return t.approved_by if t.state is SegmentState.APPROVED else None


def _meta(meta: ArticleMeta) -> dict[str, Any]:
    return {
        "title": meta.title,
        "subtitle": meta.subtitle,
        "byline": meta.byline,
        "posted": _iso(meta.posted),
        "modified": _iso(meta.modified),
        "source_url": export_url(meta.source_url),
        "images": list(meta.images),
    }


def _translated(text: Text | None) -> str | None:
    return text.value if text is not None and text.translated and text.value else None


def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat() if dt is not None else None
