"""article.json: fixed structure, state labels, approvers, deterministic bytes."""

from __future__ import annotations

import json
from dataclasses import replace

from tests.workflow.factories import all_approved, localized, with_text
from workflow.export import JsonExporter
from workflow.model import ArticleMeta, LocalizedArticle
from workflow.states import SegmentState


def document(la: LocalizedArticle) -> dict[str, object]:
    data = JsonExporter().render(la)
    assert data.endswith(b"}\n")
    result: dict[str, object] = json.loads(data)
    return result


def test_structure() -> None:
    doc = document(localized())
    assert list(doc) == ["article", "metadata", "source_metadata", "segments", "display"]
    assert doc["article"] == {
        "id": 42,
        "slug": "chip-support-2024",
        "source_locale": "ko",
        "locale": "en",
        "revision": 3,
        "published_at": "2024-04-29T08:00:00+09:00",
    }
    meta = doc["metadata"]
    assert isinstance(meta, dict)
    assert list(meta) == [
        "title",
        "subtitle",
        "byline",
        "posted",
        "modified",
        "source_url",
        "images",
    ]
    assert meta["title"] == "Government pours 26 trillion won into chip support"
    assert meta["posted"] == "2024-04-28T10:00:00+09:00"
    source_meta = doc["source_metadata"]
    assert isinstance(source_meta, dict)
    assert source_meta["title"] == "정부, 반도체 지원에 26조 원 투입"


def test_segments_carry_state_labels_and_approvers() -> None:
    segments = document(localized())["segments"]
    assert isinstance(segments, list)
    assert [(s["key"], s["state"], s["approver"]) for s in segments] == [
        ("t1", "approved", "Lee Seo-yeon"),
        ("s1", "approved", "Lee Seo-yeon"),
        ("b1", "approved", "Lee Seo-yeon"),
        ("b2", "translated", None),
        ("b3", "needs_edit", None),
        ("b4", "empty", None),
        ("y1", "approved", "Lee Seo-yeon"),
    ]
    assert segments[2]["where"] == "body p1 s1"
    assert segments[2]["kind"] == "body"
    assert list(segments[0]) == ["key", "kind", "where", "source", "target", "state", "approver"]


def test_metadata_never_holds_source_text() -> None:
    la = with_text(localized(), "t1", "Draft", SegmentState.NEEDS_EDIT)
    meta = document(la)["metadata"]
    assert isinstance(meta, dict)
    assert meta["title"] is None
    paired = document(replace(la, target_meta=ArticleMeta(title="Chip aid")))["metadata"]
    assert isinstance(paired, dict)
    assert paired["title"] == "Chip aid"


def test_korean_is_written_as_is_and_bytes_are_stable() -> None:
    data = JsonExporter().render(all_approved(localized()))
    assert "정부".encode() in data
    assert data == JsonExporter().render(all_approved(localized()))


def test_display_dates_for_readers_beside_the_iso_values() -> None:
    doc = document(localized())
    assert doc["display"] == {
        "locale": "en",
        "timezone": "Asia/Seoul",
        "posted": "Apr 28, 2024, 10:00\u202fAM KST",
        "modified": "Apr 28, 2024, 3:05\u202fPM KST",
        "dateline": "Posted Apr 28, 2024, 10:00\u202fAM KST"
        " · Updated Apr 28, 2024, 3:05\u202fPM KST",
        "figures": [
            {
                "placeholder": "[%%IMAGE1%%]",
                "label": "Image 1",
                "src": None,
                "caption": None,
                "caption_locale": None,
                "alt": None,
            }
        ],
    }
    meta = doc["metadata"]
    assert isinstance(meta, dict)
    assert meta["posted"] == "2024-04-28T10:00:00+09:00"  # the machine value is unchanged
