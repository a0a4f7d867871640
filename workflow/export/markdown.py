"""``article.md``: the target edition as CommonMark, escaped so text never becomes markup."""

from __future__ import annotations

import re
from datetime import datetime

from workflow.export.base import EditionExporter
from workflow.export.content import Block, Edition, Text, dateline, labels
from workflow.model import LocalizedArticle
from workflow.text.display import display_datetime

# Only ASCII whitespace: no-break spaces (CLDR's U+202F before "AM") stay as they are.
_WHITESPACE = re.compile(r"[ \t\r\n\f\v]+")
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"^(\d+)([.)])|^([-+=])")


def md_escape(text: str) -> str:
    """``text`` on one line with Markdown's special characters backslash-escaped."""
    flat = _WHITESPACE.sub(" ", text).strip(" ")
    flat = _ENTITY.sub(r"\\&", _SPECIAL.sub(r"\\\1", flat))
    return _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", flat)


class MarkdownExporter(EditionExporter):
    """Title, subtitle, dateline, paragraphs, image placeholders on their own line, byline.

    Segments below ``min_state`` show their source text, as in the HTML file.
    """

    id = "markdown"
    media_type = "text/markdown; charset=utf-8"

    def filename(self, la: LocalizedArticle) -> str:
        return "article.md"

    def write(self, ed: Edition) -> bytes:
        blocks = [f"# {md_escape(ed.title.value)}"]
        if ed.subtitle:
            blocks.append(f"_{md_escape(ed.subtitle.value)}_")
        dates = [f"{label}: {self._date(when, ed.locale)}" for label, when in dateline(ed)]
        if dates:
            blocks.append(" · ".join(dates))
        for block in ed.blocks:
            if block.type == "image":
                blocks.extend(_figure(block, ed.locale))
            else:
                blocks.append(_paragraph(block.parts))
        if ed.byline:
            blocks.append(md_escape(ed.byline.value))
        if ed.original_url:
            # percent-encoded: nothing in it can end the autolink (see workflow.security.urls)
            blocks.append(f"{labels(ed.locale).original}: <{ed.original_url}>")
        return ("\n\n".join(blocks) + "\n").encode("utf-8")

    def _date(self, dt: datetime, locale: str) -> str:
        return md_escape(display_datetime(dt, locale, self.tz))


def _paragraph(parts: tuple[Text, ...]) -> str:
    return md_escape(" ".join(p.value for p in parts))


def _figure(block: Block, locale: str) -> list[str]:
    """An image and its caption, or a labelled slot with the placeholder in an HTML comment
    (invisible when rendered, there for the CMS to swap the image in)."""
    words = labels(locale)
    label = words.image.format(n=block.number)
    caption = [f"_{md_escape(block.caption.value)}_"] if block.caption else []
    if block.src:
        # percent-encoded: nothing in it can end the link destination (security.urls)
        alt = md_escape(block.alt or (block.caption.value if block.caption else label))
        return [f"![{alt}](<{block.src}>)", *caption]
    slot = f"_{md_escape(label)} · {md_escape(words.slot)}_"
    return [f"<!-- {block.placeholder} -->", slot, *caption]
