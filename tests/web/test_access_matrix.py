"""Who may do what, over every route of the app: anonymous, translator, editor and admin.

The expected table (``ACCESS``) has one row per endpoint name and one entry per method. The
test walks ``app.url_map``: a route without a row — a new view nobody classified — fails the
test with its name, and so does a row whose route is gone. URL arguments come from the
seeded article (slug, ``en``, a segment key), a glossary term, a queued job.

* ``PUBLIC``  — anyone, logged in or not (login, logout, language, static, /healthz);
* ``USER``    — any logged-in user; anonymous visitors are sent to /login (302);
* ``EDITOR``  — editors and admins; a translator gets 403, anonymous visitors /login;
* ``ADMIN``   — administrators only; translators and editors get 403;
* ``TOKEN_USER``, ``TOKEN_EDITOR`` — the JSON API (/api/): a bearer token only. Without one
  the answer is 401, for anonymous visitors and for a browser session cookie alike (web/api.py
  takes no cookie, so it needs no CSRF token); with one, the token's owner's role counts as
  for USER and EDITOR pages.

"Allowed" means: not 401/403, not a redirect to /login, not refused for its CSRF token, and
for a GET no server error nor client error (the arguments are real, so a page must answer).
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask import Flask, url_for
from flask.testing import FlaskClient
from werkzeug.routing import Rule
from werkzeug.test import TestResponse

from tests.conftest import SAMPLES
from tests.support.fixtures import libretranslate_env
from tests.web.conftest import PASSWORD, Seeded, csrf_token, login
from workflow import services
from workflow.glossary import Term
from workflow.services import Context
from workflow.services.tokens import SCOPES

PUBLIC = "public"
USER = "user"
EDITOR = "editor"
ADMIN = "admin"
TOKEN_USER = "token:user"  # /api/: a bearer token of anyone
TOKEN_EDITOR = "token:editor"  # /api/: a bearer token of an editor or admin
TOKEN = (TOKEN_USER, TOKEN_EDITOR)

ROLES = ("anonymous", "translator", "editor", "admin")
LOGINS = {"translator": "tina", "editor": "eddie", "admin": "ada"}
NEW_PASSWORD = "violet elephants dance at noon"

# One row per endpoint: method → who may use it.
ACCESS: dict[str, dict[str, str]] = {
    "static": {"GET": PUBLIC},
    "health.healthz": {"GET": PUBLIC},
    "auth.login": {"GET": PUBLIC, "POST": PUBLIC},
    "auth.logout": {"POST": PUBLIC},
    "auth.language": {"POST": PUBLIC},
    "articles.index": {"GET": USER},
    "articles.import_article": {"GET": EDITOR, "POST": EDITOR},
    "articles.pair": {"GET": EDITOR, "POST": EDITOR},
    "articles.view": {"GET": USER},
    "preview.preview": {"GET": USER},
    "preview.status": {"GET": USER},
    "articles.comment": {"POST": USER},
    "articles.suggestions": {"GET": USER},
    "articles.dismiss": {"POST": USER},
    "articles.override": {"POST": EDITOR},
    "articles.history": {"GET": USER},
    "articles.revert": {"POST": USER},
    "articles.save": {"POST": USER},
    "articles.catalog": {"GET": USER},
    "articles.bundle": {"GET": USER},
    "archive.edition_form": {"GET": EDITOR},
    "archive.archive_form": {"GET": EDITOR},
    "archive.archive_upload": {"POST": EDITOR},
    "archive.archive_pairs": {"GET": EDITOR},
    "archive.archive_start": {"POST": EDITOR},
    "archive.edition_download": {"POST": EDITOR},
    "review.approve": {"POST": EDITOR},
    "review.reject": {"POST": EDITOR},
    "segments.act": {"POST": USER},
    "segments.show": {"GET": USER},
    "review.publish": {"POST": EDITOR},
    "alignment.view": {"GET": USER},
    "alignment.edit": {"POST": EDITOR},
    "queues.review_queue": {"GET": USER},
    "queues.my_work": {"GET": USER},
    "queues.audit": {"GET": EDITOR},
    "queues.dashboard": {"GET": USER},
    "queues.assign": {"POST": EDITOR},
    "catalogs.download": {"GET": USER},
    "catalogs.upload": {"GET": USER, "POST": USER},
    "catalogs.update": {"GET": EDITOR, "POST": EDITOR},
    "glossary.index": {"GET": USER},
    "glossary.add": {"POST": EDITOR},
    "glossary.delete": {"POST": EDITOR},
    "glossary.import_file": {"POST": EDITOR},
    "glossary.export": {"GET": USER},
    "mt.suggest": {"GET": USER},
    "mt.pretranslate": {"POST": EDITOR},
    "mt.job": {"GET": USER},
    "mt.job_json": {"GET": USER},
    "mt.cancel": {"POST": EDITOR},
    "account.index": {"GET": USER},
    "account.password": {"POST": USER},
    "account.create_token": {"POST": USER},
    "account.revoke_token": {"POST": USER},  # one's own (admins: anyone's); others: 404
    "account.users": {"GET": ADMIN},
    "account.set_active": {"POST": ADMIN},
    "account.unlock": {"POST": ADMIN},
    "qa_settings.index": {"GET": ADMIN},
    "qa_settings.save": {"POST": ADMIN},
    "api.openapi": {"GET": PUBLIC},
    "api.list_articles": {"GET": TOKEN_USER},
    "api.import_article": {"POST": TOKEN_EDITOR},
    "api.article": {"GET": TOKEN_USER},
    "api.pair": {"POST": TOKEN_EDITOR},
    "api.translation": {"GET": TOKEN_USER},
    "api.publish": {"POST": TOKEN_EDITOR},
    "api.bundle": {"GET": TOKEN_USER},
    "api.catalog": {"GET": TOKEN_USER},
    # Working together (issue 15).
    "inbox.index": {"GET": USER},
    "inbox.unread_json": {"GET": USER},
    "inbox.mark_read": {"POST": USER},
    "inbox.settings": {"GET": USER},
    "inbox.save_settings": {"POST": USER},
    "inbox.audit_csv": {"GET": EDITOR},
    "inbox.assign_form": {"GET": EDITOR},
    "inbox.assign": {"POST": EDITOR},
    "collab.replace_form": {"GET": USER},
    "collab.replace": {"POST": USER},
    "collab.undo": {"POST": USER},  # the one who replaced, or an editor (else 403)
    "collab.replace_all_form": {"GET": EDITOR},
    "collab.replace_all": {"POST": EDITOR},
    "collab.presence": {"POST": USER},
    "collab.presence_leave": {"POST": USER},
    "collab.concordance": {"GET": USER},
    "api_collab.inbox": {"GET": TOKEN_USER},
    "api_collab.mark_read": {"POST": TOKEN_USER},
    "api_collab.my_assignments": {"GET": TOKEN_USER},
    "api_collab.assign": {"POST": TOKEN_EDITOR},
    "api_collab.article_assignments": {"GET": TOKEN_USER},
    "api_collab.people": {"GET": TOKEN_USER},
}

# GET pages that answer a download or a page only in some states: any non-error is fine,
# but the bundle of an unpublished article is a 409 (nothing to download), not an access error.
GET_NOT_READY = {"articles.bundle", "api.bundle"}

SECOND_KO = {
    "title": "두 번째 기사 제목",
    "body": ["국방부는 오늘 회담을 열었다.", "장관들은 협력을 약속했다."],
}
SECOND_EN = {
    "title": "The second article's title",
    "body": ["The defense ministry held talks today.", "The ministers promised cooperation."],
}


@dataclass
class World:
    """The seeded desk plus what the URL arguments and form fields refer to."""

    app: Flask
    ctx: Context
    slug: str
    keys: list[str]
    second: str  # an article imported but not yet paired
    job: str
    term_id: int
    token_id: int  # one of eddie's API tokens (to revoke)
    bearer: dict[str, str]  # role → an API token with every scope
    archive: str = ""  # an archive upload of eddie's (its token)
    batch: int = 0  # a replace made by tina (to undo)

    def uid(self, name: str) -> int:
        return next(u.id for u in services.list_users(self.ctx) if u.name == name)

    def version(self, key: str) -> int:
        la = services.show_article(self.ctx, self.slug, "en")
        return next(e.translation.version for e in la.entries if e.segment.key == key)


env = libretranslate_env(timeout=5)


@pytest.fixture
def world(app: Flask, seeded: Seeded) -> World:
    ctx: Context = app.extensions["transdesk"]
    services.add_user(ctx, "ada", "admin", PASSWORD)
    eddie = next(u.id for u in services.list_users(ctx) if u.name == "eddie")
    tina = next(u.id for u in services.list_users(ctx) if u.name == "tina")
    second = services.import_article(
        ctx, json.dumps(SECOND_KO).encode(), source="second.json", locale="ko", slug="second"
    ).slug
    services.add_term(ctx, Term(source="국방장관", target="defense minister"), user_id=eddie)
    term_id = services.list_terms(ctx)[0][0]
    job = services.submit_pretranslate(ctx, [seeded.slug], "en", "libretranslate", user_id=eddie)
    # A second version on keys[4], so that there is one to bring back.
    services.save_translation(
        ctx, seeded.slug, "en", seeded.keys[4], "A translator's edit of the 23rd.", user_id=tina
    )  # (28일 replaced by another day: a QA error, for the override form)
    # A QA warning on keys[8] (no end punctuation), for the dismiss form.
    services.save_translation(
        ctx, seeded.slug, "en", seeded.keys[8], "Nakatani had spoken before", user_id=tina
    )
    # Users for the account pages: pat changes a password, dora is disabled (to enable).
    ada = next(u.id for u in services.list_users(ctx) if u.name == "ada")
    services.add_user(ctx, "pat", "editor", PASSWORD)
    services.add_user(ctx, "dora", "translator", PASSWORD)
    services.set_active(ctx, "dora", False, by=ada)
    token_id = services.create_token(ctx, "eddie", "to revoke", ("articles:read",)).token.id
    bearer = {
        role: services.create_token(ctx, LOGINS[role], "matrix", tuple(SCOPES)).secret
        for role in ("translator", "editor", "admin")
    }
    archive = services.stage_archive(ctx, [(None, "a.zip", archive_zip())], user_id=eddie).token
    batch = services.replace_in_article(
        ctx, seeded.slug, "en", " the ", " THE ", case=True, keys=[seeded.keys[12]], user_id=tina
    ).batch
    assert batch is not None
    return World(
        app, ctx, seeded.slug, seeded.keys, second, job, term_id, token_id, bearer, archive, batch
    )


def archive_zip() -> bytes:
    """One zip with ko/ and en/: the sample pair."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("ko/k.txt", (SAMPLES / "hani-ko-689058-demo.txt").read_bytes())
        z.writestr("en/e.txt", (SAMPLES / "hani-en-689225.txt").read_bytes())
    return out.getvalue()


