"""The JSON API for working together: the caller's inbox, assignments, the desk's people.

Bearer tokens with the ``work`` scope, acting as their owner (``web/api.py``'s rules);
documented in ``web/openapi_collab.py``.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue

from web import serialize
from web.access import current_desk
from web.api import _caller, _json_body, _text, token_required
from workflow import services
from workflow.errors import BadInput

bp = Blueprint("api_collab", __name__, url_prefix="/api")


@bp.get("/v1/inbox")
@token_required("work")
def inbox() -> ResponseReturnValue:
    unread = request.args.get("unread", "") in ("1", "true", "yes")
    events = services.inbox_of(current_desk(), unread=unread, user_id=_caller().user.id)
    return jsonify({"items": [serialize.api_inbox_event(e) for e in events]})


@bp.post("/v1/inbox/read")
@token_required("work")
def mark_read() -> ResponseReturnValue:
    body = _json_body()
    ids = body.get("ids")
    if ids is not None and (not isinstance(ids, list) or not all(type(i) is int for i in ids)):
        raise BadInput("'ids' must be a list of inbox item ids, or null for all", field="ids")
    read = body.get("read", True)
    if not isinstance(read, bool):
        raise BadInput("'read' must be true or false", field="read")
    n = services.mark_read(current_desk(), ids, read=read, user_id=_caller().user.id)
    return jsonify({"changed": n})


@bp.get("/v1/assignments")
@token_required("work")
def my_assignments() -> ResponseReturnValue:
    made = services.my_assignments(current_desk(), user_id=_caller().user.id)
    return jsonify({"assignments": [serialize.assignment(a) for a in made]})


@bp.post("/v1/assignments")
@token_required("work")
def assign() -> ResponseReturnValue:
    body = _json_body()
    refs = _list(body, "articles", required=True)
    keys = _list(body, "keys")
    made = services.assign_work(
        current_desk(),
        refs,
        _text(body, "locale", required=True) or "",
        to=_text(body, "to", required=True) or "",
        keys=keys or None,
        due=services.parse_due(_text(body, "due")),
        user_id=_caller().user.id,
    )
    return jsonify({"assignments": [serialize.assignment(a) for a in made]}), 201


@bp.get("/v1/articles/<ref>/<locale>/assignments")
@token_required("work")
def article_assignments(ref: str, locale: str) -> ResponseReturnValue:
    made = services.assignments_of(current_desk(), ref, locale, user_id=_caller().user.id)
    return jsonify({"assignments": [serialize.assignment(a) for a in made]})


@bp.get("/v1/people")
@token_required("work")
def people() -> ResponseReturnValue:
    ref = request.args.get("article") or None
    found = services.desk_people(current_desk(), ref, user_id=_caller().user.id)
    return jsonify({"people": [serialize.person(p) for p in found]})


def _list(body: dict[str, Any], name: str, *, required: bool = False) -> list[str]:
    value = body.get(name)
    if value is None or value == []:
        if required:
            raise BadInput("%(name)r is required", name=name, field=name)
        return []
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise BadInput("%(name)r must be a list of strings", name=name, field=name)
    return [str(v) for v in value]
