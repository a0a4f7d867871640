"""Desks over HTTP and in the CLI: changing the id or slug in a URL never reaches another
desk's article (404, as for a missing one), and lists only show the user's desks."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import SAMPLES
from tests.support.fixtures import libretranslate_env
from tests.web.conftest import PASSWORD, Seeded, login, switch_user
from web.cli import main
from workflow import services
from workflow.services import Context

KO = SAMPLES / "hani-ko-689058-demo.txt"
EN = SAMPLES / "hani-en-689225.txt"


#: A machine-translation provider is configured, so MT routes get past "not configured".
env = libretranslate_env(timeout=2)


@dataclass(frozen=True)
class Desks:
    news: Seeded  # the sample pair on the news desk (tina, eddie and erin work on news)
    news_id: int
    title: str


@pytest.fixture
def desks(app: Flask, seeded: Seeded) -> Desks:
    """sam translates and sara edits for sports only; ada is an admin (desk: sports);
    "match" is an article of the sports desk; tina saved a segment of the news article."""
    ctx: Context = app.extensions["transdesk"]
    services.add_user(ctx, "sam", "translator", PASSWORD, desks="sports")
    services.add_user(ctx, "sara", "editor", PASSWORD, desks="sports")
    services.add_user(ctx, "ada", "admin", PASSWORD, desks="sports")
    services.import_article(
        ctx, KO.read_bytes(), source="match.txt", locale="ko", slug="match", desk_name="sports"
    )
    services.pair_translation(ctx, "match", EN.read_bytes(), source="match-en.txt", locale="en")
    tina = next(u for u in services.list_users(ctx) if u.name == "tina")
    services.save_translation(ctx, seeded.slug, "en", seeded.keys[3], "Tina", user_id=tina.id)
    article = services.get_article(ctx, seeded.slug)
    return Desks(news=seeded, news_id=article.id, title=article.meta.title)


def _requests(ref: str | int, key: str) -> list[tuple[str, str, dict[str, Any]]]:
    """Every page and action on one article × locale a logged-in user may try."""
    base = f"/articles/{ref}/en"
    seg = f"{base}/segments/{key}"
    return [
        ("GET", base, {}),
        ("GET", f"{seg}/history", {}),
        ("GET", f"{seg}/suggestions", {}),
        ("GET", f"{seg}/mt/libretranslate", {}),
        ("GET", f"{base}/catalog.po", {}),
        ("GET", f"{base}/bundle.zip", {}),
        ("GET", f"{base}/catalog?format=xliff2", {}),
        ("GET", f"{base}/upload", {}),
        ("GET", f"{base}/alignment", {}),
        ("POST", seg, {"text": "overwritten", "version": "1"}),
        ("POST", f"{seg}/comments", {"body": "hello"}),
        ("POST", f"{seg}/revert", {"to_version": "1"}),
        ("POST", f"{seg}/dismiss", {"check": "length", "reason": "fine"}),
        (
            "POST",
            f"{base}/upload",
            {"file": (io.BytesIO(b'msgid ""\nmsgstr ""\n'), "x.po"), "format": "po"},
        ),
    ]


def _editor_requests(ref: str | int, key: str) -> list[tuple[str, str, dict[str, Any]]]:
    """What only editors may do (a translator gets 403 for any article)."""
    base = f"/articles/{ref}/en"
    return [
        ("POST", f"{base}/approve", {}),
        ("POST", f"{base}/approve", {"key": key, "version": "1"}),
        ("POST", f"{base}/segments/{key}/reject", {"reason": "no"}),
        ("POST", f"{base}/publish", {}),
        ("POST", f"{base}/alignment", {"op": "target-down", "bead": "3", "revision": "1"}),
        ("POST", f"{base}/assign", {"translator": "sam"}),
        ("POST", f"{base}/pretranslate", {"provider": "libretranslate"}),
        ("GET", f"/articles/{ref}/pair", {}),
        ("GET", f"/articles/{ref}/update", {}),
        ("GET", f"/audit?article={ref}", {}),
    ]


def _send(client: FlaskClient, token: str, method: str, url: str, data: dict[str, Any]) -> Any:
    if method == "GET":
        return client.get(url)
    return client.post(url, data={"csrf_token": token, **data})


def _same_as_missing(body: str, ref: str | int, title: str) -> None:
    assert f"no article {str(ref)!r}" in body.replace("&#39;", "'")
    assert title not in body


@pytest.fixture(params=["slug", "id"])
def news_ref(request: pytest.FixtureRequest, desks: Desks) -> str | int:
    """The news article as the sports desk would name it: by slug, then by id."""
    return desks.news.slug if request.param == "slug" else desks.news_id


@contextmanager
def _news_untouched(app: Flask, desks: Desks) -> Iterator[Context]:
    """The desk's context; the news article's entries and revision must stay as they were."""
    ctx: Context = app.extensions["transdesk"]
    before = services.show_article(ctx, desks.news.slug, "en")
    yield ctx
    after = services.show_article(ctx, desks.news.slug, "en")
    assert after.entries == before.entries and after.revision == before.revision


def _all_missing(
    client: FlaskClient,
    token: str,
    requests: list[tuple[str, str, dict[str, Any]]],
    ref: str | int,
    title: str,
) -> None:
    for method, url, data in requests:
        r = _send(client, token, method, url, data)
        assert r.status_code == 404, (method, url, r.status_code)
        _same_as_missing(r.get_data(as_text=True), ref, title)


def test_a_sports_translator_gets_404_for_every_page_and_action_of_a_news_article(
    app: Flask, client: FlaskClient, desks: Desks, news_ref: str | int
) -> None:
    with _news_untouched(app, desks) as ctx:
        token = login(client, "sam")
        _all_missing(client, token, _requests(news_ref, desks.news.keys[3]), news_ref, desks.title)
        for method, url, data in _editor_requests(news_ref, desks.news.keys[3]):
            assert _send(client, token, method, url, data).status_code == 403, url
        # the same answer as for an article that does not exist
        missing = client.get("/articles/no-such-story/en")
        assert missing.status_code == 404
        assert "no article 'no-such-story'" in missing.get_data(as_text=True).replace("&#39;", "'")
    assert services.comments(ctx, desks.news.slug, "en") == {}


def test_a_sports_editor_gets_404_for_every_action_of_a_news_article(
    app: Flask, client: FlaskClient, desks: Desks, news_ref: str | int
) -> None:
    with _news_untouched(app, desks) as ctx:
        token = login(client, "sara")
        key = desks.news.keys[3]
        requests = _requests(news_ref, key) + _editor_requests(news_ref, key)
        _all_missing(client, token, requests, news_ref, desks.title)
    assert [w.translator for w in services.work_items(ctx)] == [None, None]


def test_a_job_on_another_desks_article_is_not_found(
    app: Flask, client: FlaskClient, desks: Desks
) -> None:
    token = login(client, "eddie")
    r = client.post(
        f"/articles/{desks.news.slug}/en/pretranslate",
        data={"csrf_token": token, "provider": "libretranslate"},
    )
    assert r.status_code == 302
    job = r.headers["Location"].split("/jobs/")[1].split("?")[0]
    assert client.get(f"/jobs/{job}.json").status_code == 200
    token = switch_user(client, token, "sara")
    for url in (f"/jobs/{job}", f"/jobs/{job}.json"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/jobs/{job}/cancel", data={"csrf_token": token}).status_code == 404
    ctx: Context = app.extensions["transdesk"]
    assert services.job_progress(ctx, job).state.value == "queued"  # not cancelled


def test_json_clients_get_the_same_404(client: FlaskClient, desks: Desks) -> None:
    login(client, "sam")
    r = client.get(
        f"/articles/{desks.news_id}/en/segments/{desks.news.keys[3]}/suggestions",
        headers={"Accept": "application/json"},
    )
    assert r.status_code == 404
    assert r.get_json() == {
        "error": "NotFound",
        "message": f"no article '{desks.news_id}' (give its id or slug)",
        "text": "This was not found: it may have been removed, or you may not see it.",
    }


def test_lists_show_only_the_users_desks(client: FlaskClient, desks: Desks) -> None:
    slug = desks.news.slug
    login(client, "sara")
    for page in ("/", "/review", "/my-work", "/dashboard", "/audit"):
        body = client.get(page).get_data(as_text=True)
        assert slug not in body, page  # (both articles have the same title)
    index = client.get("/").get_data(as_text=True)
    assert "match" in index and "sports" in index
    assert "match" in client.get("/review").get_data(as_text=True)
    assert "tina" not in client.get("/dashboard").get_data(as_text=True)  # her save is news


@pytest.mark.parametrize("who", ["eddie", "ada"])
def test_editors_of_the_desk_and_admins_see_and_act(
    client: FlaskClient, desks: Desks, who: str
) -> None:
    token = login(client, who)
    key = desks.news.keys[3]
    for ref in (desks.news.slug, desks.news_id):
        assert client.get(f"/articles/{ref}/en").status_code == 200
        assert client.get(f"/articles/{ref}/en/catalog.po").status_code == 200
        assert client.get(f"/articles/{ref}/en/alignment").status_code == 200
        assert client.get(f"/articles/{ref}/en/segments/{key}/history").status_code == 200
    r = client.post(f"/articles/{desks.news.slug}/en/approve", data={"csrf_token": token})
    assert r.status_code == 302
    index = client.get("/").get_data(as_text=True)
    assert desks.news.slug in index and ("match" in index) == (who == "ada")
    assert desks.news.slug in client.get("/audit").get_data(as_text=True)


def test_the_import_form_offers_the_users_desks(
    app: Flask, client: FlaskClient, desks: Desks
) -> None:
    ctx: Context = app.extensions["transdesk"]
    token = login(client, "sara")
    form = client.get("/articles/import").get_data(as_text=True)
    assert '<option value="sports">sports</option>' in form
    assert '<option value="news">' not in form

    def upload(where: str, slug: str) -> Any:
        data = {
            "csrf_token": token,
            "file": (io.BytesIO(KO.read_bytes()), KO.name),
            "locale": "ko",
            "slug": slug,
            "desk": where,
        }
        return client.post("/articles/import", data=data)

    assert upload("news", "elsewhere").status_code == 403
    assert upload("Bad Desk", "bad").status_code == 400
    assert upload("sports", "derby").status_code == 302
    assert services.get_article(ctx, "derby").desk == "sports"
    assert "derby" in client.get("/").get_data(as_text=True)


# --- the CLI is the operator on the server: every desk ------------------------------------


def _cli(runner: CliRunner, *args: str, ok: bool = True, **kwargs: Any) -> Any:
    result = runner.invoke(main, list(args), **kwargs)
    if ok:
        assert result.exit_code == 0, (args, result.output, result.stderr, result.exception)
    return result


def test_cli_manages_desks_and_sees_every_article(runner: CliRunner) -> None:
    _cli(runner, "init")
    env = {"TRANSDESK_PASSWORD": PASSWORD}
    out = _cli(runner, "users", "add", "sam", "--role", "translator", "--desks", "sports", env=env)
    assert "sports" in out.stdout
    _cli(runner, "users", "add", "nick", "--role", "translator", env=env)
    bad = _cli(
        runner, "users", "add", "bo", "--role", "editor", "--desks", "No!", env=env, ok=False
    )
    assert bad.exit_code != 0 and "desk" in bad.output + bad.stderr

    imported = json.loads(
        _cli(
            runner, "articles", "import", str(KO), "--locale", "ko", "--desk", "sports", "--json"
        ).stdout
    )
    assert imported["desk"] == "sports"
    unknown = _cli(
        runner, "articles", "import", str(KO), "--locale", "ko", "--desk", "weather", ok=False
    )
    assert unknown.exit_code != 0 and "weather" in unknown.output + unknown.stderr
    _cli(runner, "articles", "import", str(KO), "--locale", "ko", "--slug", "story")
    listed = json.loads(_cli(runner, "articles", "list", "--json").stdout)
    assert {(a["slug"], a["desk"]) for a in listed} == {
        (imported["slug"], "sports"),
        ("story", "news"),
    }

    changed = _cli(runner, "users", "desks", "nick", "news,sports")
    assert "news, sports" in changed.stdout
    missing = _cli(runner, "users", "desks", "nobody", "news", ok=False)
    assert missing.exit_code != 0
