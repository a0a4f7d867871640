"""``article.html``: the target edition as a standalone HTML5 document.

Built with :func:`html.escape` only (``workflow`` never imports Jinja2). Untranslated
fallbacks (see :mod:`workflow.export.content`) are tagged with the source language.
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from workflow.export.base import Exporter
from workflow.export.content import Edition, Text, display_date, edition, iso
from workflow.model import LocalizedArticle
from workflow.states import SegmentState
from workflow.text.locales import bcp47

# Labels of the dateline and the source link, by language; English for any other.
LABELS: dict[str, tuple[str, str, str]] = {
    "en": ("Posted", "Updated", "Original article"),
    "ko": ("입력", "수정", "원문 기사"),
    "ja": ("公開", "更新", "元の記事"),
    "zh": ("发布", "更新", "原文"),
}


class HtmlExporter(Exporter):
    """A complete HTML5 page: title, subtitle, dates, byline, body, link to the original.

    Dates are shown in ``timezone`` (the newsroom's, Asia/Seoul) in the target
    locale's ``long`` format; segments below ``min_state`` show their source text.
    """

    id = "html"
    media_type = "text/html; charset=utf-8"

    def __init__(
        self, *, timezone: str = "Asia/Seoul", min_state: SegmentState = SegmentState.APPROVED
    ) -> None:
        self.tz = ZoneInfo(timezone)
        self.min_state = min_state

    def filename(self, la: LocalizedArticle) -> str:
        return "article.html"

    def render(self, la: LocalizedArticle) -> bytes:
        ed = edition(la, min_state=self.min_state)
        return "\n".join(self._lines(ed)).encode("utf-8") + b"\n"

    def _lines(self, ed: Edition) -> list[str]:
        lang, source_lang = bcp47(ed.locale), bcp47(ed.source_locale)
        posted, updated, original = LABELS.get(ed.locale.split("_")[0], LABELS["en"])
        out = [
            "<!DOCTYPE html>",
            f'<html lang="{escape(lang)}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(ed.title.value)}</title>",
        ]
        if ed.original_url:
            out.append(
                f'<link rel="alternate" hreflang="{escape(source_lang)}"'
                f' href="{escape(ed.original_url)}">'
            )
        out += ["</head>", "<body>", "<article>", "<header>"]
        out.append(f"<h1{_lang(ed.title, source_lang)}>{escape(ed.title.value)}</h1>")
        if ed.subtitle:
            out.append(_p(ed.subtitle, source_lang, "subtitle"))
        dates = []
        if ed.posted:
            dates.append(f"{posted} {self._time(ed.posted, ed.locale)}")
        if ed.modified and ed.modified != ed.posted:
            dates.append(f"{updated} {self._time(ed.modified, ed.locale)}")
        if dates:
            out.append(f'<p class="dateline">{" · ".join(dates)}</p>')
        if ed.byline:
            out.append(_p(ed.byline, source_lang, "byline"))
        out.append("</header>")
        for block in ed.blocks:
            if block.type == "image":
                placeholder = escape(block.placeholder or "")
                out.append(
                    f'<figure data-placeholder="{placeholder}">'
                    f'<p class="image-placeholder">{placeholder}</p></figure>'
                )
            else:
                out.append("<p>" + " ".join(_span(t, source_lang) for t in block.parts) + "</p>")
        if ed.original_url:
            url = escape(ed.original_url)
            out += [
                "<footer>",
                f'<p class="source">{original}: <a href="{url}" hreflang="{escape(source_lang)}"'
                f' rel="external">{url}</a></p>',
                "</footer>",
            ]
        out += ["</article>", "</body>", "</html>"]
        return out

    def _time(self, dt: datetime, locale: str) -> str:
        shown = escape(display_date(dt, locale, self.tz))
        return f'<time datetime="{iso(dt, self.tz)}">{shown}</time>'


def _lang(text: Text, source_lang: str) -> str:
    return "" if text.translated else f' lang="{escape(source_lang)}"'


def _p(text: Text, source_lang: str, css: str) -> str:
    return f'<p class="{css}"{_lang(text, source_lang)}>{escape(text.value)}</p>'


def _span(text: Text, source_lang: str) -> str:
    if text.translated:
        return escape(text.value)
    return f'<span class="untranslated" lang="{escape(source_lang)}">{escape(text.value)}</span>'
