"""CSRF over every route: each state-changing request needs the session's token, and no GET
changes what the desk stores.

The routes come from ``app.url_map`` (see test_access_matrix), so a new POST view is covered
the day it is added. The database is compared as a snapshot — the row count and a hash of the
content of every table — apart from bookkeeping a login or a cache may write.
/api/ routes are authenticated by bearer tokens, not cookies, and so exempt from CSRF.
"""

from __future__ import annotations

import hashlib
from typing import Any

from flask import Flask, url_for
from flask.testing import FlaskClient
from sqlalchemy import inspect, text

from tests.web import test_access_matrix as matrix
from tests.web.conftest import PASSWORD, csrf_token, login
from tests.web.test_access_matrix import NEW_PASSWORD, World, forms, is_api, routes, url_args
from workflow.services import Context

# The same desk as the access matrix: MT configured, a job, a term, a second article.
env = matrix.env
world = matrix.world

# Written by reading requests too, on purpose: logins, sessions, caches.
BOOKKEEPING = {"sessions", "login_attempts", "mt_cache"}

# Where a valid form must change the stored state (the control that the refused request was
# a real one); the others answer without a database change (logout, an unchanged upload…).
CHANGES = {
    "auth.language",
    "articles.import_article",
    "articles.pair",
    "articles.comment",
    "articles.dismiss",
    "articles.override",
    "qa_settings.save",
    "articles.revert",
    "articles.save",
    "review.approve",
    "review.reject",
    "alignment.edit",
    "queues.assign",
    "catalogs.update",
    "glossary.add",
    "glossary.delete",
    "glossary.import_file",
    "account.password",
    "account.create_token",
    "account.revoke_token",
    "account.set_active",
    "account.unlock",  # the audit log says who lifted the lock
}

# Who posts each form: an editor may use every route but the administrator's; pat's
# password really changes (his sessions end), so nobody else's login breaks.
LOGIN_FOR = {
    "account.password": "pat",
    "account.set_active": "ada",
    "account.unlock": "ada",
    "account.users": "ada",
    "qa_settings.save": "ada",
}
# The control's form where the matrix's (made to be refused harmlessly) is not a real one.
CONTROL_FORMS: dict[str, dict[str, Any]] = {
    "account.password": {"current": PASSWORD, "new": NEW_PASSWORD, "confirm": NEW_PASSWORD},
}

# Where the control may be refused by the desk itself (nothing to publish yet), not by CSRF.
REFUSED_BY_THE_DESK = {"review.publish"}

JSON = {"Accept": "application/json"}


def snapshot(ctx: Context) -> dict[str, tuple[int, str]]:
    """Per table: the number of rows and a hash of their content (in any order)."""
    out: dict[str, tuple[int, str]] = {}
    with ctx.db.engine.connect() as conn:
        for name in sorted(inspect(conn).get_table_names()):
            if name in BOOKKEEPING:
                continue
            rows = sorted(repr(tuple(row)) for row in conn.execute(text(f'SELECT * FROM "{name}"')))
            out[name] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return out


def changed(before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]]) -> list[str]:
    return sorted(t for t in before.keys() | after.keys() if before.get(t) != after.get(t))


def url_of(app: Flask, rule: Any, w: World) -> str:
    with app.test_request_context():
        return url_for(rule.endpoint, **url_args(rule, w))


def session_for(app: Flask, endpoint: str) -> tuple[FlaskClient, str]:
    """A session of who may use the route (see LOGIN_FOR), anonymous for the login form."""
    client = app.test_client()
    if endpoint == "auth.login":
        return client, csrf_token(client)
    return client, login(client, LOGIN_FOR.get(endpoint, "eddie"))


def test_every_state_changing_route_needs_the_token(app: Flask, world: World) -> None:
    ctx = world.ctx
    other_token = login(app.test_client(), "erin")  # valid, but for another session
    wrong: list[str] = []
    checked = 0
    for rule, method in routes(app):
        if method == "GET" or is_api(rule):
            continue
        checked += 1
        url = url_of(app, rule, world)
        what = f"{method} {rule.rule} ({rule.endpoint})"
        client, token = session_for(app, rule.endpoint)
        make = forms(world).get(rule.endpoint, dict)
        before = snapshot(ctx)
        for label, bad in (
            ("no", None),
            ("a made-up", "x" * 40),
            ("another session's", other_token),
        ):
            data = make()
            if bad is not None:
                data["csrf_token"] = bad
            r = client.open(url, method=method, data=data, headers=JSON)
            body = r.get_json(silent=True) or {}
            if r.status_code != 400 or body.get("error") != "CSRFError":
                wrong.append(f"{what} with {label} token → {r.status_code} {body}")
        if changed(before, snapshot(ctx)):
            wrong.append(f"{what} without a valid token changed {changed(before, snapshot(ctx))}")
        # The control: the same form with the session's token goes through.
        control = CONTROL_FORMS.get(rule.endpoint) or make()
        r = client.open(url, method=method, data=control | {"csrf_token": token}, headers=JSON)
        body = r.get_json(silent=True) or {}
        refused = r.status_code >= 400 and rule.endpoint not in REFUSED_BY_THE_DESK
        if body.get("error") == "CSRFError" or refused:
            wrong.append(f"{what} with its token → {r.status_code} {body}")
        elif rule.endpoint in CHANGES and not changed(before, snapshot(ctx)):
            wrong.append(f"{what} with its token changed nothing: the form is not a real one")
    assert checked >= 20
    assert not wrong, "\n".join(wrong)


def test_no_get_route_changes_state(app: Flask, world: World) -> None:
    ctx = world.ctx
    client = app.test_client()
    login(client, "ada")  # an administrator may open every page
    wrong: list[str] = []
    for rule, method in routes(app):
        if method != "GET":
            continue
        before = snapshot(ctx)
        r = client.get(url_of(app, rule, world))
        assert r.status_code < 500, f"GET {rule.rule} → {r.status_code}"
        assert is_api(rule) or r.status_code not in (401, 403), f"GET {rule.rule}"
        r.close()
        diff = changed(before, snapshot(ctx))
        if diff:
            wrong.append(f"GET {rule.rule} ({rule.endpoint}) changed {diff}")
    assert not wrong, "\n".join(wrong)
