"""Working together over HTTP: assignment by picking, the inbox page and its badge, find
and replace with preview and undo, presence between two sessions, memory concordance."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import Seeded, login, switch_user
from workflow import services
from workflow.services import Context


def desk(app: Flask) -> Context:
    return app.extensions["transdesk"]  # type: ignore[no-any-return]


def badge(page: str) -> str:
    m = re.search(
        r'data-testid="inbox-badge">[^<]*<span class="badge unread-count"[^>]*>(\d+)<', page
    )
    assert m, "no inbox badge"
    return m.group(1)


def test_pick_a_person_by_load_then_their_inbox_and_my_work(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    token = login(client, "eddie")
    picker = client.get(f"/assign?article={seeded.slug}&locale=en").get_data(as_text=True)
    assert re.search(r'data-name="tina">.*?data-testid="load">0<', picker, re.S)
    r = client.post(
        "/assign",
        data={
            "csrf_token": token,
            "article": seeded.slug,
            "locale": "en",
            "to": "tina",
            "first": seeded.keys[3],
            "last": seeded.keys[1],
            "due": "2020-01-01T09:00",
        },
    )
    assert r.status_code == 302
    [a] = services.my_assignments(desk(app), user_id=_uid(app, "tina"))
    assert a.keys == tuple(seeded.keys[1:4])  # the range, in article order
    switch_user(client, token, "tina")
    home = client.get("/my-work").get_data(as_text=True)
    assert seeded.slug in home and "data-overdue" in home  # due in 2020: overdue
    assert badge(home) == "1"
    inbox = client.get("/inbox").get_data(as_text=True)
    assert f"#seg-{seeded.keys[1]}" in inbox and "Assigned to you" in inbox
    assert "3 segments, due 2020-01-01 09:00" in inbox
    ko = client.get("/inbox", headers={"Accept-Language": "ko"}).get_data(as_text=True)
    assert "세그먼트 3개, 마감 2020-01-01 09:00" in ko and "segments" not in ko
    assert client.get("/inbox/unread.json").get_json() == {"unread": 1}


def test_replace_preview_apply_undo(app: Flask, client: FlaskClient, seeded: Seeded) -> None:
    token = login(client, "tina")
    base = f"/articles/{seeded.slug}/en"
    preview = client.get(f"{base}/replace?find=South+Korea&replace=the+ROK&case=1")
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "13 segments would change" in page
    keys = re.findall(r'name="key" value="([^"]+)"', page)
    before = {
        e.segment.key: e.translation.text
        for e in services.show_article(desk(app), seeded.slug, "en").entries
    }
    done = client.post(
        f"{base}/replace",
        data={
            "csrf_token": token,
            "find": "South Korea",
            "replace": "the ROK",
            "case": "1",
            "key": keys[:3],
        },
    )
    text = done.get_data(as_text=True)
    assert "Replaced in 3 segments." in text
    batch = re.search(r'action="/replace/(\d+)/undo"', text)
    assert batch
    now = {
        e.segment.key: e.translation.text
        for e in services.show_article(desk(app), seeded.slug, "en").entries
    }
    assert [k for k in now if now[k] != before[k]] == keys[:3]
    client.post(f"/replace/{batch.group(1)}/undo", data={"csrf_token": token, "next": base})
    after = {
        e.segment.key: e.translation.text
        for e in services.show_article(desk(app), seeded.slug, "en").entries
    }
    assert after == before


def test_presence_between_two_sessions(app: Flask, seeded: Seeded) -> None:
    url = f"/articles/{seeded.slug}/en/presence"
    tina, erin = app.test_client(), app.test_client()
    t_token, e_token = login(tina, "tina"), login(erin, "erin")
    first = tina.post(
        url, json={"key": seeded.keys[2], "typing": True}, headers={"X-CSRFToken": t_token}
    )
    assert first.get_json() == {"others": []}
    seen = erin.post(url, json={"key": None}, headers={"X-CSRFToken": e_token}).get_json()
    assert seen == {"others": [{"user": "tina", "key": seeded.keys[2], "typing": True}]}
    tina.post(f"{url}/leave", data={"csrf_token": t_token})
    assert erin.post(url, json={}, headers={"X-CSRFToken": e_token}).get_json() == {"others": []}
    refused = erin.post(url, json={"key": 5}, headers={"X-CSRFToken": e_token})
    assert refused.status_code == 400
    # The poll checks its session itself: once the account is disabled it gets the login
    # page, the cookie is cleared, and the next poll is turned away too.
    services.set_active(desk(app), "erin", False)
    gone = erin.post(url, json={}, headers={"X-CSRFToken": e_token})
    assert gone.status_code == 302 and "/login" in gone.headers["Location"]
    assert erin.post(url, json={}, headers={"X-CSRFToken": e_token}).status_code in (302, 400)
    assert tina.post(url, json={}, headers={"X-CSRFToken": t_token}).get_json() == {"others": []}


def test_concordance_finds_either_language_with_origin(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    services.approve(desk(app), seeded.slug, "en", None, user_id=_uid(app, "erin"))
    login(client, "tina")
    hits = client.get("/memory/concordance.json?q=Nakatani&locale=en").get_json()["hits"]
    assert hits and all("Nakatani" in h["target"] for h in hits)
    assert "approved" in {h["origin"] for h in hits} and hits[0]["article"] == seeded.slug
    ko = client.get("/memory/concordance.json?q=나카타니&locale=en").get_json()["hits"]
    assert ko and "나카타니" in ko[0]["source"]
    # The origin as a Korean reader reads it, beside the stored one.
    url = "/memory/concordance.json?q=Nakatani&locale=en"
    labels = client.get(url, headers={"Accept-Language": "ko"}).get_json()["hits"]
    assert {(h["origin"], h["origin_label"]) for h in labels} >= {("approved", "승인")}
    key = seeded.keys[3]
    memory = client.get(
        f"/articles/{seeded.slug}/en/segments/{key}/suggestions", headers={"Accept-Language": "ko"}
    ).get_json()["memory"]
    assert memory and all(m["origin_label"] in {"승인", "정렬", "가져오기"} for m in memory)


def _uid(app: Flask, name: str) -> int:
    return next(u.id for u in services.list_users(desk(app)) if u.name == name)


def test_the_audit_log_reads_as_sentences_with_bulk_acts_expandable(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    ctx = desk(app)
    services.reject(
        ctx, seeded.slug, "en", seeded.keys[3], "Check the name", user_id=_uid(app, "eddie")
    )
    services.approve(ctx, seeded.slug, "en", None, user_id=_uid(app, "erin"))
    services.replace_in_article(
        ctx,
        seeded.slug,
        "en",
        "Seoul",
        "South Korea",
        case=True,
        word=True,
        user_id=_uid(app, "erin"),
    )
    login(client, "eddie")
    page = client.get("/audit").get_data(as_text=True)
    assert re.search(r"erin replaced “Seoul” with “South Korea” in \d+ segments", page)
    assert re.search(
        r'data-action="approve" data-count="21">.*?<details><summary>erin approved 21 segments',
        page,
        re.S,
    )
    assert "eddie sent back ¶2 sentence 1: “Check the name”" in page
    assert "Translated → Needs edit" in page  # states by their names
    only = client.get("/audit?user=eddie&action=reject&since=2000-01-01").get_data(as_text=True)
    assert only.count("<tr data-action=") == 1
    assert client.get("/audit?since=yesterday").status_code == 400
    exported = client.get("/audit.csv?action=approve")
    assert exported.mimetype == "text/csv"
    assert exported.data.decode("utf-8-sig").splitlines()[1].split(",")[4] == "approve"
    ko = client.get("/audit", headers={"Accept-Language": "ko"})
    assert ko.status_code == 200
    korean = ko.get_data(as_text=True)
    # People get the honorific, the system does not ("시스템 님이" would be odd).
    assert "eddie 님이" in korean and "시스템이" in korean and "시스템 님" not in korean


def test_a_replace_names_segments_as_people_do_and_says_why_in_korean(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    entries = services.show_article(desk(app), seeded.slug, "en").entries
    [first, *_] = [
        e.segment
        for e in entries
        if "South Korea" in e.translation.text and e.segment.paragraph is not None
    ]
    services.approve(desk(app), seeded.slug, "en", [first.key], user_id=_uid(app, "eddie"))
    login(client, "tina")
    ko = {"Accept-Language": "ko"}
    base = f"/articles/{seeded.slug}/en"
    page = client.get(f"{base}/replace?find=South+Korea&replace=the+ROK", headers=ko)
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    # Where each segment stands, in the editor's words, never its internal key.
    assert f"{first.paragraph}문단 {first.sentence}문장" in text
    assert not re.search(r">\s*s-[0-9a-f]{10}\s*<", text)
    assert "승인됨: 편집자만 바꿀 수 있습니다" in text and "only an editor" not in text
    found = client.get(f"{base}/replace?find=South+Korea&in=source", headers=ko)
    assert not re.search(r">\s*s-[0-9a-f]{10}\s*<", found.get_data(as_text=True))


def test_the_inbox_and_the_history_name_a_segment_as_people_do(
    app: Flask, client: FlaskClient, seeded: Seeded
) -> None:
    entries = services.show_article(desk(app), seeded.slug, "en").entries
    [body] = [e for e in entries if e.segment.paragraph == 2 and e.segment.sentence == 1]
    key = body.segment.key
    services.save_translation(
        desk(app),
        seeded.slug,
        "en",
        key,
        body.translation.text + " Indeed.",
        user_id=_uid(app, "tina"),
    )
    services.reject(desk(app), seeded.slug, "en", key, "too loose", user_id=_uid(app, "eddie"))
    login(client, "tina")
    ko = {"Accept-Language": "ko"}
    inbox = client.get("/inbox", headers=ko).get_data(as_text=True)
    assert f"#seg-{key}" in inbox and "2문단 1문장" in inbox and f">{key}<" not in inbox
    history = client.get(f"/articles/{seeded.slug}/en/segments/{key}/history", headers=ko)
    page = history.get_data(as_text=True)
    shown = re.sub(r'(href|action|value)="[^"]*"', "", page)  # what people read
    assert "2문단 1문장 이력" in page and key not in shown
    english = client.get(f"/articles/{seeded.slug}/en/segments/{key}/history").get_data(
        as_text=True
    )
    assert "History of ¶2 sentence 1" in english
