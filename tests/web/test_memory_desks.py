"""The editor's suggestions panel keeps to the user's desks (issue 12, item 8): the sports
translator who gets 404 on the news story gets none of its English from the memory."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import PASSWORD, login
from tests.web.test_cli import cli, cli_json
from workflow import services
from workflow.services import Context

SHARED_KO, SHARED_EN = "양국 정상은 오늘 회담을 열었다.", "The two leaders held talks today."


def article(title: str, body: list[str]) -> bytes:
    return json.dumps({"title": title, "body": body}, ensure_ascii=False).encode()


def test_the_suggestions_panel_keeps_to_the_users_desks(app: Flask, client: FlaskClient) -> None:
    ctx: Context = app.extensions["transdesk"]
    services.add_user(ctx, "sam", "translator", PASSWORD, desks="sports")
    services.add_user(ctx, "eddie", "editor", PASSWORD, desks="news,sports")
    services.import_article(
        ctx, article("뉴스", [SHARED_KO]), source="n.json", locale="ko", slug="news-a"
    )
    services.pair_translation(
        ctx, "news-a", article("News", [SHARED_EN]), source="n.en.json", locale="en"
    )
    services.import_article(
        ctx,
        article("스포츠", [SHARED_KO, "선수들이 입장했다."]),
        source="s.json",
        locale="ko",
        slug="sports-a",
        desk_name="sports",
    )
    la = services.show_article(ctx, "sports-a", "en")
    key = next(e.segment.key for e in la.entries if e.segment.source == SHARED_KO)
    other = la.entries[-1].segment.key
    sam = next(u.id for u in services.list_users(ctx) if u.name == "sam")
    services.save_translation(ctx, "sports-a", "en", other, "The players came in.", user_id=sam)
    url = f"/articles/sports-a/en/segments/{key}/suggestions"

    login(client, "sam")
    assert client.get("/articles/news-a/en").status_code == 404
    answer = client.get(url)
    assert answer.status_code == 200
    assert SHARED_EN not in answer.get_data(as_text=True)
    assert answer.get_json() == {"memory": [], "warming": False}  # the memory is all read

    editor = app.test_client()
    login(editor, "eddie")
    assert [m["target"] for m in editor.get(url).get_json()["memory"]] == [SHARED_EN]


def test_tmx_import_on_the_cli_names_a_desk(app: Flask, runner: CliRunner, tmp_path: Path) -> None:
    ctx: Context = app.extensions["transdesk"]
    sam = services.add_user(ctx, "sam", "translator", PASSWORD, desks="sports").id
    nick = services.add_user(ctx, "nick", "translator", PASSWORD, desks="news").id
    tmx = tmp_path / "sports.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="ko"'
        ' datatype="plaintext" segtype="sentence" adminlang="en" creationtool="t"'
        ' creationtoolversion="1" o-tmf="none"/><body><tu><tuv xml:lang="ko"><seg>'
        f'{SHARED_KO}</seg></tuv><tuv xml:lang="en"><seg>{SHARED_EN}</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )
    assert cli(runner, "tm", "import", str(tmx), "--desk", "sports").stdout == "Imported 1 units\n"
    assert [h.target for h in services.tm_search(ctx, SHARED_KO, user_id=sam)] == [SHARED_EN]
    assert services.tm_search(ctx, SHARED_KO, user_id=nick) == []
    assert [h["target"] for h in cli_json(runner, "tm", "search", SHARED_KO)] == [SHARED_EN]
    bad = cli(runner, "tm", "import", str(tmx), "--desk", "Sports!", ok=False)
    assert bad.exit_code == 2 and "desk 'Sports!'" in bad.stderr
