"""A locale outside TRANSDESK_TARGET_LOCALES is a clear 400 (exit 2) naming it and the allowed
ones, in the browser, the API and the CLI; it never shows up in the article list."""

from __future__ import annotations

from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import Seeded, login
from tests.web.test_cli import EN, cli
from workflow import services


def test_a_save_cannot_create_a_locale(app: Flask, client: FlaskClient, seeded: Seeded) -> None:
    token = login(client, "tina")
    for locale in ("zu", "en_US_POSIX", "ko_KP"):
        r = client.post(
            f"/articles/{seeded.slug}/{locale}/segments/title",
            data={"csrf_token": token, "text": "Sawubona"},
        )
        assert r.status_code == 400, locale
        page = r.get_data(as_text=True)
        assert locale in page and "target locales: en" in page
    comment = client.post(
        f"/articles/{seeded.slug}/zu/segments/title/comments",
        data={"csrf_token": token, "body": "hello"},
    )
    assert comment.status_code == 400
    (overview,) = services.list_articles(app.extensions["transdesk"])
    assert [p.locale for p in overview.locales] == ["en"]
    assert "/zu" not in client.get("/").get_data(as_text=True)


def test_the_api_refuses_a_pairing_into_another_locale(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    made = services.create_token(app.extensions["transdesk"], "eddie", "CMS", ("articles:write",))
    r = client.post(
        f"/api/v1/articles/{seeded.slug}/translations",
        json={"content": EN.read_text("utf-8"), "filename": "en.txt", "locale": "ko_KP"},
        headers={"Authorization": f"Bearer {made.secret}"},
    )
    assert r.status_code == 400
    body = r.get_json()
    assert body["error"] == "UnknownLocale"
    assert "'ko_KP'" in body["message"] and "target locales: en" in body["message"]


def test_the_cli_refuses_another_locale_with_exit_2(runner: CliRunner, seeded: Seeded) -> None:
    refused = cli(
        runner, "translate", seeded.slug, "zu", "title", "Sawubona", "--as", "tina", ok=False
    )
    assert refused.exit_code == 2
    assert (
        "'zu' is not a target locale" in refused.stderr and "target locales: en" in refused.stderr
    )
    paired = cli(runner, "articles", "pair", seeded.slug, str(EN), "--locale", "ko_KP", ok=False)
    assert paired.exit_code == 2 and "original's language" in paired.stderr
