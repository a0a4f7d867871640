"""Web fixtures: a seeded desk (sample pair + users), logins, a live server and Chromium."""

from __future__ import annotations

import contextlib
import gc
import io
import os
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.serving import ThreadedWSGIServer
from werkzeug.test import TestResponse

from bench._browser import CHROMIUM, CHROMIUM_FLAGS
from tests.conftest import SAMPLES
from workflow import services
from workflow.services import Context

PASSWORD = "correct horse battery staple"


@dataclass(frozen=True)
class Seeded:
    slug: str
    keys: list[str]


@pytest.fixture
def seeded(app: Flask) -> Seeded:
    """The sample pair imported and paired, and users tina (translator), eddie and erin."""
    ctx: Context = app.extensions["transdesk"]
    for name, role in (("tina", "translator"), ("eddie", "editor"), ("erin", "editor")):
        services.add_user(ctx, name, role, PASSWORD)
    ko = SAMPLES / "hani-ko-689058-demo.txt"
    en = SAMPLES / "hani-en-689225.txt"
    imported = services.import_article(ctx, ko.read_bytes(), source=ko.name, locale="ko")
    services.pair_translation(ctx, imported.slug, en.read_bytes(), source=en.name, locale="en")
    la = services.show_article(ctx, imported.slug, "en")
    return Seeded(slug=imported.slug, keys=[e.segment.key for e in la.entries])


def csrf_token(client: FlaskClient, path: str = "/login") -> str:
    page = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def login(client: FlaskClient, name: str) -> str:
    """Log ``name`` in; returns a CSRF token for later posts."""
    token = csrf_token(client)
    response = client.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302, response.get_data(as_text=True)
    return csrf_token(client, "/")


def switch_user(client: FlaskClient, token: str, name: str) -> str:
    """Log the current user out (``token`` is their CSRF token) and ``name`` in; the new token."""
    client.post("/logout", data={"csrf_token": token})
    return login(client, name)


def upload(
    client: FlaskClient,
    url: str,
    token: str,
    data: bytes,
    name: str,
    *,
    follow_redirects: bool = False,
    **fields: str,
) -> TestResponse:
    """Post ``data`` as the form's file ``name`` to ``url``, with ``fields`` and the CSRF token."""
    return client.post(
        url,
        data={"file": (io.BytesIO(data), name), "csrf_token": token, **fields},
        content_type="multipart/form-data",
        follow_redirects=follow_redirects,
    )


class LiveServer(ThreadedWSGIServer):
    """The app on a loopback port whose stop waits for the requests it is serving.

    A request still running when a test ends would otherwise hand its database
    connection back after the test's engine was disposed, and the connection
    would be closed by the garbage collector in some later test.
    """

    def __init__(self, app: Flask) -> None:
        super().__init__("127.0.0.1", 0, app)
        self._lock = threading.Lock()
        self._serving: dict[threading.Thread, socket.socket] = {}

    def process_request_thread(self, request: socket.socket, client_address: object) -> None:
        with self._lock:
            self._serving[threading.current_thread()] = request
        try:
            super().process_request_thread(request, client_address)  # type: ignore[arg-type]
        finally:
            with self._lock:
                del self._serving[threading.current_thread()]

    def stop(self, timeout: float = 10.0) -> list[threading.Thread]:
        """Stop accepting, end idle keep-alive connections, wait for the rest.

        Returns the handler threads still running after ``timeout`` (none, normally).
        """
        self.shutdown()
        with self._lock:
            serving = list(self._serving.items())
        for _thread, request in serving:
            # The reading side only: an idle keep-alive handler sees the end of its
            # stream, a handler in the middle of a request still writes its answer.
            with contextlib.suppress(OSError):
                request.shutdown(socket.SHUT_RD)
        deadline = time.monotonic() + timeout
        for thread, _request in serving:
            thread.join(max(0.0, deadline - time.monotonic()))
        self.server_close()
        return [thread for thread, _request in serving if thread.is_alive()]


@pytest.fixture
def live_server(app: Flask) -> Iterator[str]:
    server = LiveServer(app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    still_running = server.stop()
    thread.join(timeout=5)
    # A connection a request leaked is reported here, at the test that leaked it.
    gc.collect()
    assert not still_running, f"{len(still_running)} request(s) still running after the test"


def settled(page: Any, selector: str) -> None:
    """After a form post reloaded the page: wait until it shows ``selector`` and its deferred
    scripts have run (a click or key before that takes the no-JavaScript path)."""
    page.locator(selector).wait_for()
    page.wait_for_load_state("load")


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """Debian's Chromium through Playwright; required on CI, skipped elsewhere if missing."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium is required on CI and {CHROMIUM} is missing")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(chromium: Any, live_server: str) -> Iterator[Callable[..., Any]]:
    """Pages in fresh browser contexts (own cookies and storage), closed after the test and
    before the live server stops; ``page.console_errors`` holds the page's console errors."""
    contexts: list[Any] = []

    def make(**options: Any) -> Any:
        options.setdefault("locale", "en-US")
        context = chromium.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        errors: list[str] = []

        def console(m: Any) -> None:
            # the browser's own favicon request is not the page's doing
            if m.type == "error" and "favicon" not in (m.location or {}).get("url", ""):
                errors.append(m.text)

        page.on("console", console)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.console_errors = errors
        return page

    yield make
    for context in contexts:
        context.close()
