"""The CMS's JSON API: bearer tokens, scopes, the same rules as the browser, the webhook."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openapi_spec_validator import validate

from tests.conftest import SAMPLES
from tests.support.webhook import WebhookReceiver
from tests.web.conftest import PASSWORD, Seeded, login
from workflow import services
from workflow.jobs import BackgroundConsumer
from workflow.security import webhooks
from workflow.services import Context
from workflow.services.webhooks import DeliveryFailed

SECRET = "whsec-0123456789abcdef0123"
KO = (SAMPLES / "hani-ko-689058-demo.txt").read_text("utf-8")
EN = (SAMPLES / "hani-en-689225.txt").read_text("utf-8")


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    with WebhookReceiver() as r:
        yield r


@pytest.fixture
def env(
    env: dict[str, str], receiver: WebhookReceiver, monkeypatch: pytest.MonkeyPatch
) -> dict[str, str]:
    extra = {"TRANSDESK_WEBHOOK_URL": receiver.url, "TRANSDESK_WEBHOOK_SECRET": SECRET}
    for key, value in extra.items():
        monkeypatch.setenv(key, value)
    return env | extra


def _desk(app: Flask) -> Context:
    return app.extensions["transdesk"]  # type: ignore[no-any-return]


def token(app: Flask, owner: str, *scopes: str) -> dict[str, str]:
    scopes = scopes or ("articles:read", "articles:write", "articles:publish")
    made = services.create_token(_desk(app), owner, "CMS", scopes)
    return {"Authorization": f"Bearer {made.secret}"}


def test_the_openapi_document_is_valid_and_covers_every_route(
    app: Flask, client: FlaskClient
) -> None:
    doc = client.get("/api/openapi.json").get_json()
    validate(doc)
    documented = {(path, method.upper()) for path, ops in doc["paths"].items() for method in ops}
    routed = {
        (rule.rule.replace("<", "{").replace(">", "}"), method)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/")
        for method in rule.methods or ()
        if method not in ("HEAD", "OPTIONS")
    }
    assert routed == documented


def test_no_valid_token_no_entry(app: Flask, client: FlaskClient, seeded: Seeded) -> None:
    bare = client.get("/api/v1/articles")
    assert bare.status_code == 401
    assert bare.headers["WWW-Authenticate"].startswith("Bearer")
    assert bare.get_json()["error"] == "Unauthorized"
    wrong = client.get("/api/v1/articles", headers={"Authorization": "Bearer tdk_" + "x" * 43})
    assert wrong.status_code == 401
    assert 'error="invalid_token"' in wrong.headers["WWW-Authenticate"]
    # A logged-in browser session is not an API credential.
    login(client, "eddie")
    assert client.get("/api/v1/articles").status_code == 401


def test_tokens_are_stored_hashed_and_scoped(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    made = services.create_token(_desk(app), "eddie", "reader", ("articles:read",))
    with _desk(app).db.transaction(write=False) as conn:
        stored = conn.exec_driver_sql("SELECT token_hash, prefix FROM api_tokens").all()
    assert made.secret not in repr(stored)
    assert stored[0][0] == hashlib.sha256(made.secret.encode()).hexdigest()
    headers = {"Authorization": f"Bearer {made.secret}"}
    assert client.get("/api/v1/articles", headers=headers).status_code == 200
    refused = client.post("/api/v1/articles", headers=headers, json={"content": KO, "locale": "ko"})
    assert refused.status_code == 403
    assert "articles:write" in refused.get_json()["message"]


def test_revoked_disabled_and_password_changes_end_tokens(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    ctx = _desk(app)
    headers = token(app, "eddie")
    assert client.get("/api/v1/articles", headers=headers).status_code == 200
    services.change_password(ctx, _uid(app, "eddie"), PASSWORD, "a fresh passphrase for the desk")
    assert client.get("/api/v1/articles", headers=headers).status_code == 401
    headers = token(app, "erin")
    services.set_active(ctx, "erin", False)
    assert client.get("/api/v1/articles", headers=headers).status_code == 401
    headers = token(app, "tina")
    tid = services.list_tokens(ctx, user_id=_uid(app, "tina"))[0].id
    services.revoke_token(ctx, tid)
    assert client.get("/api/v1/articles", headers=headers).status_code == 401


def _uid(app: Flask, name: str) -> int:
    return next(u.id for u in services.list_users(_desk(app)) if u.name == name)


def test_the_cms_imports_pairs_follows_publishes_and_downloads(
    app: Flask, client: FlaskClient, seeded: Seeded, receiver: WebhookReceiver
) -> None:
    ctx = _desk(app)
    cms = token(app, "eddie")
    made = client.post(
        "/api/v1/articles",
        headers=cms,
        json={"content": KO, "filename": "hani-ko-689058.txt", "locale": "ko", "slug": "api-one"},
    )
    assert made.status_code == 201, made.get_json()
    assert made.headers["Location"].endswith("/api/v1/articles/api-one")
    assert made.get_json()["title"].startswith("미·일")
    paired = client.post(
        "/api/v1/articles/api-one/translations",
        headers=cms,
        json={"content": EN, "filename": "hani-en-689225.txt", "locale": "en"},
    )
    assert paired.status_code == 201, paired.get_json()
    assert paired.get_json()["prefilled"] == 22
    # The seeded copy of this pair is in the memory, but only as the aligner's own guesses
    # ("aligned"): those are no evidence for aligning it again.
    assert paired.get_json()["evidence"] == {
        "glossary_terms": 0,
        "memory_matches": 0,
        "machine_translations": 0,
        "machine_translation_error": None,
    }
    status = client.get("/api/v1/articles/api-one/en", headers=cms).get_json()
    assert status["state"] == "in_review"
    assert status["counts"]["translated"] == 22
    # The publish gate holds for the API too: nothing is approved yet.
    blocked = client.post("/api/v1/articles/api-one/en/publish", headers=cms)
    assert blocked.status_code == 409
    assert "not approved" in blocked.get_json()["message"]
    # A translator's token cannot publish, whatever its scopes.
    tina = token(app, "tina")
    assert client.post("/api/v1/articles/api-one/en/publish", headers=tina).status_code == 403
    # Nor import: translators do not import in the browser either.
    imported = client.post("/api/v1/articles", headers=tina, json={"content": KO, "locale": "ko"})
    assert imported.status_code == 403
    services.approve(ctx, "api-one", "en", None, user_id=_uid(app, "erin"))
    with BackgroundConsumer(ctx.mt.huey, workers=1):
        published = client.post("/api/v1/articles/api-one/en/publish", headers=cms)
        assert published.status_code == 200, published.get_json()
        for _ in range(100):
            if receiver.received:
                break
            time.sleep(0.05)
    assert published.get_json()["state"] == "published"
    bundle = client.get(published.get_json()["bundle"], headers=cms)
    assert bundle.status_code == 200
    assert bundle.data == services.export_bundle(ctx, "api-one", "en").data
    # The webhook arrived, signed with the shared secret.
    (hook,) = receiver.received
    assert hook.headers["X-Transdesk-Event"] == "translation.published"
    assert webhooks.verify(
        SECRET, hook.headers["X-Transdesk-Signature"], hook.body, now=int(time.time())
    )
    assert not webhooks.verify(
        "another-secret-000000",
        hook.headers["X-Transdesk-Signature"],
        hook.body,
        now=int(time.time()),
    )
    event = json.loads(hook.body)
    assert event["data"]["article"] == "api-one"
    assert event["data"]["locale"] == "en"
    assert event["data"]["bundle"] == published.get_json()["bundle"]
    assert [d.status for d in services.list_deliveries(ctx)] == ["delivered"]


def test_bad_requests_say_what_and_where(app: Flask, client: FlaskClient, seeded: Seeded) -> None:
    cms = token(app, "eddie")
    not_json = client.post("/api/v1/articles", headers=cms, data="title=x")
    assert not_json.status_code == 400
    assert not_json.get_json()["message"].startswith("field 'body'")
    no_locale = client.post("/api/v1/articles", headers=cms, json={"content": KO})
    assert no_locale.status_code == 400
    assert "'locale'" in no_locale.get_json()["message"]
    wrong_type = client.post("/api/v1/articles", headers=cms, json={"content": 3, "locale": "ko"})
    assert wrong_type.status_code == 400
    assert "'content' must be a string" in wrong_type.get_json()["message"]
    empty = client.post("/api/v1/articles", headers=cms, json={"content": " ", "locale": "ko"})
    assert empty.status_code == 400
    missing = client.get("/api/v1/articles/no-such-article", headers=cms)
    assert missing.status_code == 404
    assert missing.get_json()["error"] == "NotFound"
    assert client.get("/api/v1/nothing-here", headers=cms).status_code == 404


def test_a_failed_webhook_is_kept_and_retried(
    app: Flask, seeded: Seeded, receiver: WebhookReceiver
) -> None:
    ctx = _desk(app)
    receiver.status = 503
    services.approve(ctx, seeded.slug, "en", None, user_id=_uid(app, "eddie"))
    services.publish(ctx, seeded.slug, "en", user_id=_uid(app, "erin"))
    (pending,) = services.list_deliveries(ctx)
    assert pending.status == "pending"
    with pytest.raises(DeliveryFailed, match="answered 503"):
        services.deliver(ctx, pending.id)
    receiver.status = 204
    assert services.deliver(ctx, pending.id).status == "delivered"
    (done,) = services.list_deliveries(ctx)
    assert (done.attempts, done.last_error) == (2, None)


def test_webhook_redirects_are_not_followed(receiver: WebhookReceiver) -> None:
    receiver.redirect = "http://169.254.169.254/latest/meta-data/"
    attempt = webhooks.post(
        receiver.url, b"{}", secret=SECRET, event="e", delivery_id=1, now=0, allowed=["127.0.0.1"]
    )
    assert (attempt.ok, attempt.status) == (False, 302)
    assert len(receiver.received) == 1
    refused = webhooks.post(receiver.url, b"{}", secret=SECRET, event="e", delivery_id=1, now=0)
    assert not refused.ok and "private or local" in (refused.error or "")
    assert len(receiver.received) == 1
