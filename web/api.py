"""The JSON API for the newsroom's CMS: bearer tokens, the same rules as the browser.

Every route names the scope it needs; the token acts as its owner, so roles, desks, the
four-eyes rule and the publish gate are the services' and apply unchanged. No cookie
counts here (a logged-in browser cannot be tricked into calling the API), so no CSRF
token is needed. Errors are JSON: ``{"error": <kind>, "message": <what and where>}``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from flask import Blueprint, g, jsonify, request, url_for
from flask.typing import ResponseReturnValue

from web import serialize
from web.access import current_desk
from web.openapi_collab import document
from web.responses import download
from workflow import services
from workflow.errors import AuthenticationFailed, BadInput
from workflow.services import Principal
from workflow.text.clean import clean_text

bp = Blueprint("api", __name__, url_prefix="/api")
F = TypeVar("F", bound=Callable[..., Any])
MAX_CONTENT = 2 * 1024 * 1024  # characters of an article sent as JSON


def token_required(scope: str) -> Callable[[F], F]:
    """The caller must send ``Authorization: Bearer <token>`` with ``scope``."""

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            scheme, _, secret = request.headers.get("Authorization", "").partition(" ")
            if scheme.lower() != "bearer" or not secret.strip():
                return _unauthorized("send Authorization: Bearer <token>", "")
            try:
                principal = services.authenticate_token(current_desk(), secret.strip())
            except AuthenticationFailed as refused:
                return _unauthorized(refused.message, ', error="invalid_token"')
            principal.require(scope)
            g.principal = principal
            g.user = principal.user
            return view(*args, **kwargs)

        return cast(F, wrapped)

    return decorate


def _unauthorized(message: str, error: str) -> ResponseReturnValue:
    body = jsonify({"error": "Unauthorized", "message": message})
    return body, 401, {"WWW-Authenticate": f'Bearer realm="transdesk"{error}'}


def _caller() -> Principal:
    return cast(Principal, g.principal)


@bp.get("/openapi.json")
def openapi() -> ResponseReturnValue:
    return jsonify(document())


@bp.get("/v1/articles")
@token_required("articles:read")
def list_articles() -> ResponseReturnValue:
    overviews = services.list_articles(current_desk(), user_id=_caller().user.id)
    return jsonify({"articles": [serialize.api_overview(o) for o in overviews]})


@bp.post("/v1/articles")
@token_required("articles:write")
def import_article() -> ResponseReturnValue:
    body = _json_body()
    data, source = _content(body)
    result = services.import_article(
        current_desk(),
        data,
        source=source,
        locale=_text(body, "locale", required=True),
        format=_text(body, "format"),
        slug=_text(body, "slug"),
        desk_name=_text(body, "desk") or "news",
        user_id=_caller().user.id,
    )
    status = services.article_status(current_desk(), result.id, user_id=_caller().user.id)
    response = jsonify(serialize.article_status(status) | {"segments": result.segments})
    location = url_for("api.article", ref=result.slug)
    return response, 201, {"Location": location}


@bp.get("/v1/articles/<ref>")
@token_required("articles:read")
def article(ref: str) -> ResponseReturnValue:
    status = services.article_status(current_desk(), ref, user_id=_caller().user.id)
    return jsonify(serialize.article_status(status))


@bp.post("/v1/articles/<ref>/translations")
@token_required("articles:write")
def pair(ref: str) -> ResponseReturnValue:
    body = _json_body()
    data, source = _content(body)
    result = services.pair_translation(
        current_desk(),
        ref,
        data,
        source=source,
        locale=_text(body, "locale", required=True),
        format=_text(body, "format"),
        user_id=_caller().user.id,
        mt_provider=_text(body, "mt_provider"),
    )
    location = url_for("api.translation", ref=result.slug, locale=result.locale)
    return jsonify(serialize.api_pairing(result)), 201, {"Location": location}


@bp.get("/v1/articles/<ref>/<locale>")
@token_required("articles:read")
def translation(ref: str, locale: str) -> ResponseReturnValue:
    status = services.article_status(current_desk(), ref, user_id=_caller().user.id)
    for t in status.translations:
        if t.locale == locale:
            return jsonify(serialize.article(status.article) | serialize.locale_status(t))
    la = services.show_article(current_desk(), ref, locale, user_id=_caller().user.id)
    return jsonify(
        serialize.article(status.article) | {"locale": la.locale, "state": la.state.value}
    )


@bp.post("/v1/articles/<ref>/<locale>/publish")
@token_required("articles:publish")
def publish(ref: str, locale: str) -> ResponseReturnValue:
    la = services.publish(current_desk(), ref, locale, user_id=_caller().user.id)
    status = services.article_status(current_desk(), la.article.id, user_id=_caller().user.id)
    current = next(t for t in status.translations if t.locale == la.locale)
    bundle = url_for("api.bundle", ref=la.article.slug, locale=la.locale)
    return jsonify(
        serialize.article(la.article) | serialize.locale_status(current) | {"bundle": bundle}
    )


@bp.get("/v1/articles/<ref>/<locale>/bundle.zip")
@token_required("articles:read")
def bundle(ref: str, locale: str) -> ResponseReturnValue:
    return download(services.export_bundle(current_desk(), ref, locale, user_id=_caller().user.id))


@bp.get("/v1/articles/<ref>/<locale>/catalog.po")
@token_required("articles:read")
def catalog(ref: str, locale: str) -> ResponseReturnValue:
    return download(services.export_catalog(current_desk(), ref, locale, user_id=_caller().user.id))


def _json_body() -> dict[str, Any]:
    if not request.is_json:
        raise BadInput("send a JSON object with Content-Type: application/json", field="body")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise BadInput("the body is not a JSON object", field="body")
    return body


def _text(body: dict[str, Any], name: str, *, required: bool = False) -> str | None:
    value = body.get(name)
    if value is None or value == "":
        if required:
            raise BadInput("%(name)r is required", name=name, field=name)
        return None
    if not isinstance(value, str):
        raise BadInput(
            "%(name)r must be a string, not %(type_name)s",
            name=name,
            type_name=type(value).__name__,
            field=name,
        )
    # JSON escapes can make any code point (``\u0000``, a lone ``\ud800``): refuse them here,
    # with the field named, before anything is encoded or stored.
    return clean_text(value, field=name, limit=None)


def _content(body: dict[str, Any]) -> tuple[bytes, str]:
    """The article's text and a file name that tells its format (``filename``)."""
    content = _text(body, "content", required=True)
    assert content is not None
    if len(content) > MAX_CONTENT:
        raise BadInput(
            "'content' is longer than %(MAX_CONTENT)s characters",
            MAX_CONTENT=MAX_CONTENT,
            field="content",
        )
    return content.encode("utf-8"), _text(body, "filename") or "api-upload"
