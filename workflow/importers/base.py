"""The importer plugin contract and the helpers every input format shares.

Helpers here decode and validate bytes, split image placeholders out of text,
recognise page boilerplate and bylines, parse dates as KST, and assemble a
``ParsedArticle``. The boilerplate patterns live here, in one place, for all formats.
"""

from __future__ import annotations

import re
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import ClassVar

from workflow.errors import BadInput, ImportFailed, Message
from workflow.model import ArticleMeta, Figure, ParsedArticle
from workflow.security.urls import url_problem
from workflow.text.clean import FORBIDDEN, MAX_TEXT, text_problem
from workflow.text.decoding import check_size

#: Korea Standard Time; naive times in our inputs are KST.
KST = timezone(timedelta(hours=9), "KST")

#: An image placeholder; always a block of its own, never inside a sentence.
PLACEHOLDER_RE = re.compile(r"\[%%IMAGE(\d+)%%\]")
_PLACEHOLDER_SPLIT_RE = re.compile(r"(\[%%IMAGE\d+%%\])")

#: Lines of page furniture that are not article text, wherever they appear.
BOILERPLATE: tuple[re.Pattern[str], ...] = (
    re.compile(r"button that move to original korean article\b.*", re.IGNORECASE),
    re.compile(r"please direct questions or comments to\b.*", re.IGNORECASE),
    re.compile(r"영문\s*기사\s*보기\b.*"),
    re.compile(r"(?:ⓒ|©|copyright\b).*(?:all rights reserved|무단\s*전재).*", re.IGNORECASE),
)

#: Lines that start a trailer (related-story lists): the line and all after it go.
TAIL_MARKERS: tuple[re.Pattern[str], ...] = (
    re.compile(r"related (?:stories|articles)\s*:?", re.IGNORECASE),
    re.compile(r"관련\s*기사\s*:?"),
)

_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_EN_BYLINE_RE = re.compile(r"By\s+\S.{0,100}")
_KO_BYLINE_RE = re.compile(
    r"[^.!?。]{0,40}?"
    r"(?:기자|특파원|논설위원|선임기자|객원기자|통신원|편집위원|칼럼니스트)"
    rf"(?:\s*[(<\[]?{_EMAIL}[)>\]]?)?"
)
_EMAIL_BYLINE_RE = re.compile(rf"[^.!?。]{{0,40}}{_EMAIL}[)>\]]?")
_SENTENCE_END = (".", "!", "?", '"', "”", "。")

#: Characters that ``str.strip`` leaves but that make a line look non-empty.
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"

#: The largest article file an importer reads (a long article with markup is < 1 MB).
MAX_ARTICLE_BYTES = 5_000_000
#: The longest paragraph, title, subtitle or byline and the longest body an article may
#: have. A news paragraph is under 2,000 characters and a long feature's body under 60,000;
#: beyond these the file has lost its line breaks, and the sentence splitters (pysbd is
#: superlinear on one long paragraph) would take minutes.
MAX_PARAGRAPH_CHARS = MAX_TEXT  # the desk's one limit on a text (workflow.text.clean)
MAX_HEADING_CHARS = 2_000
MAX_BODY_CHARS = 300_000

#: Characters an article cannot carry (``workflow.text.clean``: C0 controls, DEL, C1 controls,
#: surrogates, non-characters; XML 1.0 and PostgreSQL refuse some); tab, line feed and
#: carriage return are text.
CONTROL_RE = FORBIDDEN
#: Lone UTF-16 surrogates (``"\\ud800"`` in JSON): no encoding can store them.
SURROGATE_RE = re.compile("[\ud800-\udfff]")


