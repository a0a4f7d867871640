"""The edition button: an editor downloads the day's edition; a bad date is a clear 400."""

from __future__ import annotations

import io
import json
import zipfile

from flask.testing import FlaskClient

from tests.web.conftest import Seeded, login


def test_an_editor_downloads_the_days_edition(client: FlaskClient, seeded: Seeded) -> None:
    token = login(client, "eddie")
    page = client.get("/").get_data(as_text=True)
    assert 'href="/edition"' in page
    form = client.get("/edition").get_data(as_text=True)
    assert 'name="date"' in form and '<option value="en">' in form
    # the sample original was posted 2015-04-29 (KST); its English is not published
    r = client.post("/edition", data={"locale": "en", "date": "2015-04-29", "csrf_token": token})
    assert r.status_code == 200
    assert r.headers["Content-Disposition"] == 'attachment; filename="edition-2015-04-29.en.zip"'
    index = json.loads(zipfile.ZipFile(io.BytesIO(r.data)).read("index.json"))
    assert [(a["slug"], a["missing"]) for a in index["articles"]] == [(seeded.slug, True)]
    bad = client.post("/edition", data={"locale": "en", "date": "29/04", "csrf_token": token})
    assert bad.status_code == 400
    assert "YYYY-MM-DD" in bad.get_data(as_text=True)


def test_translators_do_not_see_the_edition(client: FlaskClient, seeded: Seeded) -> None:
    login(client, "tina")
    assert 'href="/edition"' not in client.get("/").get_data(as_text=True)
    assert client.get("/edition").status_code == 403
