"""Security headers on every response, and the health check for load balancers."""

from __future__ import annotations

from flask import Blueprint, Flask, Response, jsonify
from flask.typing import ResponseReturnValue

from web.access import current_desk
from workflow import services

bp = Blueprint("health", __name__)

CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def register(app: Flask) -> None:
    app.after_request(_headers)
    app.register_blueprint(bp)


def _headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    h = services.health(current_desk())
    body = {"database": h.database, "queue": h.queue, "pending_jobs": h.pending_jobs}
    return jsonify(body), 200 if h.ok else 503