class Importer(ABC):
    """An input format that turns a file's bytes into a ``ParsedArticle``.

    The contract every importer keeps:

    * ``id`` is the format id and registry key (``hani-text``); ``name`` is for people.
    * ``sniff_text(text)`` returns how sure it is that the text is in its format, from
      0.0 (no) to 1.0 (certain). It is cheap, never raises and has no side effects;
      detection picks the highest score above 0 (ties: registration order).
    * ``parse_text(text, source=…)`` gets text already decoded, BOM-stripped, CRLF-normalised
      and NFC-normalised. It returns the title, optional subtitle, times (timezone-aware,
      naive input is KST), byline, image placeholders and body blocks. Boilerplate is
      dropped; an image placeholder ``[%%IMAGEn%%]`` is a block of its own; the byline is
      metadata, not body. A file that cannot be read raises ``ImportFailed`` (or
      ``BadInput``) with ``source`` and, where known, ``line`` or ``field``; it never
      returns a partial article.
    * ``parse(data, source=…)`` and ``sniff(data)`` are the same on raw bytes; they are
      provided here and are not overridden.

    Importers hold no state: one instance serves every request.
    """

    id: ClassVar[str]
    name: ClassVar[str]

    def parse(self, data: bytes, *, source: str) -> ParsedArticle:
        """Decode and validate ``data``, then parse it; ``source`` names it in errors."""
        return self.parse_text(decode_text(data, source=source), source=source)

    def sniff(self, data: bytes) -> float:
        """Score from 0.0 to 1.0 that ``data`` is in this format."""
        return self.sniff_text(peek_text(data))

    @abstractmethod
    def parse_text(self, text: str, *, source: str) -> ParsedArticle:
        """Parse decoded, normalised text."""

    def parse_untitled(self, text: str, *, source: str) -> ParsedArticle:
        """Parse text whose headline the person gives: a format that only guesses its
        title (a dateless text export) reads every line as body. Default: ``parse_text``."""
        return self.parse_text(text, source=source)

    @abstractmethod
    def sniff_text(self, text: str) -> float:
        """Score from 0.0 to 1.0 that decoded text is in this format."""


