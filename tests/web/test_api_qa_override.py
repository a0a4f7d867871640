"""Through the CMS's API: a check a desk raises to an error blocks publishing an approved
edition; overriding its errors (with reasons) lets the edition out; a new edit brings the
error back and it blocks the approval again."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import PASSWORD, Seeded
from workflow import services
from workflow.errors import ChecksBlock
from workflow.services import Context


def _uid(ctx: Context, name: str) -> int:
    return next(u.id for u in services.list_users(ctx) if u.name == name)


def test_overrides_let_an_edition_out_through_the_api(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    ctx: Context = app.extensions["transdesk"]
    services.add_user(ctx, "ada", "admin", PASSWORD)
    key = seeded.keys[5]
    old = next(
        e.translation.text
        for e in services.show_article(ctx, seeded.slug, "en").entries
        if e.segment.key == key
    )
    doubled = old.replace(" ", "  ", 1)  # a warning of the spaces check
    services.save_translation(ctx, seeded.slug, "en", key, doubled, user_id=_uid(ctx, "tina"))
    services.approve(ctx, seeded.slug, "en", None, user_id=_uid(ctx, "erin"))
    services.save_qa_settings(ctx, "news", {"spaces": "error"}, user_id=_uid(ctx, "ada"))
    errors = [f for f in services.check_article(ctx, seeded.slug, "en") if f.blocks]
    assert [(f.key, f.check) for f in errors] == [(key, "spaces")]

    made = services.create_token(ctx, "eddie", "CMS", ("articles:read", "articles:publish"))
    cms = {"Authorization": f"Bearer {made.secret}"}
    url = f"/api/v1/articles/{seeded.slug}/en/publish"
    blocked = client.post(url, headers=cms)
    assert blocked.status_code == 409 and "spaces" in blocked.get_json()["message"].lower()

    services.override_error(
        ctx, seeded.slug, "en", key, "spaces", "House style", user_id=_uid(ctx, "eddie")
    )
    published = client.post(url, headers=cms)
    assert published.status_code == 200, published.get_json()
    assert published.get_json()["state"] == "published"

    # A new edit brings the error back: the segment cannot be approved again.
    again = old.replace(" ", "  ", 2)
    services.save_translation(ctx, seeded.slug, "en", key, again, user_id=_uid(ctx, "tina"))
    [f] = [f for f in services.check_article(ctx, seeded.slug, "en") if f.key == key]
    assert (f.check, f.blocks, f.overridden) == ("spaces", True, False)
    with pytest.raises(ChecksBlock):
        services.approve(ctx, seeded.slug, "en", [key], user_id=_uid(ctx, "erin"))
