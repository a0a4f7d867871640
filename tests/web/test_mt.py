"""Machine translation end to end against a LibreTranslate-compatible server on 127.0.0.1,
through deep-translator's own LibreTranslator: suggestions, batch jobs, embargo, failures."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from tests.support.fixtures import libretranslate_env
from tests.support.libretranslate import FakeLibreTranslate
from tests.web.conftest import Seeded, login
from tests.web.test_cli import KO, cli, cli_json
from workflow import services
from workflow.bootstrap import build_context
from workflow.settings import Settings

REDIS_URL = "redis://127.0.0.1:6379/14"


env = libretranslate_env(timeout=2, TRANSDESK_MT_LIBRETRANSLATE_KEY="secret-key-123")


@pytest.fixture(params=["sqlite", "redis"])
def storage(
    request: pytest.FixtureRequest, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    if request.param == "redis":
        client = redis.Redis.from_url(REDIS_URL)
        try:
            client.ping()
        except redis.ConnectionError:
            client.close()
            if os.environ.get("CI") == "true":
                pytest.fail("Redis on 127.0.0.1:6379 is required on CI")
            pytest.skip("Redis not reachable on 127.0.0.1:6379")
        client.flushdb()
        monkeypatch.setenv("TRANSDESK_REDIS_URL", REDIS_URL)
        env["TRANSDESK_REDIS_URL"] = REDIS_URL
        yield "redis"
        client.flushdb()
        client.close()
        return
    yield "sqlite"


def imported(runner: CliRunner) -> str:
    cli(runner, "init")
    cli(runner, "articles", "import", str(KO), "--locale", "ko", "--slug", "hani")
    return "hani"


def test_batch_pretranslation_fills_needs_edit_on_both_storages(
    storage: str, env: dict[str, str], libretranslate: FakeLibreTranslate
) -> None:
    runner = CliRunner(env=env)
    slug = imported(runner)
    result = cli(
        runner, "mt", "pretranslate", slug, "en", "--provider", "libretranslate", "--wait", "--json"
    )
    progress = json.loads(result.stdout)
    assert progress["state"] == "done" and progress["done"] == progress["total"] == 22
    segments = cli_json(runner, "articles", "show", slug, "--locale", "en")["segments"]
    assert {s["state"] for s in segments} == {"needs_edit"}
    assert segments[0]["target"].startswith("EN: ")
    assert all(r.params.get("api_key") == "secret-key-123" for r in libretranslate.translations)
    # Placeholders and numbers travel protected and come back as they were.
    assert "28" in segments[4]["target"]
    # Running it again has nothing left to fill: MT never overwrites.
    again = cli(
        runner, "mt", "pretranslate", slug, "en", "--provider", "libretranslate", "--wait", "--json"
    )
    assert json.loads(again.stdout)["total"] == 0


def test_a_failing_provider_changes_nothing_and_says_why(
    env: dict[str, str], libretranslate: FakeLibreTranslate
) -> None:
    runner = CliRunner(env=env)
    slug = imported(runner)
    libretranslate.behave("status", status=500)
    result = cli(
        runner,
        "mt",
        "pretranslate",
        slug,
        "en",
        "--provider",
        "libretranslate",
        "--wait",
        "--json",
        ok=False,
    )
    assert result.exit_code == 1
    progress = json.loads(result.stdout)
    assert progress["state"] == "failed" and "failed on every segment" in progress["message"]
    assert "secret-key-123" not in result.output + result.stderr
    segments = cli_json(runner, "articles", "show", slug, "--locale", "en")["segments"]
    assert {s["state"] for s in segments} == {"empty"}


def test_an_embargoed_article_never_goes_out(
    env: dict[str, str], libretranslate: FakeLibreTranslate
) -> None:
    runner = CliRunner(env=env)
    slug = imported(runner)
    cli(runner, "articles", "embargo", slug, "--on")
    result = cli(runner, "mt", "pretranslate", slug, "en", "--provider", "libretranslate", ok=False)
    assert result.exit_code == 2 and "embargoed" in result.stderr
    assert libretranslate.translations == []


def test_unknown_provider_lists_the_configured(env: dict[str, str]) -> None:
    runner = CliRunner(env=env)
    slug = imported(runner)
    result = cli(runner, "mt", "pretranslate", slug, "en", "--provider", "deepl", ok=False)
    assert result.exit_code == 2 and "configured: libretranslate" in result.stderr


def test_suggestions_in_the_editor(
    app: Flask, client: FlaskClient, seeded: Seeded, libretranslate: FakeLibreTranslate
) -> None:
    login(client, "tina")
    page = client.get(f"/articles/{seeded.slug}/en").get_data(as_text=True)
    assert 'data-providers="libretranslate"' in page
    url = f"/articles/{seeded.slug}/en/segments/{seeded.keys[2]}/mt/libretranslate"
    r = client.get(url)
    assert r.status_code == 200 and r.get_json()["text"].startswith("EN: ")
    libretranslate.behave("echo", delay=3)
    slow = client.get(f"/articles/{seeded.slug}/en/segments/{seeded.keys[3]}/mt/libretranslate")
    assert slow.status_code == 504
    services.set_embargo(app.extensions["transdesk"], seeded.slug, True)
    refused = client.get(
        f"/articles/{seeded.slug}/en/segments/{seeded.keys[5]}/mt/libretranslate",
        headers={"Accept": "application/json"},
    )
    assert refused.status_code == 403 and "embargoed" in refused.get_json()["message"]


def test_pretranslate_from_the_browser_and_follow_the_job(
    app: Flask, client: FlaskClient, seeded: Seeded, libretranslate: Any
) -> None:
    desk = app.extensions["transdesk"]
    eddie = next(u for u in services.list_users(desk) if u.name == "eddie")
    services.reject(desk, seeded.slug, "en", seeded.keys[2], "redo", user_id=eddie.id)
    token = login(client, "eddie")
    r = client.post(
        f"/articles/{seeded.slug}/en/pretranslate",
        data={"csrf_token": token, "provider": "libretranslate"},
    )
    assert r.status_code == 302 and "/jobs/" in r.headers["Location"]
    job = r.headers["Location"].split("/jobs/")[1].split("?")[0]
    assert client.get(f"/jobs/{job}.json").get_json()["state"] == "queued"
    assert "progress" in client.get(r.headers["Location"]).get_data(as_text=True)
    cancelled = client.post(f"/jobs/{job}/cancel", data={"csrf_token": token})
    assert cancelled.status_code == 302
    assert client.get("/jobs/nope.json").status_code == 404


def test_a_pretranslation_started_as_a_user_is_theirs(env: dict[str, str]) -> None:
    runner = CliRunner(env=env)
    slug = imported(runner)
    cli(runner, "users", "add", "eddie", "--role", "editor", env={"TRANSDESK_PASSWORD": "x" * 20})
    pretranslate = ("mt", "pretranslate", slug, "en", "--provider", "libretranslate", "--wait")
    cli(runner, *pretranslate, "--as", "eddie")
    desk = build_context(Settings.from_env(env))
    try:
        la = services.show_article(desk, slug, "en")
        history = services.segment_history(desk, slug, "en", la.entries[0].segment.key)
    finally:
        desk.close()
    assert {e.translation.updated_by for e in la.entries} == {"eddie"}
    assert (history.revisions[-1].action, history.revisions[-1].user) == ("mt", "eddie")
