"""News pages (``html``): the article body without navigation, ads and related stories.

The page is parsed by lxml with network access off (HTML has no external entities to
resolve). The body comes from the page's article container (``<article>``,
``itemprop=articleBody`` or a known body class), read block by block so images keep
their place; pages without one fall back to trafilatura, which must find at least
``MIN_FALLBACK_CHARS`` of text, else the page has "no article found". Metadata comes
from ``<h1>``/``og:title``/``<title>``, ``h2.subtitle``, ``article:*_time`` meta or
``<time datetime>``, ``meta name=author`` or ``.byline``, ``link rel=canonical``/``og:url``.
An image in the body keeps its link (made absolute against the canonical URL), its alt
text and the caption of its ``<figure>`` for the bundle's figures.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from datetime import datetime
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
import trafilatura

from workflow.errors import BadInput, ImportFailed
from workflow.importers.base import (
    ImageNumbers,
    Importer,
    build_article,
    drop_boilerplate,
    is_placeholder,
    parse_iso,
    pop_byline,
    used_image_numbers,
)
from workflow.model import Figure, ParsedArticle
from workflow.security.urls import url_problem

#: Text a fallback extraction must reach to count as an article.
MIN_FALLBACK_CHARS = 200

_SKIP_TAGS = {
    "nav",
    "aside",
    "footer",
    "header",
    "script",
    "style",
    "noscript",
    "form",
    "button",
    "figcaption",
    "iframe",
    "template",
    "svg",
    "select",
    "textarea",
    "h1",
}
_SKIP_CLASSES = {
    "related",
    "byline",
    "share",
    "sharing",
    "social",
    "ad",
    "ads",
    "advert",
    "advertisement",
    "promo",
    "newsletter",
    "subscribe",
    "comment",
    "comments",
    "caption",
    "tags",
    "breadcrumb",
    "breadcrumbs",
    "subtitle",
    "subhead",
    "sns",
}
_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "main",
    "article",
    "blockquote",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "figure",
    "table",
    "tr",
    "td",
    "th",
    "br",
    "hr",
}
_BODY_XPATHS = (
    "//*[@itemprop='articleBody']",
    "//article",
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' article-text ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' article-body ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' story-body ')"
    " or @id='article-body' or @id='articleBody']",
)
_SUBTITLE_XPATH = (
    "//*[self::h2 or self::p or self::div][contains(concat(' ', normalize-space(@class), ' '),"
    " ' subtitle ') or contains(concat(' ', normalize-space(@class), ' '), ' subhead ')]"
)
_BYLINE_XPATH = "//*[contains(concat(' ', normalize-space(@class), ' '), ' byline ')]"
_BREAK = "\n\n"
_WS_RE = re.compile(r"\s+")


class HtmlImporter(Importer):
    """Reads a news page; see the module docstring for where each field comes from."""

    id = "html"
    name = "HTML page"

    def sniff_text(self, text: str) -> float:
        """0.9 for a document starting with a doctype or ``<html``; 0.6 with ``<body``."""
        head = text.lstrip().lower()
        if head.startswith(("<!doctype html", "<html")):
            return 0.9
        if re.search(r"<(?:body|article)[\s>]", head):
            return 0.6
        return 0.0

    def parse_text(self, text: str, *, source: str) -> ParsedArticle:
        """Parse a page; ``ImportFailed`` "no article found" when it has no article body."""
        parser = lxml.html.HTMLParser(
            encoding="utf-8", no_network=True, remove_comments=True, remove_pis=True
        )
        try:
            root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
        except (lxml.etree.ParserError, ValueError) as e:
            raise ImportFailed("not a readable HTML page: %(e)s", e=e, source=source) from None
        numbers = ImageNumbers(used_image_numbers(text))
        container = _container(root)
        canonical = _first(
            root, "//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"
        )
        figures: list[Figure] = []
        if container is not None:
            blocks = _read_blocks(container, _Images(numbers, figures, canonical))
        else:
            blocks = _fallback_blocks(root)
        if all(is_placeholder(b) for b in blocks):
            raise ImportFailed("no article found", source=source)
        blocks = drop_boilerplate(blocks)
        # a byline printed at the end of the text is not body, whatever the meta says
        byline = pop_byline(blocks) or _byline(root, container)
        title = _title(root, container)
        if not title:
            raise ImportFailed("no title: no <h1>, og:title or <title>", source=source)
        return build_article(
            fmt=self.id,
            source=source,
            title=title,
            subtitle=_subtitle(root, blocks),
            posted=_time(root, "published", source),
            modified=_time(root, "modified", source),
            byline=byline,
            source_url=canonical,
            blocks=blocks,
            figures=figures,
        )


def _text(node: lxml.html.HtmlElement) -> str:
    """An element's text with whitespace collapsed."""
    return _WS_RE.sub(" ", node.text_content()).strip()


def _first(root: lxml.html.HtmlElement, *xpaths: str) -> str | None:
    """The first non-empty string any of the XPaths finds."""
    for xpath in xpaths:
        for hit in root.xpath(xpath):
            value = _WS_RE.sub(" ", hit if isinstance(hit, str) else _text(hit)).strip()
            if value:
                return value
    return None