# -- URLs and forms -----------------------------------------------------------------------


def url_args(rule: Rule, w: World) -> dict[str, Any]:
    """Real values for the rule's arguments; an unknown argument fails naming the route."""
    known: dict[str, Any] = {
        "ref": w.slug,
        "locale": "en",
        "key": w.keys[2],
        "provider": "libretranslate",
        "job_id": w.job,
        "term_id": w.term_id,
        "filename": "app.css",
        "token_id": w.token_id,
        "name": "dora",
        "token": w.archive,
        "action": "save",
        "batch": w.batch,
    }
    overrides: dict[str, dict[str, Any]] = {
        "articles.pair": {"ref": w.second},
        "api.pair": {"ref": w.second},
        "articles.revert": {"key": w.keys[4]},
        "articles.save": {"key": w.keys[3]},
        "articles.dismiss": {"key": w.keys[8]},
        "articles.override": {"key": w.keys[4]},
        "review.reject": {"key": w.keys[10]},
        "segments.act": {"key": w.keys[12]},
    }
    missing = sorted(set(rule.arguments) - set(known))
    assert not missing, f"{rule.endpoint} ({rule.rule}): no test value for {missing}"
    args = {name: known[name] for name in rule.arguments}
    args.update({k: v for k, v in overrides.get(rule.endpoint, {}).items() if k in args})
    return args


