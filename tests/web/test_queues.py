"""Review queue, assignments, "my work" and the audit log over HTTP."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import Seeded, login, switch_user
from workflow import services
from workflow.states import SegmentState


def test_assign_then_see_it_in_my_work_and_the_queue(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    token = login(client, "eddie")
    r = client.post(
        f"/articles/{seeded.slug}/en/assign",
        data={
            "csrf_token": token,
            "translator": "tina",
            "reviewer": "erin",
            "deadline": "2026-12-01T18:30",
        },
    )
    assert r.status_code == 302
    queue = client.get("/review").get_data(as_text=True)
    assert seeded.slug in queue and "tina" in queue and "erin" in queue
    item = services.work_items(app.extensions["transdesk"])[0]
    assert item.deadline is not None and item.deadline.isoformat() == "2026-12-01T09:30:00+00:00"
    switch_user(client, token, "tina")
    assert seeded.slug in client.get("/my-work").get_data(as_text=True)


def test_assigning_a_translator_as_reviewer_is_refused(client: FlaskClient, seeded: Seeded) -> None:
    token = login(client, "eddie")
    r = client.post(
        f"/articles/{seeded.slug}/en/assign",
        data={"csrf_token": token, "reviewer": "tina", "deadline": "soon"},
    )
    assert r.status_code == 400
    r = client.post(
        f"/articles/{seeded.slug}/en/assign", data={"csrf_token": token, "reviewer": "tina"}
    )
    assert r.status_code == 400
    assert "cannot review" in r.get_data(as_text=True)


def test_audit_log_lists_transitions_and_filters(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    token = login(client, "eddie")
    key = seeded.keys[4]
    client.post(
        f"/articles/{seeded.slug}/en/segments/{key}/reject",
        data={"csrf_token": token, "reason": "Check the name"},
    )
    page = client.get("/audit").get_data(as_text=True)
    assert 'data-action="reject"' in page and "Translated → Needs edit" in page  # the names
    assert 'data-action="pair"' in page
    only = client.get("/audit?action=reject&user=eddie").get_data(as_text=True)
    assert only.count("<tr data-action=") == 1
    assert client.get("/audit?user=nobody").status_code == 400


def test_translators_do_not_see_the_audit_log(client: FlaskClient, seeded: Seeded) -> None:
    login(client, "tina")
    assert client.get("/audit").status_code == 403


def test_comments_history_and_revert(app: Flask, client: FlaskClient, seeded: Seeded) -> None:
    token = login(client, "tina")
    key = seeded.keys[2]
    base = f"/articles/{seeded.slug}/en/segments/{key}"
    client.post(base, data={"csrf_token": token, "text": "First try.", "version": "1"})
    client.post(f"{base}/comments", data={"csrf_token": token, "body": "Is 'trilateral' right?"})
    assert (
        client.post(f"{base}/comments", data={"csrf_token": token, "body": " "}).status_code == 400
    )
    page = client.get(f"/articles/{seeded.slug}/en?comments=1").get_data(as_text=True)
    assert "Is &#39;trilateral&#39; right?" in page
    assert "1 of 22 segments shown" in page
    history = client.get(f"{base}/history").get_data(as_text=True)
    assert "<ins>First try.</ins>" in history or "<ins>First</ins>" in history
    r = client.post(f"{base}/revert", data={"csrf_token": token, "to_version": "1", "version": "2"})
    assert r.status_code == 302
    la = services.show_article(app.extensions["transdesk"], seeded.slug, "en")
    entry = la.entries[2]
    assert entry.translation.version == 3
    assert entry.translation.text.startswith("The US and Japan")
    stale = client.post(
        f"{base}/revert", data={"csrf_token": token, "to_version": "2", "version": "2"}
    )
    assert stale.status_code == 409


def test_filters_by_state_and_text(app: Flask, client: FlaskClient, seeded: Seeded) -> None:
    login(client, "tina")
    la = services.show_article(app.extensions["transdesk"], seeded.slug, "en")
    expected = [e.segment.key for e in la.entries if "nakatani" in e.translation.text.lower()]
    page = client.get(f"/articles/{seeded.slug}/en?q=nakatani").get_data(as_text=True)
    assert len(expected) >= 3
    assert f"{len(expected)} of 22 segments shown" in page
    assert re.findall(r'<section id="seg-([^"]+)"', page) == expected
    none = client.get(f"/articles/{seeded.slug}/en?state=approved").get_data(as_text=True)
    assert "0 of 22 segments shown" in none
    assert client.get(f"/articles/{seeded.slug}/en?state=bogus").status_code == 400


def test_dashboard_charts_the_work(app: Flask, client: FlaskClient, seeded: Seeded) -> None:
    desk = app.extensions["transdesk"]
    tina = next(u for u in services.list_users(desk) if u.name == "tina")
    eddie = next(u for u in services.list_users(desk) if u.name == "eddie")
    services.save_translation(desk, seeded.slug, "en", seeded.keys[2], "Edited.", user_id=tina.id)
    services.approve(desk, seeded.slug, "en", None, user_id=eddie.id)
    services.publish(desk, seeded.slug, "en", user_id=eddie.id)
    d = services.dashboard(desk)
    assert d.throughput == (("tina", 1),)
    assert d.now[SegmentState.APPROVED] == 22
    assert sum(d.by_state[SegmentState.APPROVED]) == 22
    assert [label for label, _ in d.to_publish] == [f"{seeded.slug} · en"]
    login(client, "tina")
    page = client.get("/dashboard").get_data(as_text=True)
    assert page.count("<svg") == 3
    assert "<title>tina: 1</title>" in page


def test_the_review_queue_counts_qa_errors(app: Flask, client: FlaskClient, seeded: Seeded) -> None:
    desk = app.extensions["transdesk"]
    tina = next(u for u in services.list_users(desk) if u.name == "tina")
    services.save_translation(
        desk, seeded.slug, "en", seeded.keys[4], "They met on the 23rd.", user_id=tina.id
    )
    item = services.review_queue(desk)[0]
    assert item.qa_errors == 1
    login(client, "eddie")
    page = client.get("/review").get_data(as_text=True)
    assert "1 with errors" in page
