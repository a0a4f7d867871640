"""Structured logs: a request id per request and JSON log lines, one per request and event.

Every request gets an id: the incoming ``X-Request-ID`` when it is a sane token (up to 64
characters of ``[A-Za-z0-9._-]``, as a load balancer sends), else a new uuid4 in hex. The
id goes back in the ``X-Request-ID`` response header and into every log line written
while the request runs, so one grep finds a request across the balancer, the app and
its errors.

``register(app)`` installs the hooks; outside tests it also sends the loggers
``transdesk`` (with ``transdesk.access``: one line per request, except the fine answers of a
view marked :func:`quiet_when_fine`, the presence poll), ``workflow`` and
``web`` (the app's own logger: unhandled errors with their traceback) to stderr as JSON,
once per process.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import IO, Any, TypeVar

from flask import Flask, Response, g, has_request_context, request
from flask.logging import default_handler

from web.access import view_marked

F = TypeVar("F", bound=Callable[..., Any])

ACCESS = logging.getLogger("transdesk.access")
#: The loggers whose records are written as JSON (children included).
LOGGERS = ("transdesk", "workflow", "web")
HEADER = "X-Request-ID"
SANE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")

# Attributes every LogRecord has; anything else on a record came in through ``extra=``.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
    "taskName",
}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ts, level, logger, message, request_id, then the extras.

    ``ts`` is UTC ISO 8601 with milliseconds. Values that JSON cannot hold are written
    with ``str``; a traceback goes in ``exc`` as one string.
    """

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None) or current_request_id()
        if request_id:
            data["request_id"] = request_id
        for name, value in vars(record).items():
            if name not in _STANDARD and name not in data:
                data[name] = value
        if record.exc_info:
            data["exc"] = self.formatException(record.exc_info)
        elif record.exc_text:
            data["exc"] = record.exc_text
        if record.stack_info:
            data["stack"] = self.formatStack(record.stack_info)
        return json.dumps(data, ensure_ascii=False, default=str)


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on records handled inside a request."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = current_request_id()
        return True


def current_request_id() -> str | None:
    """The id of the request being handled, or None outside a request."""
    if not has_request_context():
        return None
    value = g.get("request_id")
    return str(value) if value else None


def request_id_from(header: str | None) -> str:
    """The incoming id when it is a sane token, else a fresh one."""
    if header and SANE_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


def json_handler(stream: IO[str] | None = None) -> logging.Handler:
    """A handler writing JSON lines (with the request id) to ``stream`` (stderr)."""
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    handler.set_name("transdesk-json")
    return handler


def configure_logging(stream: IO[str] | None = None, level: int = logging.INFO) -> logging.Handler:
    """Send ``LOGGERS`` to one JSON handler; calling it again replaces the handler."""
    handler = json_handler(stream)
    for name in LOGGERS:
        logger = logging.getLogger(name)
        for old in [h for h in logger.handlers if h.get_name() == "transdesk-json"]:
            logger.removeHandler(old)
        logger.addHandler(handler)
        logger.setLevel(level)
    return handler


def register(app: Flask) -> None:
    """Request ids and the access line for every request; JSON logging outside tests."""
    if not app.testing:
        configure_logging()
        # The app logger ("web.app") logs through the JSON handler of "web", not Flask's.
        app.logger.removeHandler(default_handler)
    app.before_request(_start)
    app.after_request(_finish)


def _start() -> None:
    g.request_id = request_id_from(request.headers.get(HEADER))
    g.request_started = time.perf_counter()


def quiet_when_fine(view: F) -> F:
    """Mark a view whose answers are logged at DEBUG when they are fine: a 2xx in under
    ``QUIET_UNDER_MS``. For the presence poll — most of a desk's requests (50 people in the
    editor: a million a day) — whose every line would bury the requests people make; a poll
    that fails, is turned away or is slow is logged as any request is."""
    view.quiet_when_fine = True  # type: ignore[attr-defined]
    return view


#: A quiet view's answer slower than this (milliseconds) is logged at INFO all the same.
QUIET_UNDER_MS = 1000.0


def _level(status: int, duration: float | None) -> int:
    if status >= 500:
        return logging.ERROR
    fine = status < 300 and duration is not None and duration < QUIET_UNDER_MS
    if fine and view_marked("quiet_when_fine"):
        return logging.DEBUG
    return logging.INFO


def _finish(response: Response) -> Response:
    request_id = g.get("request_id") or request_id_from(request.headers.get(HEADER))
    response.headers[HEADER] = request_id
    started = g.get("request_started")
    duration = (time.perf_counter() - started) * 1000 if started is not None else None
    level = _level(response.status_code, duration)
    if not ACCESS.isEnabledFor(level):
        return response
    user = g.get("user")
    ACCESS.log(
        level,
        "%s %s %s",
        request.method,
        request.path,
        response.status_code,
        extra={
            "request_id": request_id,
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": round(duration, 2) if duration is not None else None,
            "user": getattr(user, "id", None),
            "remote_addr": request.remote_addr,
        },
    )
    return response
