"""The ``json`` importer: fields, body shapes, KST for naive times, field-named errors."""

from __future__ import annotations

import json
from typing import Any

import pytest

from workflow.errors import BadInput, ImportFailed
from workflow.importers import JsonImporter
from workflow.model import ParsedArticle


def parse(obj: Any) -> ParsedArticle:
    return JsonImporter().parse(json.dumps(obj, ensure_ascii=False).encode(), source="a.json")


def test_full_article() -> None:
    article = parse(
        {
            "title": "미·일, 한국에 회담 요청",
            "subtitle": "‘글로벌 동맹’ 격상",
            "posted": "2015-04-29T19:34:00",
            "modified": "2019-10-20T00:12:00Z",
            "byline": "도쿄/길윤형 특파원",
            "images": ["[%%IMAGE1%%]"],
            "source_url": "https://www.hani.co.kr/arti/689058.html",
            "body": ["[%%IMAGE1%%]", "첫 문단이다.", "둘째 문단이다. [%%IMAGE2%%] 이어진다."],
        }
    )
    meta = article.meta
    assert meta.title == "미·일, 한국에 회담 요청"
    assert meta.subtitle == "‘글로벌 동맹’ 격상"
    assert meta.posted is not None and meta.posted.isoformat() == "2015-04-29T19:34:00+09:00"
    assert meta.modified is not None and meta.modified.isoformat() == "2019-10-20T00:12:00+00:00"
    assert meta.byline == "도쿄/길윤형 특파원"
    assert meta.images == ("[%%IMAGE1%%]",)
    assert meta.source_url == "https://www.hani.co.kr/arti/689058.html"
    assert article.blocks == (
        "[%%IMAGE1%%]",
        "첫 문단이다.",
        "둘째 문단이다.",
        "[%%IMAGE2%%]",
        "이어진다.",
    )
    assert article.format == "json"


def test_body_as_text_with_blank_lines() -> None:
    article = parse({"title": "T", "url": "https://x", "body": "One.\nStill one.\n\n \nTwo.\n"})
    assert article.blocks == ("One.\nStill one.", "Two.")
    assert article.meta.source_url == "https://x"
    assert article.meta.images == ()


@pytest.mark.parametrize(
    ("obj", "message"),
    [
        ({"body": ["x"]}, "a.json, field 'title': required field is missing"),
        ({"title": "T"}, "a.json, field 'body': required field is missing"),
        ({"title": "T", "body": []}, "a.json, field 'body': required field is missing"),
        ({"title": "T", "body": ["x"], "autor": "K"}, "a.json, field 'autor': unknown field"),
        ({"title": 3, "body": ["x"]}, "a.json, field 'title': expected a string, got int"),
        ({"title": "T", "body": ["x", 2]}, "a.json, field 'body[1]': expected a string"),
        ({"title": "T", "body": {"p": 1}}, "a.json, field 'body': expected a list"),
        (
            {"title": "T", "body": ["x"], "posted": "30 April"},
            "a.json, field 'posted': unparseable date '30 April'",
        ),
        (
            {"title": "T", "body": ["x"], "images": ["photo.jpg"]},
            "a.json, field 'images[0]': expected a placeholder",
        ),
    ],
)
def test_bad_fields_are_named(obj: dict[str, Any], message: str) -> None:
    with pytest.raises(BadInput) as info:
        parse(obj)
    assert str(info.value).startswith(message)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'{"title": "T",\n "body": [}', "a.json, line 2: not valid JSON"),
        (b'["T", "body"]', "a.json: expected a JSON object"),
        (b'{"title": "T", "body": ["[%%IMAGE1%%]"]}', "a.json: no body paragraphs"),
    ],
)
def test_unreadable_files(data: bytes, message: str) -> None:
    with pytest.raises(ImportFailed) as info:
        JsonImporter().parse(data, source="a.json")
    assert str(info.value).startswith(message)
