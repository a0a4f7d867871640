"""In Chromium: an editor uploads an archive as two zips, drops a proposed pair, starts the
import and watches the job finish; then downloads the day's edition with the button."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from tests.web.conftest import Seeded
from tests.web.test_browser import log_in
from workflow import services
from workflow.jobs import BackgroundConsumer

pytestmark = pytest.mark.browser

TEXT = Path(__file__).resolve().parents[2] / "bench" / "data" / "align" / "text"


def zipped(side: str, numbers: tuple[int, ...]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for i in numbers:
            z.writestr(f"{side}{i}.txt", (TEXT / f"dev-{i:03d}.{side}.txt").read_bytes())
    return out.getvalue()


def test_archive_upload_and_edition_in_the_browser(
    app: Flask, seeded: Seeded, live_server: str, chromium: Any
) -> None:
    ctx = app.extensions["transdesk"]
    page = chromium.new_context(locale="en-US").new_page()
    try:
        log_in(page, live_server, "eddie")
        page.get_by_role("link", name="Archive").click()
        page.get_by_label("Korean originals (zip)").set_input_files(
            {"name": "ko.zip", "mimeType": "application/zip", "buffer": zipped("ko", (30, 31))}
        )
        page.get_by_label("English translations (zip)").set_input_files(
            {"name": "en.zip", "mimeType": "application/zip", "buffer": zipped("en", (31, 30))}
        )
        page.get_by_role("button", name="Upload and pair").click()
        page.wait_for_selector('[data-testid="archive-pairs"]')
        assert page.get_by_label("Translation of ko30.txt").input_value() == "en30.txt"
        assert page.get_by_label("Translation of ko31.txt").input_value() == "en31.txt"
        page.get_by_label("Translation of ko31.txt").select_option("")  # drop it
        with BackgroundConsumer(ctx.mt.huey):
            page.get_by_role("button", name="Import these pairs").click()
            page.wait_for_selector("section.job[data-finished='1']", timeout=60_000)
        assert page.locator('[data-field="state"]').inner_text() == "done"
        titles = {o.article.meta.title for o in services.list_articles(ctx)}
        assert "ko30" in titles and "ko31" not in titles

        page.get_by_role("link", name="Edition").click()
        page.get_by_label("Date", exact=True).fill("2015-04-29")
        with page.expect_download() as info:
            page.get_by_role("button", name="Download the edition").click()
        download = info.value
        assert download.suggested_filename == "edition-2015-04-29.en.zip"
        data = Path(download.path()).read_bytes()
        index = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("index.json"))
        assert [a["slug"] for a in index["articles"]] == [seeded.slug]
    finally:
        page.context.close()
