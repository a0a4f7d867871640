"""A real plain-text news article (alignment dev data) through the service, the CLI and the
import form: no guessed headline; the title is asked for, or the import refused, nothing stored."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import login, upload
from web.cli import main
from workflow import services

TEXT = Path(__file__).resolve().parents[2] / "bench" / "data" / "align" / "text"
KO = TEXT / "dev-000.ko.txt"
FIRST = "세계 에서 가장 강력한 수퍼컴퓨터를"


def test_cli_refuses_without_title_and_imports_with_it(runner: CliRunner) -> None:
    assert runner.invoke(main, ["init"]).exit_code == 0
    refused = runner.invoke(main, ["articles", "import", str(KO), "--locale", "ko"])
    assert refused.exit_code != 0
    assert "dev-000.ko.txt, field 'title': the file has no headline" in refused.stderr
    assert "--title" in refused.stderr
    listed = runner.invoke(main, ["articles", "list", "--json"])
    assert json.loads(listed.stdout) == []

    args = ["articles", "import", str(KO), "--locale", "ko", "--title", "수퍼컴퓨터", "--json"]
    done = runner.invoke(main, args)
    assert done.exit_code == 0, done.stderr
    imported = json.loads(done.stdout)
    assert imported["title"] == "수퍼컴퓨터"
    shown = runner.invoke(main, ["articles", "show", str(imported["id"]), "--json"])
    segments = json.loads(shown.stdout)["segments"]
    assert segments[0]["kind"] == "title" and segments[0]["source"] == "수퍼컴퓨터"
    assert segments[1]["kind"] == "body" and segments[1]["source"].startswith(FIRST)


def test_form_asks_for_the_missing_title(app: Flask, client: FlaskClient) -> None:
    desk = app.extensions["transdesk"]
    services.add_user(desk, "eddie", "editor", "correct horse battery staple")
    token = login(client, "eddie")
    form = {"locale": "ko", "format": "plain-text"}
    r = upload(client, "/articles/import", token, KO.read_bytes(), KO.name, **form)
    assert r.status_code == 400
    page = r.get_data(as_text=True)
    assert "dev-000.ko.txt has no headline" in page
    assert 'name="title" value="" required autofocus' in page
    assert '<option value="plain-text" selected>' in page
    assert not services.list_articles(desk)

    r = upload(
        client, "/articles/import", token, KO.read_bytes(), KO.name, **form, title="수퍼컴퓨터"
    )
    assert r.status_code == 302
    (overview,) = services.list_articles(desk)
    assert overview.article.meta.title == "수퍼컴퓨터"
