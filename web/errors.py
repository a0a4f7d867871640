"""Maps the domain's exceptions (and HTTP errors) to responses, HTML or JSON, once."""

from __future__ import annotations

from flask import Flask, current_app, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from web.messages import explain, http_text, too_large
from workflow.errors import ChecksBlock, VersionConflict, WorkflowError


def register(app: Flask) -> None:
    app.register_error_handler(WorkflowError, handle_workflow_error)
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(RequestEntityTooLarge, handle_too_large)
    app.register_error_handler(HTTPException, handle_http_error)


def wants_json() -> bool:
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def handle_workflow_error(error: WorkflowError) -> ResponseReturnValue:
    payload: dict[str, object] = {
        "error": type(error).__name__,
        "message": str(error),
        "text": explain(error),
    }
    if isinstance(error, VersionConflict):
        payload |= {"current_text": error.current_text, "current_version": error.current_version}
    if isinstance(error, ChecksBlock):
        payload["findings"] = error.findings
    field = getattr(error, "field", None)
    if field:
        payload["field"] = field
    return _respond(error.status, payload)


def handle_csrf_error(error: CSRFError) -> ResponseReturnValue:
    return _respond(
        400,
        {
            "error": "CSRFError",
            "message": error.description or "CSRF error",
            "text": http_text(400),
        },
    )


def handle_too_large(error: RequestEntityTooLarge) -> ResponseReturnValue:
    """An upload over ``MAX_CONTENT_LENGTH``: say the limit, in the words of BadInput."""
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    message = "the file is too large"
    if limit:
        message += f": the limit for an upload is {limit / (1024 * 1024):g} MB"
    mb = limit / (1024 * 1024) if limit else None
    return _respond(
        413, {"error": "RequestEntityTooLarge", "message": message, "text": too_large(mb)}
    )


def handle_http_error(error: HTTPException) -> ResponseReturnValue:
    code = error.code or 500
    return _respond(
        code,
        {"error": error.name, "message": error.description or error.name, "text": http_text(code)},
    )


def _respond(status: int, payload: dict[str, object]) -> ResponseReturnValue:
    if wants_json():
        return jsonify(payload), status
    return render_template("error.html", status=status, back=_back(), **payload), status


def _back() -> str | None:
    """Where the person came from, if it was a page of this desk: the way back."""
    referrer = request.referrer or ""
    if referrer.startswith(request.host_url) and referrer != request.url:
        return referrer
    return None
