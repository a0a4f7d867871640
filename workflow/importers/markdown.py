"""Markdown articles (``markdown``): ``# Title``, optional subtitle and front matter.

Shape: optional front matter (``---`` … ``---``, ``key: value`` lines with ``title``,
``subtitle``, ``posted``, ``modified``, ``byline``, ``source_url``/``url``; other keys are
ignored); a ``# Title`` (front matter's title wins when both exist, the heading is then
not body); a subtitle as ``## …`` or ``> …`` right after the title; paragraphs separated
by blank lines (soft line breaks become spaces, hard breaks stay line breaks); images as
``[%%IMAGEn%%]`` or ``![alt](url)``, the latter numbered after the ones already used;
inline markup stripped. A last paragraph that is a byline becomes the byline.
"""

from __future__ import annotations

import re
from datetime import datetime

from workflow.errors import BadInput, ImportFailed
from workflow.importers.base import (
    ImageNumbers,
    Importer,
    LineText,
    build_article,
    checked_url,
    drop_boilerplate,
    is_blank,
    parse_iso,
    pop_byline,
    text_lines,
    used_image_numbers,
)
from workflow.model import ParsedArticle

_FRONT_MATTER_KEYS = {"title", "subtitle", "posted", "modified", "byline", "source_url", "url"}
_HEADING_START_RE = re.compile(r"(#{1,6})\s")
_SETEXT_RE = re.compile(r"=+\s*")
# Every pattern below runs in linear time on any line: a span may not contain its own
# opening delimiter, so a search never rescans the rest of a long line from each opener
# (``\[([^\]]*)\]`` on ``[[[[…`` or ``\*(.+?)\*`` on ``*a *a *a…`` took minutes).
_IMAGE_RE = re.compile(r"!\[[^\[\]]*\]\([^()]*\)")
_RULE_RE = re.compile(r"(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})")
_LIST_RE = re.compile(r"(?:[-*+]|\d{1,3}[.)])\s+")
_SPACED_BREAK_RE = re.compile(r"(?<! ) *\n *")
_INLINE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"<!--(?:(?!<!--|-->).)*-->", re.DOTALL), ""),
    (re.compile(r"\[([^\[\]]*)\]\([^()]*\)"), r"\1"),  # links → their text
    (re.compile(r"<((?:https?|mailto):[^<>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"\*\*(?=[^\s*])([^*]+?)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"__(?=[^\s_])([^_]+?)(?<=\S)__"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=[^\s*])([^*]+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w])_(?=[^\s_])([^_]+?)(?<=\S)_(?!\w)"), r"\1"),
    (re.compile(r"~~(?=[^\s~])([^~]+?)(?<=\S)~~"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])"), r"\1"),  # backslash escapes
)


class MarkdownImporter(Importer):
    """Reads a Markdown article; see the module docstring for the shape."""

    id = "markdown"
    name = "Markdown"

    def sniff_text(self, text: str) -> float:
        """0.7 when the text opens with front matter or a ``# `` title line."""
        lines = text_lines(text)
        if not lines:
            return 0.0
        if lines[0] == "---" or lines[0].startswith("# "):
            return 0.7
        return 0.0

    def parse_text(self, text: str, *, source: str) -> ParsedArticle:
        """Parse a Markdown article; see the module docstring."""
        lines = text.split("\n")
        front, start = _front_matter(lines, source)
        meta = {key: value.text for key, value in front.items()}
        blocks = _blocks(lines, start)
        title = meta.get("title")
        subtitle = meta.get("subtitle")
        if blocks and (heading := _title_heading(blocks[0][1])) is not None:
            title = title or heading
            blocks.pop(0)
            if blocks and not subtitle and (sub := _subtitle(blocks[0][1])) is not None:
                subtitle = sub
                blocks.pop(0)
        if not title:
            raise ImportFailed("no title: expected a '# Title' line or 'title:'", source=source)
        numbers = ImageNumbers(used_image_numbers(text))
        paragraphs = drop_boilerplate(p for _, block in blocks if (p := _paragraph(block, numbers)))
        byline = meta.get("byline") or pop_byline(paragraphs)
        return build_article(
            fmt=self.id,
            source=source,
            title=_inline(title),
            subtitle=_inline(subtitle) if subtitle else None,
            posted=_time(front, "posted", source),
            modified=_time(front, "modified", source),
            byline=_inline(byline) if byline else None,
            source_url=_url(front, source),
            blocks=paragraphs,
        )


def _url(front: dict[str, LineText], source: str) -> str | None:
    """``source_url`` (or ``url``), an http(s) link; BadInput naming field and line otherwise."""
    for key in ("source_url", "url"):
        if (value := front.get(key)) and value.text.strip():
            return checked_url(value.text, source=source, field=key, line=value.line)
    return None


