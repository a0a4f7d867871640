"""Small builders of domain values for tests: a Korean article with English entries.

``localized()`` gives a :class:`~workflow.model.LocalizedArticle` with entries in every
state, an image placeholder between the two paragraphs and KST datetimes; tests tweak
it with ``dataclasses.replace`` or the helpers below.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from workflow.catalog.merge import ServerEntry
from workflow.model import (
    Article,
    ArticleMeta,
    Entry,
    LayoutBlock,
    LocalizedArticle,
    Segment,
    SegmentKind,
    Translation,
)
from workflow.states import LocalizationState, SegmentState

KST = timezone(timedelta(hours=9))

CREATED = datetime(2024, 4, 28, 9, 30, tzinfo=KST)
POSTED = datetime(2024, 4, 28, 10, 0, tzinfo=KST)
MODIFIED = datetime(2024, 4, 28, 15, 5, tzinfo=KST)
EN_POSTED = datetime(2024, 4, 28, 18, 20, tzinfo=KST)
PUBLISHED = datetime(2024, 4, 29, 8, 0, tzinfo=KST)

# (key, kind, paragraph, sentence, source, target, state, updated_by);
# updated_at grows with position.
ROWS: tuple[tuple[str, SegmentKind, int | None, int | None, str, str, SegmentState, str], ...] = (
    (
        "t1",
        SegmentKind.TITLE,
        None,
        None,
        "정부, 반도체 지원에 26조 원 투입",
        "Government pours 26 trillion won into chip support",
        SegmentState.APPROVED,
        "Kim Min-ji",
    ),
    (
        "s1",
        SegmentKind.SUBTITLE,
        None,
        None,
        "산업부 “세제 혜택 연장”",
        "Industry ministry: “tax breaks extended”",
        SegmentState.APPROVED,
        "Kim Min-ji",
    ),
    (
        "b1",
        SegmentKind.BODY,
        1,
        1,
        "정부가 28일 반도체 산업에 26조 원을 지원한다고 밝혔다.",
        "The government said on April 28 it will provide 26 trillion won to the chip industry.",
        SegmentState.APPROVED,
        "Kim Min-ji",
    ),
    (
        "b2",
        SegmentKind.BODY,
        1,
        2,
        "지원금의 80%는 중소기업에 돌아간다.",
        "80% of the money goes to small businesses.",
        SegmentState.TRANSLATED,
        "Park Ji-hoon",
    ),
    (
        "b3",
        SegmentKind.BODY,
        2,
        1,
        "업계는 “환영한다”고 말했다.",
        "The industry said it “welcomes” the plan.",
        SegmentState.NEEDS_EDIT,
        "Park Ji-hoon",
    ),
    (
        "b4",
        SegmentKind.BODY,
        2,
        2,
        "세부 계획은 다음 달 발표된다.",
        "",
        SegmentState.EMPTY,
        "",
    ),
    (
        "y1",
        SegmentKind.BYLINE,
        None,
        None,
        "김민지 기자",
        "By Kim Min-ji, staff reporter",
        SegmentState.APPROVED,
        "Kim Min-ji",
    ),
)

LAYOUT = (
    LayoutBlock(type="paragraph", paragraph=1),
    LayoutBlock(type="image", placeholder="[%%IMAGE1%%]"),
    LayoutBlock(type="paragraph", paragraph=2),
)

SOURCE_META = ArticleMeta(
    title="정부, 반도체 지원에 26조 원 투입",
    subtitle="산업부 “세제 혜택 연장”",
    posted=POSTED,
    modified=MODIFIED,
    byline="김민지 기자",
    images=("https://img.example.kr/2024/04/28/chip.jpg",),
    source_url="https://www.example.kr/economy/1138000.html",
)


def entry(
    key: str,
    source: str,
    target: str,
    state: SegmentState = SegmentState.TRANSLATED,
    *,
    kind: SegmentKind = SegmentKind.BODY,
    position: int = 0,
    paragraph: int | None = 1,
    sentence: int | None = 1,
    updated_by: str | None = "Park Ji-hoon",
    updated_at: datetime | None = None,
    approved_by: str | None = None,
) -> Entry:
    """One entry; APPROVED entries get an approver (Lee Seo-yeon) unless given."""
    if kind is not SegmentKind.BODY:
        paragraph = sentence = None
    if state is SegmentState.APPROVED and approved_by is None:
        approved_by = "Lee Seo-yeon"
    return Entry(
        segment=Segment(
            key=key,
            kind=kind,
            position=position,
            source=source,
            paragraph=paragraph,
            sentence=sentence,
        ),
        translation=Translation(
            key=key,
            locale="en",
            text=target,
            state=state,
            version=1 if state is SegmentState.EMPTY else 2,
            updated_by=updated_by or None,
            updated_at=updated_at or CREATED + timedelta(minutes=position + 1),
            approved_by=approved_by if state is SegmentState.APPROVED else None,
            approved_at=(CREATED + timedelta(hours=2) if state is SegmentState.APPROVED else None),
        ),
    )


def default_entries() -> tuple[Entry, ...]:
    return tuple(
        entry(
            key,
            source,
            target,
            state,
            kind=kind,
            position=i,
            paragraph=paragraph,
            sentence=sentence,
            updated_by=by,
        )
        for i, (key, kind, paragraph, sentence, source, target, state, by) in enumerate(ROWS)
    )


def localized(
    *,
    entries: tuple[Entry, ...] | None = None,
    locale: str = "en",
    slug: str = "chip-support-2024",
    target_meta: ArticleMeta | None = None,
    revision: int = 3,
    published_at: datetime | None = PUBLISHED,
    source_meta: ArticleMeta = SOURCE_META,
) -> LocalizedArticle:
    """A Korean article × ``locale`` with entries in every state (see ``ROWS``)."""
    article = Article(
        id=42,
        slug=slug,
        locale="ko",
        meta=source_meta,
        layout=LAYOUT,
        format="hani-text",
        created_at=CREATED,
    )
    return LocalizedArticle(
        article=article,
        locale=locale,
        state=LocalizationState.TRANSLATING,
        entries=default_entries() if entries is None else entries,
        target_meta=target_meta,
        revision=revision,
        published_at=published_at,
    )


def all_approved(la: LocalizedArticle) -> LocalizedArticle:
    """``la`` with every entry approved (empty ones get a placeholder translation)."""
    out = []
    for e in la.entries:
        text = e.translation.text or f"Translation of {e.segment.key}."
        out.append(
            replace(
                e,
                translation=replace(
                    e.translation,
                    text=text,
                    state=SegmentState.APPROVED,
                    approved_by="Lee Seo-yeon",
                    approved_at=CREATED + timedelta(hours=3),
                ),
            )
        )
    return replace(la, entries=tuple(out), state=LocalizationState.APPROVED)


def with_text(
    la: LocalizedArticle, key: str, text: str, state: SegmentState | None = None
) -> LocalizedArticle:
    """``la`` with the translation of ``key`` changed (and its state, if given)."""
    out = []
    for e in la.entries:
        if e.segment.key == key:
            tr = replace(
                e.translation,
                text=text,
                state=state if state is not None else e.translation.state,
                version=e.translation.version + 1,
            )
            e = replace(e, translation=tr)
        out.append(e)
    return replace(la, entries=tuple(out))


# -- catalogs sent back: the server side of a merge -------------------------------------


def server_entries(la: LocalizedArticle) -> dict[str, ServerEntry]:
    """The server's entries of ``la`` by key, as :func:`workflow.catalog.merge.merge` takes them."""
    return {
        e.segment.key: ServerEntry(
            key=e.segment.key,
            source=e.segment.source,
            text=e.translation.text,
            state=e.translation.state,
            version=e.translation.version,
        )
        for e in la.entries
    }


class History:
    """A fake revision history: ``base_text(key, version)`` over the articles it has seen.

    ``History(la0, la1)`` knows every translation text of both; like the store it gives
    "" for a version that was EMPTY, and None for a version it never saw.
    """

    def __init__(self, *articles: LocalizedArticle) -> None:
        self.texts: dict[tuple[str, int], str] = {}
        for la in articles:
            self.add(la)

    def add(self, la: LocalizedArticle) -> None:
        for e in la.entries:
            tr = e.translation
            text = "" if tr.state is SegmentState.EMPTY else tr.text
            self.texts[(e.segment.key, tr.version)] = text

    def __call__(self, key: str, version: int) -> str | None:
        return self.texts.get((key, version))