def _container(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The element holding the article body, the one with most paragraph text if several."""
    for xpath in _BODY_XPATHS:
        found = root.xpath(xpath)
        if found:
            return max(found, key=lambda el: sum(len(_text(p)) for p in el.iter("p")))
    return None


def _skipped(el: lxml.html.HtmlElement) -> bool:
    """Whether an element is page furniture (navigation, ads, related stories, captions…)."""
    if not isinstance(el.tag, str) or el.tag in _SKIP_TAGS:
        return True
    names = f"{el.get('class', '')} {el.get('id', '')}".lower()
    return bool(_SKIP_CLASSES.intersection(re.split(r"[\s_-]+", names)))


class _Images:
    """Numbers the images met in the body and notes their link, alt text and caption."""

    def __init__(self, numbers: ImageNumbers, figures: list[Figure], base: str | None) -> None:
        self.numbers, self.figures, self.base = numbers, figures, base

    def placeholder(self, img: lxml.html.HtmlElement) -> str:
        placeholder = self.numbers.next()
        src = (img.get("src") or "").strip()
        if src and self.base and not urlsplit(src).scheme:
            src = urljoin(self.base, src)
        src = src if src and url_problem(src) is None else ""
        caption = ""
        figure = next((a for a in img.iterancestors("figure")), None)
        if figure is not None:
            caption = " ".join(_text(c) for c in figure.iter("figcaption"))
        alt = _WS_RE.sub(" ", img.get("alt") or "").strip()
        if src or caption or alt:
            self.figures.append(Figure(placeholder, src or None, caption or None, alt or None))
        return placeholder


def _read_blocks(container: lxml.html.HtmlElement, numbers: _Images) -> list[str]:
    """The container's paragraphs and image placeholders in document order."""
    text = "".join(_walk(container, numbers))
    return [_WS_RE.sub(" ", b).strip() for b in text.split(_BREAK) if b.strip()]


def _walk(el: lxml.html.HtmlElement, numbers: _Images) -> Iterator[str]:
    """Text pieces, ``_BREAK`` at block edges and placeholders, for one element's subtree."""
    for child in el:
        if _skipped(child) or (child.tag == "time" and el.tag in _BLOCK_TAGS - {"p", "li"}):
            # a <time> among blocks is a dateline; inside a paragraph it is text
            if child.tail:
                yield child.tail
            continue
        if child.tag == "img":
            if child.get("width") not in ("0", "1") and child.get("height") not in ("0", "1"):
                yield f"{_BREAK}{numbers.placeholder(child)}{_BREAK}"
        else:
            block = child.tag in _BLOCK_TAGS
            if block:
                yield _BREAK
            if child.text:
                yield child.text
            yield from _walk(child, numbers)
            if block:
                yield _BREAK
        if child.tail:
            yield child.tail


def _fallback_blocks(root: lxml.html.HtmlElement) -> list[str]:
    """Paragraphs that trafilatura finds on a page without an article container."""
    xml = trafilatura.extract(
        copy.deepcopy(root),  # trafilatura prunes the tree it is given
        output_format="xml",
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
    )
    if not xml:
        return []
    doc = lxml.etree.fromstring(
        xml.encode("utf-8"),
        parser=lxml.etree.XMLParser(resolve_entities=False, no_network=True),
    )
    blocks = [
        _WS_RE.sub(" ", "".join(p.itertext())).strip()
        for p in doc.iter("p", "head", "item", "quote")
    ]
    blocks = [b for b in blocks if b]
    return blocks if sum(map(len, blocks)) >= MIN_FALLBACK_CHARS else []


def _title(root: lxml.html.HtmlElement, container: lxml.html.HtmlElement | None) -> str | None:
    """The headline: the article's ``<h1>``, the page's, ``og:title`` or ``<title>``."""
    if container is not None and (title := _first(container, ".//h1")):
        return title
    return _first(root, "//h1", "//meta[@property='og:title']/@content", "//title")


def _subtitle(root: lxml.html.HtmlElement, blocks: list[str]) -> str | None:
    """A marked subtitle, or ``og:description`` when it is not just the body's opening."""
    if subtitle := _first(root, _SUBTITLE_XPATH):
        return subtitle
    description = _first(root, "//meta[@property='og:description']/@content")
    body = " ".join(blocks)
    if (
        description
        and len(description) <= 200
        and not description.endswith(("…", "..."))
        and description[:40] not in body
    ):
        return description
    return None


def _byline(root: lxml.html.HtmlElement, container: lxml.html.HtmlElement | None) -> str | None:
    """The article's printed byline (``.byline``), else the page's, else the ``author`` meta."""
    if container is not None and (byline := _first(container, f".{_BYLINE_XPATH}")):
        return byline
    return _first(root, _BYLINE_XPATH, "//meta[@name='author']/@content")


def _time(root: lxml.html.HtmlElement, which: str, source: str) -> datetime | None:
    """``article:{published,modified}_time`` or a ``<time datetime>``; naive is KST."""
    xpaths = [
        f"//meta[@property='article:{which}_time']",
        f"//*[@itemprop='date{which.capitalize()}']",
    ]
    if which == "published":
        xpaths.append("//time[@datetime]")
    for xpath in xpaths:
        for el in root.xpath(xpath):
            value = (el.get("content") or el.get("datetime") or "").strip()
            if not value:
                continue
            try:
                return parse_iso(value)
            except ValueError:
                raise BadInput(
                    "unparseable date %(value)r",
                    value=value,
                    source=source,
                    line=el.sourceline,
                    field=f"{which} time",
                ) from None
    return None
