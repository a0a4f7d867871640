"""The export bundle: files, manifest, reproducible zip bytes; the exporter registry."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import zipfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from tests.workflow.factories import all_approved, localized, with_text
from workflow.errors import UnknownPlugin
from workflow.export import (
    Exporter,
    bundle_bytes,
    bundle_filename,
    default_exporters,
    zip_timestamp,
)
from workflow.model import LocalizedArticle

FILES = [
    "article.html",
    "article.json",
    "article.md",
    "chip-support-2024.en.mo",
    "chip-support-2024.en.po",
    "manifest.json",
]


def open_zip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def test_bundle_has_every_file_then_the_manifest() -> None:
    zf = open_zip(bundle_bytes(localized(), default_exporters()))
    assert zf.namelist() == FILES
    assert zf.testzip() is None


def test_manifest_describes_every_file() -> None:
    zf = open_zip(bundle_bytes(localized(), default_exporters(generator="transdesk 9.9")))
    manifest = json.loads(zf.read("manifest.json"))
    assert manifest["article"] == "chip-support-2024"
    assert manifest["article_id"] == 42
    assert manifest["source_locale"] == "ko"
    assert manifest["locale"] == "en"
    assert manifest["revision"] == 3
    assert manifest["published_at"] == "2024-04-29T08:00:00+09:00"
    assert manifest["generator"] == "transdesk 0.1.0"
    assert [f["name"] for f in manifest["files"]] == FILES[:-1]
    for f in manifest["files"]:
        data = zf.read(f["name"])
        assert f["size"] == len(data)
        assert f["sha256"] == hashlib.sha256(data).hexdigest()


def test_generator_of_the_manifest_and_the_catalog() -> None:
    la = localized()
    data = bundle_bytes(la, default_exporters(generator="transdesk 9.9"), generator="td 9.9")
    zf = open_zip(data)
    assert json.loads(zf.read("manifest.json"))["generator"] == "td 9.9"
    assert b'"X-Generator: transdesk 9.9\\n"' in zf.read("chip-support-2024.en.po")


def test_two_exports_are_byte_identical() -> None:
    first = bundle_bytes(localized(), default_exporters())
    second = bundle_bytes(localized(), default_exporters())
    assert first == second
    assert hashlib.sha256(first).digest() == hashlib.sha256(second).digest()


def test_zip_entries_are_normalised() -> None:
    zf = open_zip(bundle_bytes(localized(), default_exporters()))
    for info in zf.infolist():
        # 2024-04-29 08:00 KST is 2024-04-28 23:00 UTC.
        assert info.date_time == (2024, 4, 28, 23, 0, 0)
        assert info.external_attr == 0o644 << 16
        assert info.create_system == 3
        assert info.compress_type == zipfile.ZIP_DEFLATED
        assert info.extra == b""


@pytest.mark.parametrize(
    ("published_at", "expected"),
    [
        (None, (1980, 1, 1, 0, 0, 0)),
        (datetime(1970, 1, 1, tzinfo=UTC), (1980, 1, 1, 0, 0, 0)),
        (
            datetime(2024, 1, 1, 8, 30, 15, tzinfo=timezone(timedelta(hours=9))),
            (2023, 12, 31, 23, 30, 15),
        ),
        (datetime(2200, 1, 1, tzinfo=UTC), (2107, 12, 31, 23, 59, 58)),
    ],
)
def test_zip_timestamp(published_at: datetime | None, expected: tuple[int, ...]) -> None:
    assert zip_timestamp(published_at) == expected


def test_unpublished_bundle_is_stamped_1980() -> None:
    zf = open_zip(bundle_bytes(localized(published_at=None), default_exporters()))
    assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert json.loads(zf.read("manifest.json"))["published_at"] is None


def test_a_translation_edit_changes_the_bundle_and_its_html() -> None:
    la = all_approved(localized())
    edited = with_text(la, "b1", "The government unveiled a 26 trillion won package on Sunday.")
    before, after = bundle_bytes(la, default_exporters()), bundle_bytes(edited, default_exporters())
    assert before != after
    html = open_zip(after).read("article.html").decode()
    assert "The government unveiled a 26 trillion won package on Sunday." in html
    assert "The government said on April 28" not in html


def test_bundle_filename() -> None:
    assert bundle_filename(localized()) == "chip-support-2024.en.zip"
    assert bundle_filename(localized(slug="../../etc/passwd")) == "etc-passwd.en.zip"
    assert bundle_filename(localized(slug="반도체-지원")) == "반도체-지원.en.zip"


def test_non_ascii_slug_round_trips_in_the_zip() -> None:
    zf = open_zip(bundle_bytes(localized(slug="반도체-지원"), default_exporters()))
    assert "반도체-지원.en.po" in zf.namelist()


class Clash(Exporter):
    id = "clash"
    media_type = "text/plain"

    def __init__(self, name: str) -> None:
        self.name = name

    def filename(self, la: LocalizedArticle) -> str:
        return self.name

    def render(self, la: LocalizedArticle) -> bytes:
        return b"x"


@pytest.mark.parametrize("name", ["manifest.json", "article.html", "a/b.txt", "..", ""])
def test_bad_or_clashing_file_names_are_refused(name: str) -> None:
    exporters = [*default_exporters(), Clash(name)]
    with pytest.raises(ValueError, match="file name"):
        bundle_bytes(localized(), exporters)


def test_bundle_of_a_subset_of_exporters() -> None:
    registry = default_exporters()
    zf = open_zip(bundle_bytes(localized(), [registry.get("po"), registry.get("json")]))
    assert zf.namelist() == ["article.json", "chip-support-2024.en.po", "manifest.json"]


# -- registry --------------------------------------------------------------------------


def test_default_exporters() -> None:
    registry = default_exporters()
    assert registry.ids() == ["html", "json", "markdown", "po", "mo"]
    assert all(registry.get(i).id == i for i in registry.ids())
    assert default_exporters() is not registry  # built on demand, never at import time


def test_unknown_exporter_lists_what_exists() -> None:
    with pytest.raises(UnknownPlugin, match="html, json, markdown, mo, po"):
        default_exporters().get("docx")


def test_media_types() -> None:
    la = localized()
    by_id = {e.id: (e.filename(la), e.media_type) for e in default_exporters()}
    assert by_id["html"] == ("article.html", "text/html; charset=utf-8")
    assert by_id["json"] == ("article.json", "application/json")
    assert by_id["markdown"][0] == "article.md"


def test_export_does_not_import_the_web_stack() -> None:
    code = (
        "import sys, workflow.export, workflow.catalog.po, workflow.text.locales, workflow.files\n"
        "bad = [m for m in ('flask', 'werkzeug', 'jinja2', 'web') if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_localized_is_not_mutated() -> None:
    la = localized()
    copy = replace(la)
    bundle_bytes(la, default_exporters())
    assert la == copy