def upload(data: bytes, name: str) -> tuple[io.BytesIO, str]:
    return io.BytesIO(data), name


def forms(w: World) -> dict[str, Callable[[], dict[str, Any]]]:
    """A complete, valid form per state-changing endpoint (a fresh one per call: files)."""
    po = services.export_catalog(w.ctx, w.slug, "en").data
    ko = (SAMPLES / "hani-ko-689058-demo.txt").read_bytes()

    def alignment() -> services.AlignmentView:
        return services.alignment_view(w.ctx, w.slug, "en")

    return {
        "auth.login": lambda: {"name": "eddie", "password": PASSWORD},
        "auth.logout": lambda: {},
        "auth.language": lambda: {"lang": "ko", "next": "/"},
        "articles.import_article": lambda: {
            "file": upload(json.dumps(SECOND_KO | {"title": "셋째 기사"}).encode(), "third.json"),
            "locale": "ko",
            "slug": "third",
        },
        "articles.pair": lambda: {
            "file": upload(json.dumps(SECOND_EN).encode(), "second-en.json"),
            "locale": "en",
        },
        "articles.comment": lambda: {"body": "Please check the minister's title."},
        "archive.edition_download": lambda: {"locale": "en", "date": "2015-04-30"},
        "archive.archive_upload": lambda: {"both": upload(archive_zip(), "archive.zip")},
        "archive.archive_start": lambda: {"en:k.txt": "e.txt"},
        "articles.dismiss": lambda: {"check": "end_punctuation", "reason": "It is a headline."},
        "articles.override": lambda: {"check": "numbers", "reason": "The talks moved."},
        "qa_settings.save": lambda: {"desk": "news", "check-length": "off"},
        "articles.revert": lambda: {"to_version": "1", "version": str(w.version(w.keys[4]))},
        "articles.save": lambda: {
            "text": "The defense ministers will meet.",
            "version": str(w.version(w.keys[3])),
        },
        "review.approve": lambda: {"key": w.keys[6], "version": str(w.version(w.keys[6]))},
        "review.reject": lambda: {"reason": "The tense is wrong."},
        "segments.act": lambda: {
            "text": "The ministers will meet again.",
            "version": str(w.version(w.keys[12])),
        },
        "review.publish": lambda: {},
        "alignment.edit": lambda: {
            "op": "merge",
            "bead": str(len(alignment().beads) - 1),  # merge the last two beads
            "revision": str(alignment().revision),
        },
        "queues.assign": lambda: {
            "translator": "tina",
            "reviewer": "erin",
            "deadline": "2030-01-02T10:00",
        },
        "catalogs.upload": lambda: {"file": upload(po, f"{w.slug}.en.po"), "format": "po"},
        "catalogs.update": lambda: {"file": upload(ko, "hani-ko-689058-demo.txt")},
        "glossary.add": lambda: {"source": "동맹", "target": "alliance", "note": "house style"},
        "glossary.delete": lambda: {},
        "glossary.import_file": lambda: {
            "file": upload(b"source,target\n\xed\x9a\x8c\xeb\x8b\xb4,talks\n", "terms.csv")
        },
        "mt.pretranslate": lambda: {"provider": "libretranslate"},
        "mt.cancel": lambda: {"back": "/"},
        # The new passwords differ: refused (400) without ending the session.
        "account.password": lambda: {"current": PASSWORD, "new": NEW_PASSWORD, "confirm": "x"},
        "account.create_token": lambda: {"name": "cms", "scope": ["articles:read"]},
        "account.revoke_token": lambda: {},
        "account.set_active": lambda: {"active": "1"},
        "account.unlock": lambda: {},
        "inbox.mark_read": lambda: {"all": "1"},
        "inbox.save_settings": lambda: {"email": "me@example.org", "kind": ["assigned"]},
        "inbox.assign": lambda: {"article": w.slug, "locale": "en", "to": "tina"},
        "collab.replace": lambda: {"find": "Nakatani", "replace": "Nakatani"},
        "collab.replace_all": lambda: {"find": "Nakatani", "replace": "Nakatani", "locale": "en"},
        "collab.presence": lambda: {},
        "api_collab.mark_read": lambda: {"ids": None},
        "api_collab.assign": lambda: {"articles": [w.slug], "locale": "en", "to": "tina"},
        # The JSON API's bodies.
        "api.import_article": lambda: {
            "content": json.dumps(SECOND_KO | {"title": "API 기사"}, ensure_ascii=False),
            "filename": "api.json",
            "locale": "ko",
            "slug": "from-api",
        },
        "api.pair": lambda: {
            "content": json.dumps(SECOND_EN),
            "filename": "second-en.json",
            "locale": "en",
        },
        "api.publish": lambda: {},
    }


