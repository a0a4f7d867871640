"""The target edition as readers see it, resolved once for the HTML, Markdown and JSON files.

Which text a segment shows: its translation when the translation's state is at least
``min_state`` (APPROVED by default) and not empty; otherwise the source text, marked as
untranslated so that a writer can tag it with the source language. For the title,
subtitle and byline the paired edition's metadata (``target_meta``) comes before that
fallback. Dates and URLs come from ``target_meta`` when it has them, else from the
original; URLs only as ``workflow.security.urls.export_url`` writes them (a stored URL that is
not an acceptable http(s) link is left out). A published article has every segment
approved, so its files hold no source text; a preview of a half-translated one shows
what is missing instead of silently dropping it.

The words around the text (dateline, source link) come from :func:`labels`, the dates
shown from :func:`dateline`, written by :mod:`workflow.text.display` (the reader's locale,
KST, no seconds): the same in the HTML, the Markdown and the JSON ``display`` fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from workflow.model import ArticleMeta, Entry, LocalizedArticle, SegmentKind
from workflow.security.urls import export_url
from workflow.states import SegmentState
from workflow.text.display import aware
from workflow.text.locales import parse_locale


@dataclass(frozen=True)
class Labels:
    """The words of the dateline and of the link to the original, in one language."""

    posted: str
    updated: str
    original: str
    image: str  # "Image {n}": the label of an image's slot
    slot: str  # what a slot without an image says is to come


# By language; English for any other.
LABELS: dict[str, Labels] = {
    "en": Labels("Posted", "Updated", "Original article", "Image {n}", "image to be placed"),
    "ko": Labels("입력", "수정", "원문 기사", "사진 {n}", "사진이 들어갈 자리"),
    "ja": Labels("公開", "更新", "元の記事", "画像 {n}", "画像が入ります"),
    "zh": Labels("发布", "更新", "原文", "图片 {n}", "此处放置图片"),
}


def labels(locale: str) -> Labels:
    """The labels for a Babel locale id (``zh_Hans_CN`` → Chinese), English if unknown."""
    return LABELS.get(locale.split("_")[0], LABELS["en"])


@dataclass(frozen=True)
class Text:
    """A piece of text; ``translated`` is False for a fallback in the source language."""

    value: str
    translated: bool = True


@dataclass(frozen=True)
class Block:
    """A body block: a paragraph of sentences, or an image placeholder (``[%%IMAGE1%%]``)."""

    type: str  # "paragraph" or "image"
    parts: tuple[Text, ...] = ()
    placeholder: str | None = None
    # images: the link (percent-encoded http(s), or None for a slot), the original's
    # caption and alt text (source language, so ``translated`` is False)
    src: str | None = None
    caption: Text | None = None
    alt: str | None = None

    @property
    def number(self) -> int:
        """The placeholder's number: 1 for ``[%%IMAGE1%%]``."""
        digits = "".join(ch for ch in self.placeholder or "" if ch.isdigit())
        return int(digits) if digits else 0


@dataclass(frozen=True)
class Edition:
    """What the target-language files show, in reading order."""

    locale: str  # Babel's canonical id of the target locale
    source_locale: str
    title: Text
    subtitle: Text | None
    byline: Text | None
    posted: datetime | None
    modified: datetime | None
    # Links are percent-encoded http(s) URLs (``security.urls.export_url``), never raw text.
    url: str | None  # where the target edition lives, else the original (JSON "source_url")
    original_url: str | None  # the original article
    images: tuple[str, ...]
    blocks: tuple[Block, ...]


def edition(la: LocalizedArticle, *, min_state: SegmentState = SegmentState.APPROVED) -> Edition:
    """Resolve ``la`` into the texts, dates and blocks of its target edition."""
    source, target = la.article.meta, la.target_meta
    by_kind: dict[SegmentKind, list[Entry]] = {kind: [] for kind in SegmentKind}
    for e in la.entries:
        by_kind[e.segment.kind].append(e)

    def pick(kind: SegmentKind, meta_value: str | None, source_value: str | None) -> Text | None:
        entries = by_kind[kind]
        if entries and all(_ready(e, min_state) for e in entries):
            return Text(" ".join(e.translation.text.strip() for e in entries))
        if meta_value:
            return Text(meta_value)
        if entries:
            return Text(" ".join(_text(e, min_state).value for e in entries), translated=False)
        return Text(source_value, translated=False) if source_value else None

    title = pick(SegmentKind.TITLE, target.title if target else None, source.title)
    return Edition(
        locale=parse_locale(la.locale),
        source_locale=la.article.locale,
        title=title or Text(""),
        subtitle=pick(SegmentKind.SUBTITLE, target.subtitle if target else None, source.subtitle),
        byline=pick(SegmentKind.BYLINE, target.byline if target else None, source.byline),
        posted=_first(target, source, "posted"),
        modified=_first(target, source, "modified"),
        url=export_url(target.source_url if target else None) or export_url(source.source_url),
        original_url=export_url(source.source_url),
        images=(target.images if target and target.images else source.images),
        blocks=_blocks(la, by_kind[SegmentKind.BODY], min_state),
    )


def dateline(ed: Edition) -> list[tuple[str, datetime]]:
    """(label, when) for the posting, then for the update if it differs from the posting."""
    words = labels(ed.locale)
    dates: list[tuple[str, datetime]] = []
    if ed.posted:
        dates.append((words.posted, ed.posted))
    if ed.modified and ed.modified != ed.posted:
        dates.append((words.updated, ed.modified))
    return dates


def _blocks(la: LocalizedArticle, body: list[Entry], min_state: SegmentState) -> tuple[Block, ...]:
    paragraphs: dict[int, list[Text]] = {}
    for e in body:
        paragraphs.setdefault(e.segment.paragraph or 0, []).append(_text(e, min_state))
    blocks: list[Block] = []
    placed: set[int] = set()
    for block in la.article.layout:
        if block.type == "image" and block.placeholder:
            blocks.append(
                Block(
                    type="image",
                    placeholder=block.placeholder,
                    src=export_url(block.src),
                    caption=Text(block.caption, translated=False) if block.caption else None,
                    alt=block.alt,
                )
            )
        elif block.type == "paragraph" and block.paragraph is not None:
            placed.add(block.paragraph)
            if paragraphs.get(block.paragraph):
                blocks.append(Block(type="paragraph", parts=tuple(paragraphs[block.paragraph])))
    # Sentences whose paragraph the layout does not list are kept, after the rest.
    for number in sorted(set(paragraphs) - placed):
        blocks.append(Block(type="paragraph", parts=tuple(paragraphs[number])))
    return tuple(blocks)


def _ready(e: Entry, min_state: SegmentState) -> bool:
    return e.translation.state >= min_state and bool(e.translation.text.strip())


def _text(e: Entry, min_state: SegmentState) -> Text:
    if _ready(e, min_state):
        return Text(e.translation.text.strip())
    return Text(e.segment.source.strip(), translated=False)


def _first(target: ArticleMeta | None, source: ArticleMeta, name: str) -> datetime | None:
    value: datetime | None = getattr(target, name) if target is not None else None
    return value if value is not None else getattr(source, name)


def iso(dt: datetime, tz: tzinfo) -> str:
    """``dt`` in ``tz`` as ISO 8601 (``2024-04-28T10:00:00+09:00``), for ``<time datetime>``."""
    return aware(dt).astimezone(tz).isoformat()
