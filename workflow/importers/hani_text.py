"""The paper's plain-text export (``hani-text``), English and Korean editions alike.

Shape: the title on the first non-empty line; a date line (``Posted on : 2015-04-30 17:24
KST Modified on : …`` or ``등록 :2015-04-29 19:34 수정 :…``); directly under it the
subtitle; then one paragraph per line, image placeholders among them; the byline near
the end; then page boilerplate. A plain text without a date line reads the same way:
title, then the line directly under it (no blank line between) as subtitle, then body.
"""

from __future__ import annotations

import re
from datetime import datetime

from workflow.errors import ImportFailed
from workflow.importers.base import (
    KST,
    Importer,
    LineText,
    build_article,
    drop_boilerplate,
    is_boilerplate,
    is_placeholder,
    is_tail_marker,
    looks_like_headline,
    numbered_lines,
    pop_byline,
    text_lines,
)
from workflow.model import ParsedArticle

#: The date line of either edition; the values are checked by ``_parse_time``.
DATE_LINE_RE = re.compile(
    r"(?:Posted on\s*:\s*(?P<en_posted>.*?)(?:\s*Modified on\s*:\s*(?P<en_modified>.*?))?"
    r"|등록\s*:\s*(?P<ko_posted>.*?)(?:\s*수정\s*:\s*(?P<ko_modified>.*?))?)\s*",
    re.IGNORECASE,
)
#: A date line is short; longer lines are not tried (the lazy groups of ``DATE_LINE_RE``
#: are quadratic on a long run of spaces).
MAX_DATE_LINE_CHARS = 200
_TIME_RE = re.compile(
    r"(?P<y>\d{4})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})\.?\s+"
    r"(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\s*KST)?",
    re.IGNORECASE,
)


class HaniTextImporter(Importer):
    """Reads the ``hani-text`` export; see the module docstring for the shape."""

    id = "hani-text"
    name = "Text export"

    def sniff_text(self, text: str) -> float:
        """0.8 with a date line among the first lines; 0.1 for a plain titled text."""
        head = text_lines(text, head=20)
        if any(_date_line(line) for line in head[:4]):
            return 0.8
        # a plain text: a short title-like first line, then a body
        if len(head) >= 2 and looks_like_headline(head[0]):
            return 0.1
        return 0.0

    def parse_untitled(self, text: str, *, source: str) -> ParsedArticle:
        """With a date line as ``parse_text``; without, every line is body (no guess)."""
        lines = text_lines(text)
        if len(lines) > 1 and _date_line(lines[1]) is not None:
            return self.parse_text(text, source=source)
        return _untitled(lines, source)

    def parse_text(self, text: str, *, source: str) -> ParsedArticle:
        """Parse an export; see the module docstring."""
        lines = numbered_lines(text)
        title = lines[0]
        if _date_line(title.text) or is_placeholder(title.text):
            raise ImportFailed(
                "no title: the first line must be the headline", source=source, line=title.line
            )
        dated = len(lines) > 1 and _date_line(lines[1].text) is not None
        if not dated and not looks_like_headline(title.text):
            # no date line and a first line that reads as a sentence: all of it is body
            return _untitled([line.text for line in lines], source)
        rest = lines[1:]
        posted = modified = None
        header_end = title.line  # last line of the header, for "directly under"
        if rest and (m := _date_line(rest[0].text)):
            date = rest.pop(0)
            posted = _parse_time(m["en_posted"] or m["ko_posted"], date, source)
            if (value := m["en_modified"] or m["ko_modified"]) is not None:
                modified = _parse_time(value, date, source)
            header_end = date.line
        subtitle = None
        if (
            rest
            and rest[0].line == header_end + 1
            and not is_placeholder(rest[0].text)
            and not is_boilerplate(rest[0].text)
            and not is_tail_marker(rest[0].text)
        ):
            subtitle = rest.pop(0).text
        body = drop_boilerplate(line.text for line in rest)
        byline = pop_byline(body)
        return build_article(
            fmt=self.id,
            source=source,
            title=title.text,
            subtitle=subtitle,
            posted=posted,
            modified=modified,
            byline=byline,
            blocks=body,
        )


def _untitled(lines: list[str], source: str) -> ParsedArticle:
    """Every line a body paragraph, the title left empty (``read_article`` asks for one)."""
    body = drop_boilerplate(lines)
    byline = pop_byline(body)
    return build_article(
        fmt=HaniTextImporter.id, source=source, title="", byline=byline, blocks=body
    )


def _date_line(text: str) -> re.Match[str] | None:
    """The ``DATE_LINE_RE`` match of a line not longer than ``MAX_DATE_LINE_CHARS``."""
    return DATE_LINE_RE.fullmatch(text) if len(text) <= MAX_DATE_LINE_CHARS else None


def _parse_time(value: str, date: LineText, source: str) -> datetime:
    """A ``2015-04-30 17:24 KST`` time as an aware KST datetime; else ImportFailed."""
    m = _TIME_RE.fullmatch(value.strip())
    try:
        if m is None:
            raise ValueError(value)
        return datetime(
            int(m["y"]),
            int(m["m"]),
            int(m["d"]),
            int(m["H"]),
            int(m["M"]),
            int(m["S"] or 0),
            tzinfo=KST,
        )
    except ValueError:
        raise ImportFailed(
            "unparseable date %(value)r in %(text)r",
            value=value.strip(),
            text=date.text,
            source=source,
            line=date.line,
        ) from None