def is_api(rule: Rule) -> bool:
    return rule.rule.startswith("/api/")


def routes(app: Flask) -> Iterator[tuple[Rule, str]]:
    """Every (rule, method) of the app, HEAD and OPTIONS aside; logout last (it ends sessions)."""
    found = [
        (rule, method)
        for rule in app.url_map.iter_rules()
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})
    ]
    found.sort(key=lambda rm: (rm[0].endpoint == "auth.logout", rm[0].endpoint, rm[1]))
    yield from found


def classify(rule: Rule, method: str) -> str:
    row = ACCESS.get(rule.endpoint)
    assert row is not None, (
        f"route {rule.endpoint} ({rule.rule}) is not in the access table: add a row to ACCESS "
        "saying who may use it"
    )
    assert method in row, f"{method} {rule.rule} ({rule.endpoint}) is not in the access table"
    return row[method]


def request(
    client: FlaskClient,
    rule: Rule,
    method: str,
    w: World,
    token: str | None,
    bearer: str | None = None,
) -> TestResponse:
    """The route called as a browser would (a form with ``token``), or as a program would
    (/api/: JSON, with ``bearer`` as its Authorization)."""
    with w.app.test_request_context():
        url = url_for(rule.endpoint, **url_args(rule, w))
    headers = {"Authorization": f"Bearer {bearer}"} if bearer else {}
    if method == "GET":
        return client.get(url, headers=headers)
    data: dict[str, Any] = forms(w).get(rule.endpoint, dict)()
    if is_api(rule):
        return client.open(url, method=method, json=data, headers=headers)
    if token is not None:
        data["csrf_token"] = token
    return client.open(url, method=method, data=data)


