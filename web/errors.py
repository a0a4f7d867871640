"""Maps the domain's exceptions (and HTTP errors) to responses, HTML or JSON, once."""

from __future__ import annotations

from flask import Flask, current_app, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from web.messages import explain, http_text, too_large
from workflow.errors import ChecksBlock, VersionConflict, WorkflowError, translated


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
        "message": error.localize(_),  # the request's language; the CLI prints str(error)
        "text": explain(error),
    }
    if isinstance(error, VersionConflict):
        payload |= {"current_text": error.current_text, "current_version": error.current_version}
    if isinstance(error, ChecksBlock):
        payload["findings"] = {
            key: [str(translated(found, _)) for found in messages]
            for key, messages in error.findings.items()
        }
    field = getattr(error, "field", None)
    if field:
        payload["field"] = field
    return _respond(error.status, payload)


def handle_csrf_error(error: CSRFError) -> ResponseReturnValue:
    message = _(
        "The form has expired or did not come from this site; reload the page and try again."
    )
    return _respond(400, {"error": "CSRFError", "message": message, "text": http_text(400)})


def handle_too_large(error: RequestEntityTooLarge) -> ResponseReturnValue:
    """An upload over ``MAX_CONTENT_LENGTH``: say the limit, in the words of BadInput."""
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    message = _("the file is too large")
    if limit:
        message = _(
            "the file is too large: the limit for an upload is %(size)s MB",
            size=format(limit / (1024 * 1024), "g"),
        )
    mb = limit / (1024 * 1024) if limit else None
    return _respond(
        413, {"error": "RequestEntityTooLarge", "message": message, "text": too_large(mb)}
    )


#: What the error page says for the HTTP errors people meet (werkzeug's texts are English).
HTTP_MESSAGES = {
    400: _l("The request could not be understood."),
    401: _l("Log in to see this page."),
    403: _l("You may not see this page."),
    404: _l("There is no such page. Check the address, or start again from the articles."),
    405: _l("This address does not take that kind of request."),
    409: _l("The request conflicts with the current state of the article."),
    413: _l("the file is too large"),
    429: _l("Too many requests; wait a little and try again."),
    500: _l("Something went wrong on our side; the administrators have been told."),
}


def handle_http_error(error: HTTPException) -> ResponseReturnValue:
    code = error.code or 500
    known = HTTP_MESSAGES.get(code)
    if known is not None and error.description == type(error).description:
        message = str(known)
    else:
        message = error.description or error.name
    return _respond(code, {"error": error.name, "message": message, "text": http_text(code)})


#: The heading of the error page by status (the JSON keeps the class name in ``error``).
TITLES = {
    400: _l("Cannot do that"),
    401: _l("Not logged in"),
    403: _l("Not allowed"),
    404: _l("Not found"),
    405: _l("Not allowed"),
    409: _l("Conflict"),
    413: _l("Too large"),
    429: _l("Too many attempts"),
    500: _l("Server error"),
}


def _respond(status: int, payload: dict[str, object]) -> ResponseReturnValue:
    if wants_json():
        return jsonify(payload), status
    title = TITLES.get(status) or TITLES[400 if status < 500 else 500]
    return (
        render_template("error.html", status=status, title=title, back=_back(), **payload),
        status,
    )


def _back() -> str | None:
    """Where the person came from, if it was a page of this desk: the way back."""
    referrer = request.referrer or ""
    if referrer.startswith(request.host_url) and referrer != request.url:
        return referrer
    return None
