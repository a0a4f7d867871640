"""A machine-translation provider that never answers does not slow the editor down.

The LibreTranslate stand-in holds every /translate request without an answer (``hang``: a
minute, far longer than anything here). While several suggestion requests hang on it, the
editor page opens and a segment saves promptly; each suggestion request ends with a clear
timeout error (504) after the configured 2 s, and the threads that called the provider end
too — nothing is left waiting on the dead provider.

The time bounds are generous (the machine is shared): they tell "answers" from "hangs".
"""

from __future__ import annotations

import re
import threading
import time
from typing import Any

import requests
from flask import Flask

from tests.support.fixtures import libretranslate_env
from tests.support.libretranslate import FakeLibreTranslate
from tests.web.conftest import PASSWORD, Seeded
from workflow import services

MT_TIMEOUT = 2  # seconds, TRANSDESK_MT_TIMEOUT
PROMPT = 3.0  # the editor must answer within this while MT hangs
MT_GIVES_UP = 15.0  # a suggestion request must end within this (the provider hangs ≥ 60 s)
HANGING = 4  # suggestion requests hanging at once


env = libretranslate_env(timeout=MT_TIMEOUT)


def logged_in(base: str, name: str) -> tuple[requests.Session, str]:
    s = requests.Session()
    token = re.search(r'name="csrf_token" value="([^"]+)"', s.get(f"{base}/login").text)
    assert token
    data = {"name": name, "password": PASSWORD, "csrf_token": token.group(1)}
    assert s.post(f"{base}/login", data=data, allow_redirects=False).status_code == 302
    token = re.search(r'name="csrf_token" value="([^"]+)"', s.get(f"{base}/").text)
    assert token
    return s, token.group(1)


def mt_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name.startswith("transdesk-mt-")}


def wait_for(condition: Any, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return bool(condition())


def test_a_hanging_provider_does_not_slow_the_editor(
    app: Flask, live_server: str, seeded: Seeded, libretranslate: FakeLibreTranslate
) -> None:
    desk = app.extensions["transdesk"]
    before = mt_threads()
    session, token = logged_in(live_server, "tina")
    editor = f"{live_server}/articles/{seeded.slug}/en"
    libretranslate.behave("hang")

    # Several suggestion requests go out and hang on the provider.
    answers: dict[str, tuple[int, dict[str, Any], float]] = {}

    def suggest(key: str) -> None:
        s, _ = logged_in(live_server, "tina")
        started = time.monotonic()
        r = s.get(
            f"{editor}/segments/{key}/mt/libretranslate",
            headers={"Accept": "application/json"},
            timeout=120,
        )
        answers[key] = (r.status_code, r.json(), time.monotonic() - started)

    keys = seeded.keys[2 : 2 + HANGING]
    callers = [threading.Thread(target=suggest, args=(k,)) for k in keys]
    for t in callers:
        t.start()
    assert wait_for(lambda: libretranslate.held >= 1, 10), "no MT request reached the provider"

    # Meanwhile the editor opens and a save goes through, promptly.
    started = time.monotonic()
    page = session.get(editor, timeout=60)
    opened = time.monotonic() - started
    assert page.status_code == 200 and 'data-providers="libretranslate"' in page.text
    assert opened < PROMPT, f"the editor took {opened:.1f} s while MT hangs"
    assert libretranslate.held >= 1, "the MT requests were not hanging during the page load"

    key = seeded.keys[10]
    version = re.search(rf'id="seg-{key}"[^>]*data-version="(\d+)"', page.text)
    assert version
    started = time.monotonic()
    saved = session.post(
        f"{editor}/segments/{key}",
        data={"text": "Saved while MT hangs.", "version": version.group(1), "csrf_token": token},
        allow_redirects=False,
        timeout=60,
    )
    took = time.monotonic() - started
    assert saved.status_code == 302
    assert took < PROMPT, f"saving took {took:.1f} s while MT hangs"
    la = services.show_article(desk, seeded.slug, "en")
    assert next(e for e in la.entries if e.segment.key == key).translation.text == (
        "Saved while MT hangs."
    )

    # Each suggestion request ends with a clear timeout, not a hung worker.
    for t in callers:
        t.join(60)
    assert sorted(answers) == sorted(keys)
    for k, (status, body, elapsed) in answers.items():
        assert status == 504, (k, status, body)
        assert f"did not answer within {MT_TIMEOUT} s" in body["message"], body
        assert elapsed < MT_GIVES_UP, f"the MT suggestion took {elapsed:.1f} s to give up"
    # The provider still holds the requests (it hangs for a minute), but our side let go:
    # the threads that called it ended on their socket timeout.
    assert libretranslate.held >= 1
    assert wait_for(lambda: not (mt_threads() - before), MT_GIVES_UP), (
        f"MT threads still waiting on the provider: {sorted(t.name for t in mt_threads())}"
    )
