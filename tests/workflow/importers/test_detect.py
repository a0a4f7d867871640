"""Format detection, the registry of importers and ``read_article``'s checks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from workflow.errors import ImportFailed, UnknownPlugin
from workflow.importers import default_importers, read_article

HANI_EN = (
    "Title\n\nPosted on : 2015-04-30 17:24 KST Modified on : 2019-10-19 20:29 KST\nSub\n\nBody."
)
HANI_KO = "제목\n\n등록 :2015-04-29 19:34 수정 :2019-10-20 09:12\n부제\n\n본문이다."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"title": "T", "body": ["Body."]}', "json"),
        ('\n  {"title": "T", "body": "Body."}', "json"),
        (
            "<!DOCTYPE html><html><body><article><h1>T</h1><p>Body.</p></article></body></html>",
            "html",
        ),
        ("<HTML><body><article><h1>T</h1><p>Body.</p></article></body></HTML>", "html"),
        ("<div><article><h1>T</h1><p>Body.</p></article></div>", "html"),
        (HANI_EN, "hani-text"),
        (HANI_KO, "hani-text"),
        ("# Title\n\nBody.", "markdown"),
        ("---\ntitle: T\n---\n\nBody.", "markdown"),
        # a Markdown file that embeds HTML is still Markdown
        ("# Title\n\n<article>Body.</article>", "markdown"),
        # plain text with a title line: the text export without dates
        ("A headline\n\nFirst paragraph.", "hani-text"),
        # paragraphs and nothing else: plain text (the title is given by the person)
        ("Only one line.", "plain-text"),
        ("A first sentence that ends with a period.\n\nAnother paragraph.", "plain-text"),
    ],
)
def test_detects_the_format(text: str, expected: str) -> None:
    assert read_article(text.encode(), source="in", title="T").format == expected


@pytest.mark.parametrize("text", ["[1, 2, 3]", "<p>half a page", "{not json"])
def test_undetectable_format_is_an_error(text: str) -> None:
    with pytest.raises(ImportFailed) as info:
        read_article(text.encode(), source="upload.bin")
    message = str(info.value)
    assert message.startswith("upload.bin: cannot detect the file's format")
    # the formats as the import form names them, with the ids the CLI takes
    assert "Text export (hani-text)" in message and "Plain text (plain-text)" in message


def test_named_format_wins_over_detection() -> None:
    article = read_article(b"# Title\n\nBody.", source="t.txt", format="hani-text")
    assert article.format == "hani-text"
    assert article.meta.title == "# Title"


def test_unknown_format_lists_known_ones() -> None:
    with pytest.raises(UnknownPlugin) as info:
        read_article(b"# T\n\nBody.", source="a.docx", format="docx")
    assert str(info.value) == (
        "a.docx: unknown import format 'docx'; known: hani-text, html, json, markdown, plain-text"
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "x.txt: empty file"),
        (b"\xef\xbb\xbf \r\n\t", "x.txt: empty file (only whitespace)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "x.txt, line 3: binary file: NUL byte at offset 8"),
        (b"Title\n\nBody \xc3", "x.txt, line 3: not valid UTF-8: byte 0xc3 at offset 12"),
        (b"\xef\xbb\xbfT\xff", "x.txt, line 1: not valid UTF-8: byte 0xff at offset 4"),
    ],
)
def test_empty_and_binary_files(data: bytes, message: str) -> None:
    with pytest.raises(ImportFailed) as info:
        read_article(data, source="x.txt")
    assert str(info.value) == message


def test_bom_and_crlf_are_handled_before_detection() -> None:
    article = read_article(b"\xef\xbb\xbf# Title\r\n\r\nBody.\r\n", source="a.md")
    assert (article.format, article.meta.title, article.blocks) == ("markdown", "Title", ("Body.",))


def test_default_importers_is_a_fresh_registry() -> None:
    first, second = default_importers(), default_importers()
    assert first is not second
    assert first.ids() == ["json", "html", "hani-text", "markdown", "plain-text"]
    assert {importer.id for importer in first} == set(first.ids())


def test_importing_does_no_work() -> None:
    code = (
        "import sys, workflow.importers, workflow.text.segmentation as s\n"
        "assert s._kiwi.cache_info().currsize == 0\n"
        "bad = {'flask', 'werkzeug', 'jinja2', 'web'} & set(sys.modules)\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
