"""Segment keys: one scheme, so a sentence's key does not depend on how it came in."""

from __future__ import annotations

import hashlib
import json

from workflow import services
from workflow.keys import new_key, segment_keys
from workflow.model import SegmentDraft, SegmentKind
from workflow.services import Context


def digest_key(text: str, n: int) -> str:
    return "s-" + hashlib.sha1(f"{text}\x00{n}".encode()).hexdigest()[:10]


def test_new_key_takes_the_least_occurrence_not_taken() -> None:
    assert new_key("문장.", set()) == digest_key("문장.", 0)
    assert new_key("문장.", {digest_key("문장.", 0)}) == digest_key("문장.", 1)


def test_import_keys_kinds_and_repeated_sentences() -> None:
    drafts = [
        SegmentDraft(SegmentKind.TITLE, "제목"),
        SegmentDraft(SegmentKind.BODY, "하나.", 1, 1),
        SegmentDraft(SegmentKind.BODY, "둘.", 1, 2),
        SegmentDraft(SegmentKind.BODY, "하나.", 2, 1),
        SegmentDraft(SegmentKind.BYLINE, "김기자"),
    ]
    assert segment_keys(drafts) == [
        "title",
        digest_key("하나.", 0),
        digest_key("둘.", 0),
        digest_key("하나.", 1),
        "byline",
    ]


def article(*paragraphs: str) -> bytes:
    return json.dumps({"title": "제목", "body": list(paragraphs)}).encode()


def keys_by_source(ctx: Context, slug: str) -> list[tuple[str, str]]:
    la = services.show_article(ctx, slug, "en")
    return [(e.segment.source, e.segment.key) for e in la.entries]


def test_a_sentence_gets_the_same_key_at_import_and_from_a_correction(ctx: Context) -> None:
    services.import_article(ctx, article("하나."), source="a.json", locale="ko", slug="a")
    corrected = article("하나. 둘.", "하나.")
    services.update_article(ctx, "a", corrected, source="a2.json")
    services.import_article(ctx, corrected, source="b.json", locale="ko", slug="b")
    from_correction = keys_by_source(ctx, "a")
    assert [source for source, _ in from_correction] == ["제목", "하나.", "둘.", "하나."]
    assert from_correction == keys_by_source(ctx, "b")
