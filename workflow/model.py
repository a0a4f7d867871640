"""Values of the domain: frozen dataclasses, no behaviour beyond derived views."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from workflow.errors import Message
from workflow.states import LocalizationState, Role, SegmentState


class SegmentKind(StrEnum):
    """What part of the article a segment is; article order is title, subtitle, body, byline."""

    TITLE = "title"
    SUBTITLE = "subtitle"
    BODY = "body"
    BYLINE = "byline"


#: The kinds as translators read them (the web translates them).
KIND_NAMES = {
    SegmentKind.TITLE: Message("title"),
    SegmentKind.SUBTITLE: Message("subtitle"),
    SegmentKind.BODY: Message("body"),
    SegmentKind.BYLINE: Message("byline"),
}


@dataclass(frozen=True)
class ArticleMeta:
    """Metadata of one edition of an article. Datetimes are timezone-aware (KST is +09:00)."""

    title: str
    subtitle: str | None = None
    posted: datetime | None = None
    modified: datetime | None = None
    byline: str | None = None
    images: tuple[str, ...] = ()
    source_url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: datetimes as ISO 8601 with their offset."""
        return {
            "title": self.title,
            "subtitle": self.subtitle,
            "posted": self.posted.isoformat() if self.posted else None,
            "modified": self.modified.isoformat() if self.modified else None,
            "byline": self.byline,
            "images": list(self.images),
            "source_url": self.source_url,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleMeta:
        """The inverse of :meth:`to_dict`."""
        posted, modified = data.get("posted"), data.get("modified")
        return cls(
            title=data["title"],
            subtitle=data.get("subtitle"),
            posted=datetime.fromisoformat(posted) if posted else None,
            modified=datetime.fromisoformat(modified) if modified else None,
            byline=data.get("byline"),
            images=tuple(data.get("images") or ()),
            source_url=data.get("source_url"),
        )


@dataclass(frozen=True)
class Figure:
    """What an import knew about the image behind a placeholder: its link, caption, alt text.

    ``src`` is an acceptable http(s) link (checked at import) or None; the caption and alt
    text are the original's, in its language.
    """

    placeholder: str  # "[%%IMAGE1%%]"
    src: str | None = None
    caption: str | None = None
    alt: str | None = None


@dataclass(frozen=True)
class ParsedArticle:
    """What an importer reads from a file: metadata and body blocks, boilerplate dropped.

    ``blocks`` are the body paragraphs in order; an image placeholder such as
    ``[%%IMAGE1%%]`` is a block of its own and never part of a paragraph's text.
    ``figures`` are the images the file described (link, caption), by placeholder.
    """

    meta: ArticleMeta
    blocks: tuple[str, ...]
    format: str
    figures: tuple[Figure, ...] = ()


@dataclass(frozen=True)
class LayoutBlock:
    """One block of the body: a text paragraph (by number) or an image placeholder."""

    type: str  # "paragraph" or "image"
    paragraph: int | None = None  # 1-based number among text paragraphs
    placeholder: str | None = None  # "[%%IMAGE1%%]" for images
    # The image's link, caption and alt text when the import had them (images only).
    src: str | None = None
    caption: str | None = None
    alt: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready; the image fields only when set (older layouts read the same)."""
        data: dict[str, Any] = {
            "type": self.type,
            "paragraph": self.paragraph,
            "placeholder": self.placeholder,
        }
        for name in ("src", "caption", "alt"):
            if (value := getattr(self, name)) is not None:
                data[name] = value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LayoutBlock:
        """The inverse of :meth:`to_dict`."""
        return cls(
            type=data["type"],
            paragraph=data.get("paragraph"),
            placeholder=data.get("placeholder"),
            src=data.get("src"),
            caption=data.get("caption"),
            alt=data.get("alt"),
        )


@dataclass(frozen=True)
class SegmentDraft:
    """A segment before it is stored: its kind, text and place in the article."""

    kind: SegmentKind
    text: str
    paragraph: int | None = None  # 1-based paragraph number, body only
    sentence: int | None = None  # 1-based sentence number within the paragraph, body only


@dataclass(frozen=True)
class SegmentedArticle:
    """An article split into segments, in article order, with the body's layout."""

    meta: ArticleMeta
    segments: tuple[SegmentDraft, ...]
    layout: tuple[LayoutBlock, ...]
    format: str

    @property
    def body(self) -> list[str]:
        """The body sentences in order."""
        return [s.text for s in self.segments if s.kind is SegmentKind.BODY]


@dataclass(frozen=True)
class Bead:
    """An alignment unit: source sentence indices ↔ target sentence indices (0-based)."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    confidence: float = 1.0

    @property
    def type(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: Role
    active: bool = True
    ui_lang: str | None = None
    #: the newsroom desks (sections) whose articles the user works on; admins see every desk
    desks: tuple[str, ...] = ("news",)


@dataclass(frozen=True)
class Segment:
    """A stored source segment; ``key`` is stable and is the PO ``msgctxt``."""

    key: str
    kind: SegmentKind
    position: int  # 0-based order in the article
    source: str
    paragraph: int | None = None
    sentence: int | None = None
    previous_source: str | None = None  # the source before a correction (PO ``#| msgid``)

    @property
    def where(self) -> str:
        """Kind and position as translators read it: ``body p3 s2``, ``title``."""
        if self.kind is SegmentKind.BODY:
            return Message(
                "body p%(paragraph)s s%(sentence)s",
                paragraph=self.paragraph,
                sentence=self.sentence,
            )
        return KIND_NAMES.get(self.kind, self.kind.value)


@dataclass(frozen=True)
class Translation:
    """A segment's translation into one locale; ``version`` grows with every save."""

    key: str
    locale: str
    text: str
    state: SegmentState
    version: int
    confidence: float | None = None
    origin: str | None = None  # "aligned", "human", …
    updated_by: str | None = None
    updated_at: datetime | None = None
    approved_by: str | None = None
    approved_at: datetime | None = None
    rejected_reason: str | None = None


@dataclass(frozen=True)
class Entry:
    """A segment with its translation into the locale at hand."""

    segment: Segment
    translation: Translation

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the segment and its translation's text and state label.

        The common part of a segment in the bundle's ``article.json`` and in the CLI's
        ``articles show --json``; each adds its own fields after these.
        """
        return {
            "key": self.segment.key,
            "kind": self.segment.kind.value,
            "where": self.segment.where,
            "source": self.segment.source,
            "target": self.translation.text,
            "state": self.translation.state.label,
        }


@dataclass(frozen=True)
class Article:
    id: int
    slug: str
    locale: str
    meta: ArticleMeta
    layout: tuple[LayoutBlock, ...]
    format: str
    created_at: datetime
    embargoed: bool = False  # never sent to a machine-translation provider outside
    desk: str = "news"  # the newsroom desk (section) that owns it: only its members see it


_UNSAFE_IN_NAMES = re.compile(r"[^\w.-]+")


@dataclass(frozen=True)
class LocalizedArticle:
    """An article × target locale with every entry: what catalogs and bundles are made of."""

    article: Article
    locale: str
    state: LocalizationState
    entries: tuple[Entry, ...]
    target_meta: ArticleMeta | None = None  # metadata of the paired published edition
    revision: int = 0
    published_at: datetime | None = None
    beads: tuple[Bead, ...] = field(default=())
    obsolete: tuple[Entry, ...] = ()  # segments removed from the original, kept as PO ``#~``

    @property
    def file_stem(self) -> str:
        """``<slug>.<locale>`` for file names, anything but letters, digits, ``.``, ``-``,
        ``_`` dashed."""
        slug = _UNSAFE_IN_NAMES.sub("-", self.article.slug).strip(".-")
        locale = _UNSAFE_IN_NAMES.sub("-", self.locale).strip(".-") or "xx"
        return f"{slug or f'article-{self.article.id}'}.{locale}"

    def counts(self) -> dict[SegmentState, int]:
        """Number of entries per state, every state present."""
        out = dict.fromkeys(SegmentState, 0)
        for e in self.entries:
            out[e.translation.state] += 1
        return out


@dataclass(frozen=True)
class ApiToken:
    """A bearer token of the JSON API, as stored: never its secret, only the first letters."""

    id: int
    user_id: int
    name: str
    prefix: str
    scopes: tuple[str, ...]
    created_at: datetime
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None