def _front_matter(lines: list[str], source: str) -> tuple[dict[str, LineText], int]:
    """Front-matter values with their line numbers, and the index where the body starts."""
    first = next((i for i, line in enumerate(lines) if not is_blank(line)), len(lines))
    if first == len(lines) or lines[first].strip() != "---":
        return {}, 0
    values: dict[str, LineText] = {}
    for i in range(first + 1, len(lines)):
        line = lines[i].strip()
        if line in ("---", "..."):
            return values, i + 1
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition(":")
        if not sep:
            raise ImportFailed(
                "front matter line is not 'key: value' (is the '---' block closed?): %(line_no)r",
                line_no=line,
                source=source,
                line=i + 1,
            )
        key = key.strip().lower()
        if key in _FRONT_MATTER_KEYS:
            values[key] = LineText(_unquote(value.strip()), i + 1)
    raise ImportFailed("front matter is not closed with '---'", source=source, line=first + 1)


def _unquote(value: str) -> str:
    """A YAML-ish scalar without its surrounding quotes."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _time(meta: dict[str, LineText], key: str, source: str) -> datetime | None:
    """A front-matter time as an aware datetime (naive is KST); BadInput names the line."""
    value = meta.get(key)
    if value is None or not value.text:
        return None
    try:
        return parse_iso(value.text)
    except ValueError:
        raise BadInput(
            "unparseable date %(text)r", text=value.text, source=source, line=value.line, field=key
        ) from None


def _blocks(lines: list[str], start: int) -> list[tuple[int, list[str]]]:
    """Groups of consecutive non-blank lines with the 1-based line number they start on."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    for n, line in enumerate(lines[start:], start + 1):
        if is_blank(line):
            if current:
                blocks.append((n - len(current), current))
                current = []
        elif _heading(line.strip()) is not None:
            # an ATX heading is a block of its own even without blank lines around it
            if current:
                blocks.append((n - len(current), current))
                current = []
            blocks.append((n, [line]))
        else:
            current.append(line)
    if current:
        blocks.append((len(lines) - len(current) + 1, current))
    return blocks


def _heading(line: str) -> tuple[int, str] | None:
    """Level and text of an ATX heading (``## Text ##``, the line stripped), else None.

    Not one regex: ``(.*?)(?:\\s+#+)?\\s*`` is quadratic on a long run of spaces.
    """
    m = _HEADING_START_RE.match(line)
    if m is None:
        return None
    text = line[len(m[1]) :].strip()
    closed = text.rstrip("#")
    if closed != text and closed and closed[-1].isspace():
        text = closed.rstrip()
    return len(m[1]), text


def _title_heading(block: list[str]) -> str | None:
    """The title of a ``# Title`` or ``Title`` / ``===`` block, else None."""
    if len(block) == 1 and (h := _heading(block[0].strip())) and h[0] == 1:
        return h[1]
    if len(block) == 2 and _SETEXT_RE.fullmatch(block[1].strip()):
        return block[0].strip()
    return None


def _subtitle(block: list[str]) -> str | None:
    """The subtitle of a ``## …`` or ``> …`` block right after the title, else None."""
    if len(block) == 1 and (h := _heading(block[0].strip())) and h[0] == 2:
        return h[1]
    if all(line.lstrip().startswith(">") for line in block):
        return " ".join(line.lstrip()[1:].strip() for line in block)
    return None


def _paragraph(block: list[str], numbers: ImageNumbers) -> str:
    """A block's text: markers and inline markup gone, images as placeholders."""
    out: list[str] = []
    for raw in block:
        hard_break = raw.endswith(("  ", "\\"))
        line = raw.strip().rstrip("\\").rstrip()
        if _RULE_RE.fullmatch(line):
            continue
        if h := _heading(line):
            line = h[1]
        line = line.lstrip(">").strip()
        line = _LIST_RE.sub("", line, count=1) if _LIST_RE.match(line) else line
        if _LIST_RE.match(raw.strip()) and out:
            out.append("\n")  # each list item on its own line
        line = _IMAGE_RE.sub(lambda _: f"\n{numbers.next()}\n", line)
        out.append(_inline(line))
        out.append("\n" if hard_break else " ")
    return _SPACED_BREAK_RE.sub("\n", "".join(out)).strip()


def _inline(text: str) -> str:
    """Text without Markdown emphasis, code, link and escape markup."""
    for pattern, repl in _INLINE:
        text = pattern.sub(repl, text)
    return text.strip()
