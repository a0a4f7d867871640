"""Control characters and over-long text over HTTP and the CLI: a 400 (exit 2) naming the
field, never a 500 and never a stored text; JSON escapes (``\\u0000``, a lone ``\\ud800``)
included."""

from __future__ import annotations

import json

from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import Seeded, login, upload
from tests.web.test_cli import EN, cli
from workflow import services


def title(app: Flask, slug: str) -> str:
    return (
        services.show_article(app.extensions["transdesk"], slug, "en").entries[0].translation.text
    )


def test_the_editor_refuses_a_nul_and_the_xliff_export_still_works(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    before = title(app, seeded.slug)
    token = login(client, "tina")
    r = client.post(
        f"/articles/{seeded.slug}/en/segments/title",
        data={"csrf_token": token, "text": "Evil\x00title", "version": "1"},
    )
    assert r.status_code == 400
    assert "field &#39;text&#39;: control character U+0000" in r.get_data(as_text=True)
    assert title(app, seeded.slug) == before
    xliff = client.get(f"/articles/{seeded.slug}/en/catalog?format=xliff2")
    assert xliff.status_code == 200


def test_an_upload_with_a_control_character_names_the_line(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    token = login(client, "tina")
    po = client.get(f"/articles/{seeded.slug}/en/catalog.po").get_data(as_text=True)
    bad = po.replace(f'msgstr "{title(app, seeded.slug)}"', 'msgstr "Bell\x07"', 1)
    r = upload(client, f"/articles/{seeded.slug}/en/upload", token, bad.encode(), "x.po")
    assert r.status_code == 400
    page = r.get_data(as_text=True)
    assert "x.po, line " in page and "entry &#39;title&#39;" in page and "U+0007" in page


def test_the_api_refuses_json_escapes_that_are_not_text(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    made = services.create_token(app.extensions["transdesk"], "eddie", "CMS", ("articles:write",))
    headers = {"Authorization": f"Bearer {made.secret}", "Content-Type": "application/json"}
    content = json.dumps(EN.read_text("utf-8"))[1:-1]
    for body, field, code in (
        (f'{{"content": "{content}\\ud800", "filename": "en.txt", "locale": "en"}}',
         "content", "U+D800"),
        (f'{{"content": "{content}", "filename": "en\\u0000.txt", "locale": "en"}}',
         "filename", "U+0000"),
        ('{"content": "x", "filename": "en.txt", "locale": "en\\u0085"}', "locale", "U+0085"),
    ):  # fmt: skip
        r = client.post(f"/api/v1/articles/{seeded.slug}/translations", data=body, headers=headers)
        assert r.status_code == 400, r.get_data(as_text=True)
        message = r.get_json()["message"]
        assert f"field '{field}'" in message and code in message


def test_the_cli_refuses_a_control_character_with_exit_2(runner: CliRunner, seeded: Seeded) -> None:
    refused = cli(
        runner, "translate", seeded.slug, "en", "title", "a\x1bb", "--as", "tina", ok=False
    )
    assert refused.exit_code == 2 and "control character U+001B" in refused.stderr
    long = cli(
        runner, "translate", seeded.slug, "en", "title", "x" * 20_001, "--as", "tina", ok=False
    )
    assert long.exit_code == 2 and "the limit is 20,000" in long.stderr
