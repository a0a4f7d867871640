"""``article.html``: the target edition as a standalone HTML5 document.

Built with :func:`html.escape` only (``workflow`` never imports Jinja2). Untranslated
fallbacks (see :mod:`workflow.export.content`) are tagged with the source language.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from workflow.export.base import EditionExporter
from workflow.export.content import Block, Edition, Text, dateline, iso, labels
from workflow.model import LocalizedArticle
from workflow.text.display import display_datetime
from workflow.text.locales import bcp47

# Enough for a figure slot to be seen as one; the CMS brings its own styles.
STYLE = (
    "figure img{max-width:100%;height:auto}"
    ".figure-slot{border:2px dashed #888;padding:1em;text-align:center;color:#444}"
    ".figure-label{font-weight:bold}"
    ".untranslated{background:#fff3bf}"
)


class HtmlExporter(EditionExporter):
    """A complete HTML5 page: title, subtitle, dates, byline, body, link to the original.

    Dates are shown in ``timezone`` (the newsroom's, Asia/Seoul) as the target locale
    writes them, without seconds (:mod:`workflow.text.display`); segments below
    ``min_state`` show their source text.
    """

    id = "html"
    media_type = "text/html; charset=utf-8"

    def filename(self, la: LocalizedArticle) -> str:
        return "article.html"

    def write(self, ed: Edition) -> bytes:
        return "\n".join(self._lines(ed)).encode("utf-8") + b"\n"

    def _lines(self, ed: Edition) -> list[str]:
        lang, source_lang = bcp47(ed.locale), bcp47(ed.source_locale)
        out = [
            "<!DOCTYPE html>",
            f'<html lang="{escape(lang)}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(ed.title.value)}</title>",
            f"<style>{STYLE}</style>",
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
        dates = [f"{label} {self._time(when, ed.locale)}" for label, when in dateline(ed)]
        if dates:
            out.append(f'<p class="dateline">{" · ".join(dates)}</p>')
        if ed.byline:
            out.append(_p(ed.byline, source_lang, "byline"))
        out.append("</header>")
        for block in ed.blocks:
            if block.type == "image":
                out.append(_figure(block, ed.locale, source_lang))
            else:
                out.append("<p>" + " ".join(_span(t, source_lang) for t in block.parts) + "</p>")
        if ed.original_url:
            url, original = escape(ed.original_url), labels(ed.locale).original
            out += [
                "<footer>",
                f'<p class="source">{original}: <a href="{url}" hreflang="{escape(source_lang)}"'
                f' rel="external">{url}</a></p>',
                "</footer>",
            ]
        out += ["</article>", "</body>", "</html>"]
        return out

    def _time(self, dt: datetime, locale: str) -> str:
        shown = escape(display_datetime(dt, locale, self.tz))
        return f'<time datetime="{iso(dt, self.tz)}">{shown}</time>'


def _figure(block: Block, locale: str, source_lang: str) -> str:
    """An image as a ``<figure>``: the import's image and caption, else a labelled slot.

    The placeholder stays in ``data-placeholder`` for the CMS, never as visible text.
    """
    words = labels(locale)
    label = words.image.format(n=block.number)
    attrs = f'data-placeholder="{escape(block.placeholder or "")}"'
    cap = block.caption
    caption = (
        f"<figcaption{_lang(cap, source_lang)}>{escape(cap.value)}</figcaption>" if cap else ""
    )
    if block.src:
        alt = block.alt or (cap.value if cap else label)
        alt_lang = "" if alt == label else f' lang="{escape(source_lang)}"'
        return (
            f'<figure class="figure" {attrs}><img src="{escape(block.src)}" alt="{escape(alt)}"'
            f'{alt_lang} loading="lazy">{caption}</figure>'
        )
    return (
        f'<figure class="figure figure-slot" {attrs}>'
        f'<p class="figure-slot-label"><span class="figure-label">{escape(label)}</span>'
        f" · {escape(words.slot)}</p>"
        f"{caption}</figure>"
    )


def _lang(text: Text, source_lang: str) -> str:
    return "" if text.translated else f' lang="{escape(source_lang)}"'


def _p(text: Text, source_lang: str, css: str) -> str:
    return f'<p class="{css}"{_lang(text, source_lang)}>{escape(text.value)}</p>'


def _span(text: Text, source_lang: str) -> str:
    if text.translated:
        return escape(text.value)
    return f'<span class="untranslated" lang="{escape(source_lang)}">{escape(text.value)}</span>'
