"""Catalog upload and download in the browser's forms: merge report, conflict resolution."""

from __future__ import annotations

import re

import polib
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import SAMPLES
from tests.web.conftest import Seeded, login, upload
from workflow import services


def post_file(client: FlaskClient, url: str, token: str, data: bytes, name: str) -> str:
    r = upload(client, url, token, data, name)
    return f"{r.status_code} {r.get_data(as_text=True)}"


def test_download_formats(client: FlaskClient, seeded: Seeded) -> None:
    login(client, "tina")
    base = f"/articles/{seeded.slug}/en/catalog"
    po = client.get(base)
    assert po.headers["Content-Type"].startswith("text/x-gettext-translation")
    assert "X-Transdesk-Revision: 1" in po.get_data(as_text=True)
    for fmt, version in (("xliff2", 'version="2.0"'), ("xliff12", 'version="1.2"')):
        r = client.get(f"{base}?format={fmt}")
        assert r.status_code == 200 and version in r.get_data(as_text=True)
        assert r.headers["Content-Disposition"].endswith('.xlf"')
    assert client.get(f"{base}?format=docx").status_code == 400


def test_upload_reports_a_conflict_and_lets_the_user_resolve_it(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    desk = app.extensions["transdesk"]
    token = login(client, "tina")
    catalog = polib.pofile(client.get(f"/articles/{seeded.slug}/en/catalog").get_data(as_text=True))
    key = catalog[2].msgctxt
    eddie = next(u for u in services.list_users(desk) if u.name == "eddie")
    services.save_translation(desk, seeded.slug, "en", key, "Editor's version.", user_id=eddie.id)
    catalog[2].msgstr = "Translator's offline version."
    catalog[3].msgstr = "Applied cleanly."
    page = post_file(
        client, f"/articles/{seeded.slug}/en/upload", token, str(catalog).encode(), "mine.po"
    )
    assert page.startswith("200")
    assert "1 applied, 20 unchanged, 1 conflicts, 0 unknown." in page
    assert "Editor&#39;s version." in page and "Translator&#39;s offline version." in page
    [seg] = [
        e.segment
        for e in services.show_article(desk, seeded.slug, "en").entries
        if e.segment.key == key
    ]
    heading = page.split('data-key="' + key)[1].split("</h2>")[0]
    assert f"¶{seg.paragraph} sentence {seg.sentence}" in heading  # as the editor names it
    version = re.search(r'name="version" value="(\d+)"', page.split('data-key="' + key)[1])
    assert version is not None
    merged = "Translator's offline version, checked with the editor."
    r = client.post(
        f"/articles/{seeded.slug}/en/segments/{key}",
        data={"csrf_token": token, "text": merged, "version": version.group(1)},
    )
    assert r.status_code == 302
    entries = {e.segment.key: e for e in services.show_article(desk, seeded.slug, "en").entries}
    assert entries[key].translation.text == merged
    assert entries[catalog[3].msgctxt].translation.text == "Applied cleanly."


def test_a_bad_upload_is_a_400_and_applies_nothing(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    token = login(client, "tina")
    text = client.get(f"/articles/{seeded.slug}/en/catalog").get_data(as_text=True)
    bad = text.replace("Language: en", "Language: ko").replace(
        'msgstr "US and Japan', 'msgstr "Changed US and Japan'
    )
    page = post_file(client, f"/articles/{seeded.slug}/en/upload", token, bad.encode(), "x.po")
    assert page.startswith("400") and "x.po" in page and "Language" in page
    la = services.show_article(app.extensions["transdesk"], seeded.slug, "en")
    assert all(e.translation.version == 1 for e in la.entries)


def test_corrected_original_through_the_browser(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    token = login(client, "eddie")
    text = (SAMPLES / "hani-ko-689058-demo.txt").read_text()
    corrected = text.replace("이로써 한국은 부상하는", "이로써 한국은 급부상하는")
    page = post_file(client, f"/articles/{seeded.slug}/update", token, corrected.encode(), "k.txt")
    assert page.startswith("302")
    view = client.get(f"/articles/{seeded.slug}/en").get_data(as_text=True)
    assert "The original changed:" in view
    assert "<ins>급부상하는</ins>" in view or "<ins>급부상하는" in view
    la = services.show_article(app.extensions["transdesk"], seeded.slug, "en")
    assert [e.translation.state.label for e in la.entries].count("needs_edit") == 1


def test_translators_cannot_replace_the_original(client: FlaskClient, seeded: Seeded) -> None:
    token = login(client, "tina")
    page = post_file(client, f"/articles/{seeded.slug}/update", token, b"x", "k.txt")
    assert page.startswith("403")
