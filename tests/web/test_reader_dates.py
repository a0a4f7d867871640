"""Dates in the UI as a reader reads them: the UI language's form, KST, never seconds."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Flask
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


def test_ui_filters_write_kst_without_seconds(app: Flask) -> None:
    when = datetime(2015, 4, 30, 8, 24, 5, tzinfo=UTC)
    env = app.jinja_env
    with app.test_request_context(headers={"Accept-Language": "ko"}):
        assert env.from_string("{{ d|datetimeformat('short') }}").render(d=when) == (
            "15. 4. 30. 오후 5:24 KST"
        )
        assert env.from_string("{{ d|timeformat }}").render(d=when) == "오후 5:24 KST"
        assert env.from_string("{{ 12345|number }} {{ 0.5|percent }}").render() == "12,345 50%"
    with app.test_request_context(headers={"Accept-Language": "en"}):
        shown = env.from_string("{{ d|datetimeformat(\"yyyy-MM-dd'T'HH:mm\") }}").render(d=when)
        assert shown == "2015-04-30T17:24"  # the value of a datetime-local input, in KST
        assert env.from_string("{{ none|datetimeformat }}").render() == "—"