def decode_text(data: bytes, *, source: str) -> str:
    """UTF-8 text of ``data``: BOM stripped, CRLF → LF, NFC; empty or binary raises ImportFailed.

    Also refused: more than ``MAX_ARTICLE_BYTES``, and control characters (``CONTROL_RE``),
    named with their line.
    """
    check_size(data, source=source, max_bytes=MAX_ARTICLE_BYTES, error=ImportFailed)
    if not data.strip():
        raise ImportFailed("empty file", source=source)
    nul = data.find(b"\x00")
    if nul != -1:
        raise ImportFailed(
            "binary file: NUL byte at offset %(nul)s",
            nul=nul,
            source=source,
            line=_line_at(data, nul),
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        # the BOM is not counted by the decoder when utf-8-sig strips it
        offset = e.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        raise ImportFailed(
            "not valid UTF-8: byte 0x%(byte)s at offset %(offset)s",
            byte=format(data[offset], "02x"),
            offset=offset,
            source=source,
            line=_line_at(data, offset),
        ) from None
    if control := CONTROL_RE.search(text):
        kind = (
            Message("control character U+%(code)s", code=format(ord(control[0]), "04X"))
            if ord(control[0]) <= 0x9F
            else Message("character U+%(code)s", code=format(ord(control[0]), "04X"))
        )
        raise ImportFailed(
            "%(kind)s is not text",
            kind=kind,
            source=source,
            line=text.count("\n", 0, control.start()) + 1,
        )
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if is_blank(text):
        raise ImportFailed("empty file (only whitespace)", source=source)
    return text


def peek_text(data: bytes) -> str:
    """Lenient decoding for format detection; never raises."""
    return data.decode("utf-8-sig", errors="replace").replace("\r\n", "\n").replace("\r", "\n")


def _line_at(data: bytes, offset: int) -> int:
    """1-based line number of a byte offset."""
    return data.count(b"\n", 0, offset) + 1


def clean(line: str) -> str:
    """A line without surrounding whitespace, NBSP or zero-width characters."""
    return line.strip().strip(_INVISIBLE).strip()


def is_blank(line: str) -> bool:
    """Whether a line holds only whitespace, NBSP or zero-width characters."""
    return not clean(line)


def text_lines(text: str, *, head: int | None = None) -> list[str]:
    """The non-blank lines of ``text`` (of its first ``head`` lines), each :func:`clean`."""
    return [clean(line) for line in text.split("\n")[:head] if not is_blank(line)]


@dataclass(frozen=True)
class LineText:
    """A text of a file (a line, a field's value) and the 1-based number of its line."""

    text: str
    line: int


def numbered_lines(text: str) -> list[LineText]:
    """:func:`text_lines` with their line numbers."""
    lines = enumerate(text.split("\n"), 1)
    return [LineText(clean(line), n) for n, line in lines if not is_blank(line)]


def is_boilerplate(line: str) -> bool:
    """Whether a line is page furniture to drop (see ``BOILERPLATE``)."""
    text = clean(line)
    return any(p.fullmatch(text) for p in BOILERPLATE)


def is_tail_marker(line: str) -> bool:
    """Whether a line starts a trailer (``Related stories``) that ends the article."""
    text = clean(line)
    return any(p.fullmatch(text) for p in TAIL_MARKERS)


def is_byline(line: str) -> bool:
    """Whether a line is a byline: ``By …`` or a short Korean ``… 기자`` / e-mail line."""
    text = clean(line)
    if not text or text.endswith(_SENTENCE_END) or len(text) > 120:
        return False
    return bool(
        _EN_BYLINE_RE.fullmatch(text)
        or _KO_BYLINE_RE.fullmatch(text)
        or _EMAIL_BYLINE_RE.fullmatch(text)
    )


def pop_byline(blocks: list[str], *, window: int = 3) -> str | None:
    """Remove and return the last byline among the last ``window`` blocks, if any.

    Run it after ``drop_boilerplate``: contact lines and trailers often follow a byline.
    """
    for i in range(len(blocks) - 1, max(len(blocks) - 1 - window, -1), -1):
        if is_byline(blocks[i]):
            return blocks.pop(i)
    return None


#: The end of a sentence: final punctuation, then any closing quotes or brackets.
_SENTENCE_FINAL_RE = re.compile(r"[.!?。…,;][\"'”’»)\]]*\Z")
#: A headline is short; a longer first line is a paragraph.
MAX_HEADLINE_CHARS = 200


def looks_like_headline(line: str) -> bool:
    """Whether a dateless text's first line can be its headline: short, and not ending
    like a sentence (a body sentence is never promoted to a title)."""
    text = clean(line)
    return 0 < len(text) <= MAX_HEADLINE_CHARS and not _SENTENCE_FINAL_RE.search(text)


def is_placeholder(text: str) -> bool:
    """Whether the text is exactly one image placeholder."""
    return PLACEHOLDER_RE.fullmatch(text.strip()) is not None


def split_placeholders(text: str) -> list[str]:
    """Text pieces and placeholders in order, each placeholder on its own, blanks dropped."""
    pieces = (p.strip() for p in _PLACEHOLDER_SPLIT_RE.split(text))
    return [p for p in pieces if p and not is_blank(p)]


def as_kst(value: datetime) -> datetime:
    """The datetime with KST attached when it is naive."""
    return value.replace(tzinfo=KST) if value.tzinfo is None else value


def parse_iso(value: str) -> datetime:
    """An ISO-8601 date or datetime; naive values are KST. Raises ValueError."""
    return as_kst(datetime.fromisoformat(value.strip()))


class ImageNumbers:
    """Numbers new image placeholders in order, skipping numbers the text already uses."""

    def __init__(self, used: Iterable[int] = ()) -> None:
        self._used = set(used)
        self._next = 1

    def next(self) -> str:
        """The next free placeholder, ``[%%IMAGEn%%]``."""
        while self._next in self._used:
            self._next += 1
        self._used.add(self._next)
        return f"[%%IMAGE{self._next}%%]"


def used_image_numbers(text: str) -> set[int]:
    """Numbers of the placeholders already written in a text."""
    return {int(m.group(1)) for m in PLACEHOLDER_RE.finditer(text)}


def drop_boilerplate(blocks: Iterable[str]) -> list[str]:
    """Blocks without boilerplate lines, stopping at a trailer marker."""
    kept: list[str] = []
    for block in blocks:
        if is_tail_marker(block):
            break
        if not is_blank(block) and not is_boilerplate(block):
            kept.append(block)
    return kept


def _check_lengths(source: str, body: list[str], **headings: str | None) -> None:
    """ImportFailed for a field over ``MAX_HEADING_CHARS``, a paragraph over
    ``MAX_PARAGRAPH_CHARS``, a body over ``MAX_BODY_CHARS``, or a character no text may
    hold (``workflow.text.clean``; an HTML or JSON escape can make one)."""
    texts = [(name, value) for name, value in headings.items() if value]
    texts += [(f"body paragraph {n}", paragraph) for n, paragraph in enumerate(body, 1)]
    for name, text in texts:
        if (problem := text_problem(text, limit=None)) is not None:
            raise ImportFailed(problem, source=source, field=name)
    for name, value in headings.items():
        if value and len(value) > MAX_HEADING_CHARS:
            raise ImportFailed(
                "the %(name)s has %(n_value)s characters, the limit is "
                "%(MAX_HEADING_CHARS)s (has the file lost its line breaks?)",
                name=name,
                n_value=format(len(value), ","),
                MAX_HEADING_CHARS=format(MAX_HEADING_CHARS, ","),
                source=source,
                field=name,
            )
    for n, paragraph in enumerate(body, 1):
        if len(paragraph) > MAX_PARAGRAPH_CHARS:
            raise ImportFailed(
                "paragraph %(n)s has %(n_paragraph)s characters, the limit is "
                "%(MAX_PARAGRAPH_CHARS)s (has the file lost its line breaks?)",
                n=n,
                n_paragraph=format(len(paragraph), ","),
                MAX_PARAGRAPH_CHARS=format(MAX_PARAGRAPH_CHARS, ","),
                source=source,
                field="body",
            )
    total = sum(map(len, body))
    if total > MAX_BODY_CHARS:
        raise ImportFailed(
            "the body has %(total)s characters, the limit is %(MAX_BODY_CHARS)s",
            total=format(total, ","),
            MAX_BODY_CHARS=format(MAX_BODY_CHARS, ","),
            source=source,
            field="body",
        )


def checked_url(
    url: str | None, *, source: str, field: str = "source_url", line: int | None = None
) -> str | None:
    """``url`` stripped, None when empty; BadInput naming ``field`` when it is not an
    acceptable http(s) link (see :mod:`workflow.security.urls`)."""
    url = url.strip() if url else None
    if url and (problem := url_problem(url)):
        raise BadInput(problem, source=source, line=line, field=field)
    return url or None


def build_article(
    *,
    fmt: str,
    source: str,
    title: str,
    blocks: Iterable[str],
    subtitle: str | None = None,
    posted: datetime | None = None,
    modified: datetime | None = None,
    byline: str | None = None,
    images: Iterable[str] | None = None,
    source_url: str | None = None,
    figures: Iterable[Figure] = (),
) -> ParsedArticle:
    """Assemble a ``ParsedArticle``: placeholders split out, boilerplate dropped, body and
    source URL checked; ``figures`` of placeholders the body does not hold are dropped."""
    source_url = checked_url(source_url, source=source)
    body: list[str] = []
    for block in drop_boilerplate(blocks):
        body.extend(split_placeholders(block))
    if not any(not is_placeholder(b) for b in body):
        raise ImportFailed("no body paragraphs", source=source)
    kept = tuple(f for f in figures if f.placeholder in body)
    captions = {f"caption of {f.placeholder}": f.caption for f in kept}
    alts = {f"alt text of {f.placeholder}": f.alt for f in kept}
    _check_lengths(source, body, title=title, subtitle=subtitle, byline=byline, **captions, **alts)
    for f in kept:
        checked_url(f.src, source=source, field=f"image {f.placeholder}")
    if images is None:
        images = dict.fromkeys(b for b in body if is_placeholder(b))
    meta = ArticleMeta(
        title=title,
        subtitle=subtitle or None,
        posted=posted,
        modified=modified,
        byline=byline or None,
        images=tuple(images),
        source_url=source_url or None,
    )
    return ParsedArticle(meta=meta, blocks=tuple(body), format=fmt, figures=kept)