def goes_to_login(r: TestResponse) -> bool:
    return r.status_code == 302 and urlsplit(r.headers.get("Location", "")).path == "/login"


def refused_for_csrf(r: TestResponse) -> bool:
    return r.status_code == 400 and "CSRF" in r.get_data(as_text=True)


def client_for(app: Flask, role: str) -> tuple[FlaskClient, str]:
    client = app.test_client()
    if role == "anonymous":
        return client, csrf_token(client)
    return client, login(client, LOGINS[role])


def test_every_route_is_in_the_access_table(app: Flask) -> None:
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    for rule, method in routes(app):
        classify(rule, method)
    gone = sorted(set(ACCESS) - endpoints)
    assert not gone, f"rows for routes that no longer exist: {gone}"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_the_table_says(app: Flask, world: World, role: str) -> None:
    client, token = client_for(app, role)
    wrong: list[str] = []
    for rule, method in routes(app):
        expected = classify(rule, method)
        r = request(client, rule, method, world, token)
        status = r.status_code
        what = f"{role} {method} {rule.rule} ({rule.endpoint}) → {status}"
        r.close()
        if expected in TOKEN:
            if status != 401:
                wrong.append(f"{what}; expected 401 without a bearer token")
        elif role == "anonymous" and expected in (USER, EDITOR, ADMIN):
            if not goes_to_login(r):
                wrong.append(f"{what}; expected a redirect to /login")
        elif (role == "translator" and expected in (EDITOR, ADMIN)) or (
            role == "editor" and expected == ADMIN
        ):
            if status != 403:
                wrong.append(f"{what}; expected 403")
        elif (
            status in (401, 403)
            or refused_for_csrf(r)
            or (goes_to_login(r) and expected != PUBLIC)  # logout's answer is the login page
        ):
            wrong.append(f"{what}; expected to be allowed")
        elif (
            method == "GET"
            and status >= 400
            and not (rule.endpoint in GET_NOT_READY and status == 409)
        ):
            wrong.append(f"{what}; expected the page")
        if rule.endpoint == "auth.login" and method == "POST":
            client, token = client_for(app, role)  # the login form made a new session
    assert not wrong, "\n".join(wrong)


