"""A LibreTranslate-compatible HTTP server on 127.0.0.1 whose behaviour each test scripts.

``POST /translate`` reads ``q``, ``source``, ``target``, ``format`` and ``api_key`` from the
query string (where deep-translator puts them), a form body or a JSON body, and answers
``{"translatedText": ...}``; ``GET /languages`` lists Korean and English. Every request is
recorded so tests can check what was sent (the key) and what was not (logged anywhere).

``GET /get?q=…&langpair=ko-KR|en-US`` speaks MyMemory's dialect with the same behaviours, so
deep-translator's own ``MyMemoryTranslator`` can be pointed here (MyMemory itself answers its
quota warning with HTTP 200, as the ``quota`` behaviour does).

Behaviours (:meth:`FakeLibreTranslate.behave`):

``echo``        ``prefix + q`` (default ``"EN: "``)
``dictionary``  ``dictionary[q]``, else 400 like LibreTranslate's "cannot translate"
``status``      answer ``status`` with a LibreTranslate-style ``{"error": ...}`` body
``garbage``     HTTP 200 with an HTML page instead of JSON
``quota``       HTTP 200 with MyMemory's quota warning as the "translation"
``hang``        no answer at all: the request is held ``delay`` seconds (default
                ``HANG_SECONDS``) or until :meth:`close`, then the connection is dropped

``delay`` (seconds) applies before any answer; :meth:`close` cuts delays short.
:attr:`FakeLibreTranslate.held` counts the requests being held right now.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

MYMEMORY_QUOTA_WARNING = (
    "MYMEMORY WARNING: YOU USED ALL AVAILABLE FREE TRANSLATIONS FOR TODAY. NEXT AVAILABLE IN  "
    "10 HOURS 20 MINUTES 57 SECONDS VISIT HTTPS://MYMEMORY.TRANSLATED.NET/DOC/USAGELIMITS.PHP "
    "TO TRANSLATE MORE"
)
MODES = ("echo", "dictionary", "status", "garbage", "quota", "hang")
HANG_SECONDS = 60.0  # "hang" without a delay: far longer than any timeout under test
LANGUAGES = [
    {"code": "en", "name": "English", "targets": ["en", "ko"]},
    {"code": "ko", "name": "Korean", "targets": ["en", "ko"]},
]


@dataclass(frozen=True)
class Behaviour:
    mode: str = "echo"
    prefix: str = "EN: "
    dictionary: dict[str, str] = field(default_factory=dict)
    status: int = 500
    delay: float = 0.0


@dataclass(frozen=True)
class Recorded:
    """One request as the server saw it; ``params`` merges query string and body."""

    method: str
    path: str
    params: dict[str, str]
    raw_path: str


class FakeLibreTranslate:
    """The server; use as the ``libretranslate`` fixture or as a context manager."""

    def __init__(self) -> None:
        self._behaviour = Behaviour()
        self._requests: list[Recorded] = []
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._held = 0
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.fake = self
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        """The base URL, ending in ``/`` as deep-translator's ``LibreTranslator`` needs."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/"

    def behave(
        self,
        mode: str = "echo",
        *,
        prefix: str = "EN: ",
        dictionary: dict[str, str] | None = None,
        status: int = 500,
        delay: float = 0.0,
    ) -> None:
        """Script the answers from now on (see the module docstring)."""
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; known: {', '.join(MODES)}")
        with self._lock:
            self._behaviour = Behaviour(mode, prefix, dict(dictionary or {}), status, delay)

    @property
    def requests(self) -> list[Recorded]:
        with self._lock:
            return list(self._requests)

    @property
    def translations(self) -> list[Recorded]:
        """The ``POST /translate`` requests only."""
        return [r for r in self.requests if r.path == "/translate"]

    @property
    def held(self) -> int:
        """How many requests the ``hang`` mode is holding without an answer right now."""
        with self._lock:
            return self._held

    def start(self) -> FakeLibreTranslate:
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving, release delayed answers, and wait for every handler thread."""
        self._release.set()
        self._server.shutdown()
        self._server.server_close()  # joins the handler threads (block_on_close)
        self._thread.join(5)

    def __enter__(self) -> FakeLibreTranslate:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- used by the handler -------------------------------------------------------------

    def _record(self, request: Recorded) -> Behaviour:
        with self._lock:
            self._requests.append(request)
            return self._behaviour

    def _wait(self, seconds: float) -> None:
        if seconds > 0:
            self._release.wait(seconds)

    def _hang(self, behaviour: Behaviour) -> None:
        """Hold the request unanswered (``hang`` mode); the handler then drops the connection."""
        with self._lock:
            self._held += 1
        try:
            self._release.wait(behaviour.delay or HANG_SECONDS)
        finally:
            with self._lock:
                self._held -= 1


class _Server(ThreadingHTTPServer):
    daemon_threads = False
    block_on_close = True
    fake: FakeLibreTranslate

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that gave up (the timeout tests) closes its socket mid-answer: expected.
        pass


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output clean; requests are recorded instead

    def do_GET(self) -> None:
        split = urlsplit(self.path)
        self.server.fake._record(
            Recorded("GET", split.path, dict(parse_qsl(split.query)), self.path)
        )
        if split.path == "/languages":
            self._send(200, json.dumps(LANGUAGES).encode(), "application/json")
        elif split.path == "/get":
            self._mymemory(dict(parse_qsl(split.query)))
        else:
            self._send_json(404, {"error": "Not Found"})

    def do_POST(self) -> None:
        split = urlsplit(self.path)
        params = dict(parse_qsl(split.query))
        params.update(self._body())
        fake = self.server.fake
        behaviour = fake._record(Recorded("POST", split.path, params, self.path))
        if split.path != "/translate":
            self._send_json(404, {"error": "Not Found"})
            return
        if behaviour.mode == "hang":
            fake._hang(behaviour)
            self.close_connection = True
            return
        fake._wait(behaviour.delay)
        text = params.get("q", "")
        if behaviour.mode == "echo":
            self._send_json(200, {"translatedText": behaviour.prefix + text})
        elif behaviour.mode == "dictionary":
            if text in behaviour.dictionary:
                self._send_json(200, {"translatedText": behaviour.dictionary[text]})
            else:
                self._send_json(400, {"error": f"cannot translate {text!r}"})
        elif behaviour.mode == "status":
            messages = {429: "Too many request limits violation", 403: "Invalid API key"}
            error = messages.get(behaviour.status, "Internal Server Error")
            self._send_json(behaviour.status, {"error": error})
        elif behaviour.mode == "garbage":
            self._send(200, b"<html><body>502 Bad Gateway</body></html>", "text/html")
        else:  # quota
            self._send_json(200, {"translatedText": MYMEMORY_QUOTA_WARNING})

    def _mymemory(self, params: dict[str, str]) -> None:
        behaviour = self.server.fake._behaviour
        if behaviour.mode == "hang":
            self.server.fake._hang(behaviour)
            self.close_connection = True
            return
        self.server.fake._wait(behaviour.delay)
        text = params.get("q", "")
        if behaviour.mode == "status":
            self._send_json(behaviour.status, {"responseStatus": behaviour.status})
        elif behaviour.mode == "garbage":
            self._send(200, b"<html>maintenance</html>", "text/html")
        else:
            answer = {
                "echo": behaviour.prefix + text,
                "dictionary": behaviour.dictionary.get(text, ""),
                "quota": MYMEMORY_QUOTA_WARNING,
            }[behaviour.mode]
            data = {"responseData": {"translatedText": answer}, "responseStatus": 200}
            self._send_json(200, {**data, "matches": []})

    def _body(self) -> dict[str, str]:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if not raw:
            return {}
        if "json" in (self.headers.get("Content-Type") or ""):
            data = json.loads(raw)
            return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}
        return dict(parse_qsl(raw.decode()))

    def _send_json(self, status: int, data: object) -> None:
        self._send(status, json.dumps(data, ensure_ascii=False).encode(), "application/json")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type + "; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
