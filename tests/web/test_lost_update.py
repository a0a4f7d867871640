"""No lost update through the HTTP layer: 20 people save one segment at the same moment.

Each saver has a session of its own on the live server and posts the version its page
showed. Per version exactly one save goes through (a redirect back to the editor); every
other one gets 409 with the winner's text to merge with, and the history holds every save
that was acknowledged. Runs on SQLite and, with ``TRANSDESK_DATABASE_URL``, on PostgreSQL.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import requests
from flask import Flask

from tests.web.conftest import PASSWORD, Seeded
from workflow import services
from workflow.services import Context

SAVERS = 20
ROUNDS = 3
TIMEOUT = 60  # seconds per request: a bound against a hang, not a speed requirement


@dataclass(frozen=True)
class Outcome:
    saver: int
    text: str
    status: int
    body: str


def logged_in(base: str, name: str) -> tuple[requests.Session, str]:
    """A browser-like session of ``name`` and its CSRF token."""
    s = requests.Session()
    page = s.get(f"{base}/login", timeout=TIMEOUT).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    r = s.post(
        f"{base}/login",
        data={"name": name, "password": PASSWORD, "csrf_token": token.group(1)},
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    assert r.status_code == 302, r.text
    home = s.get(f"{base}/", timeout=TIMEOUT).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', home)
    assert token
    return s, token.group(1)


def save_at_once(
    sessions: list[tuple[requests.Session, str]], url: str, version: int, rnd: int
) -> list[Outcome]:
    """Every session posts its own text for ``version`` at the same moment."""
    outcomes: list[Outcome] = []
    lock = threading.Lock()
    barrier = threading.Barrier(len(sessions))

    def save(n: int) -> None:
        s, token = sessions[n]
        text = f"Round {rnd} text by saver {n}."
        barrier.wait()
        r = s.post(
            url,
            data={"text": text, "version": str(version), "csrf_token": token},
            allow_redirects=False,
            timeout=TIMEOUT,
        )
        with lock:
            outcomes.append(Outcome(n, text, r.status_code, r.text))

    threads = [threading.Thread(target=save, args=(n,)) for n in range(len(sessions))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(TIMEOUT * 2)
    return outcomes


def test_twenty_concurrent_savers_one_winner_per_version(
    app: Flask, live_server: str, seeded: Seeded
) -> None:
    ctx: Context = app.extensions["transdesk"]
    names = [f"saver{n:02d}" for n in range(SAVERS)]
    for name in names:
        services.add_user(ctx, name, "translator", PASSWORD)
    sessions = [logged_in(live_server, name) for name in names]
    key = seeded.keys[2]
    url = f"{live_server}/articles/{seeded.slug}/en/segments/{key}"
    start_version = services.segment_history(ctx, seeded.slug, "en", key).revisions[-1].version
    winners: list[Outcome] = []

    for rnd in range(ROUNDS):
        version = start_version + rnd
        outcomes = save_at_once(sessions, url, version, rnd)
        assert len(outcomes) == SAVERS, "a saver never got an answer"

        won = [o for o in outcomes if 200 <= o.status < 400]
        lost = [o for o in outcomes if o.status == 409]
        others = [(o.saver, o.status) for o in outcomes if o not in won and o not in lost]
        assert others == [], f"round {rnd}: answers other than success or 409: {others}"
        assert len(won) == 1, f"round {rnd}: {len(won)} saves of version {version} went through"
        assert len(lost) == SAVERS - 1
        winner = won[0]
        winners.append(winner)
        # Every loser is shown the winner's text and keeps their own to merge.
        for o in lost:
            assert winner.text in o.body, f"saver {o.saver} was not shown the winner's text"
            assert o.text in o.body, f"saver {o.saver} lost their own text"

    # The history holds every acknowledged save, in order, and nothing else.
    hist = services.segment_history(ctx, seeded.slug, "en", key)
    saved = hist.revisions[-ROUNDS:]
    assert [r.version for r in saved] == [start_version + n + 1 for n in range(ROUNDS)]
    assert [r.text for r in saved] == [w.text for w in winners]
    assert [r.user for r in saved] == [names[w.saver] for w in winners]
    assert len(hist.revisions) == start_version + ROUNDS
    la = services.show_article(ctx, seeded.slug, "en")
    current = next(e.translation for e in la.entries if e.segment.key == key)
    assert current.text == winners[-1].text
    assert current.version == start_version + ROUNDS
    # The history page lists them too (its text column shows word differences).
    s, _ = sessions[0]
    page = s.get(f"{url}/history", timeout=TIMEOUT).text
    for n, w in enumerate(winners):
        row = re.search(rf'<tr data-version="{start_version + n + 1}">(.*?)</tr>', page, re.S)
        assert row and names[w.saver] in row.group(1)


def test_approvals_racing_saves_never_fail_nor_approve_unseen_text(
    app: Flask, seeded: Seeded
) -> None:
    """Editors approving everything while translators save: no crash, no stale approval.

    On PostgreSQL the approval reads the rows it approves ``FOR UPDATE``; without that a save
    landing between its read and its write made the approval fail with a 500.
    """
    ctx: Context = app.extensions["transdesk"]
    users = {u.name: u.id for u in services.list_users(ctx)}
    keys = seeded.keys[:6]
    rounds = 8
    errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(3)

    def translator() -> None:
        for rnd in range(rounds):
            barrier.wait(TIMEOUT)
            for key in keys:
                try:
                    services.save_translation(
                        ctx, seeded.slug, "en", key, f"{key} take {rnd}.", user_id=users["tina"]
                    )
                except Exception as exc:  # anything at all is a failure here
                    with lock:
                        errors.append(f"save {key}: {type(exc).__name__}: {exc}")

    def editor(name: str) -> None:
        for _ in range(rounds):
            barrier.wait(TIMEOUT)
            try:
                services.approve(ctx, seeded.slug, "en", None, user_id=users[name])
            except Exception as exc:
                with lock:
                    errors.append(f"approve by {name}: {type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=translator)] + [
        threading.Thread(target=editor, args=(name,)) for name in ("eddie", "erin")
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(TIMEOUT * 4)
    assert errors == []

    # An approved segment carries exactly the text its approval was given for: the last
    # revision is the approval, and the text it approved is the one stored.
    la = services.show_article(ctx, seeded.slug, "en")
    for e in la.entries:
        if e.segment.key not in keys:
            continue
        hist = services.segment_history(ctx, seeded.slug, "en", e.segment.key)
        last = hist.revisions[-1]
        assert last.text == e.translation.text
        if e.translation.state.name == "APPROVED":
            assert last.action == "approve", (e.segment.key, last.action)
            assert e.translation.approved_by in ("eddie", "erin")
        else:
            assert last.action == "save"
            assert e.translation.text == f"{e.segment.key} take {rounds - 1}."