def test_translator_cannot_reach_editor_actions_by_any_method(app: Flask, world: World) -> None:
    """The editor-only endpoints refuse the translator whatever the arguments say."""
    client, token = client_for(app, "translator")
    before = services.show_article(world.ctx, world.slug, "en")
    for rule, method in routes(app):
        if not is_api(rule) and classify(rule, method) == EDITOR and method != "GET":
            r = request(client, rule, method, world, token)
            assert r.status_code == 403, f"{method} {rule.rule} → {r.status_code}"
    after = services.show_article(world.ctx, world.slug, "en")
    assert [e.translation for e in after.entries] == [e.translation for e in before.entries]
    assert after.revision == before.revision


@pytest.mark.parametrize("role", ["translator", "editor", "admin"])
def test_the_api_takes_bearer_tokens_and_the_owners_role(
    app: Flask, world: World, role: str
) -> None:
    """With a token (and no cookie), the API answers as its owner's role allows."""
    client = app.test_client()
    wrong: list[str] = []
    api = [(rule, method) for rule, method in routes(app) if is_api(rule)]
    for rule, method in api:
        expected = classify(rule, method)
        if expected not in TOKEN:
            continue
        for bearer in ("tdk_" + "x" * 43, ""):  # made up, or a scheme without a token
            r = request(client, rule, method, world, None, bearer or " ")
            if r.status_code != 401:
                wrong.append(f"{method} {rule.rule} with a bad token → {r.status_code}")
        r = request(client, rule, method, world, None, world.bearer[role])
        what = f"{role}'s token: {method} {rule.rule} ({rule.endpoint}) → {r.status_code}"
        if role == "translator" and expected == TOKEN_EDITOR:
            if r.status_code != 403:
                wrong.append(f"{what}; expected 403")
        elif r.status_code in (401, 403):
            wrong.append(f"{what}; expected to be allowed")
        elif method == "GET" and r.status_code >= 400 and rule.endpoint not in GET_NOT_READY:
            wrong.append(f"{what}; expected the answer")
    assert len(api) >= 5 or not any(is_api(rule) for rule, _ in api)
    assert not wrong, "\n".join(wrong)
