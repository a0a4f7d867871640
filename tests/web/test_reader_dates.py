"""Dates in the UI as a reader reads them: the UI language's form, KST, never seconds."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.web.conftest import Seeded, login


def test_editor_header_dates_in_english_and_in_korean(client: FlaskClient, seeded: Seeded) -> None:
    token = login(client, "tina")
    page = client.get(f"/articles/{seeded.slug}/en").get_data(as_text=True)
    # The sample was posted 2015-04-29 19:34 KST and modified 2019-10-20 09:12 KST.
    assert "Apr 29, 2015, 7:34\u202fPM KST" in page
    assert "Oct 20, 2019, 9:12\u202fAM KST" in page
    assert "7:34:00" not in page  # never seconds

    client.post("/language", data={"lang": "ko", "csrf_token": token, "next": "/"})
    page = client.get(f"/articles/{seeded.slug}/en").get_data(as_text=True)
    assert "2015. 4. 29. 오후 7:34 KST" in page
