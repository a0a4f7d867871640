"""The editor's JSON endpoints: one segment's save, approve, reject, revert, comment or
dismissal by ``fetch``, answered with the row redrawn (the same ``_row.html`` as the page),
the header's counts, and the next segment that needs the user. The forms of the page stay
the no-JavaScript path (``web/articles.py``, ``web/review.py``). Refusals come back as JSON
from ``web/errors.py`` with ``text``, a sentence in the UI language (``web/messages.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from flask import Blueprint, jsonify, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import generate_csrf

from web.access import current_desk, current_user, login_required, user_id
from web.fields import optional_number
from workflow import services
from workflow.errors import BadInput
from workflow.model import Segment, SegmentKind
from workflow.services import EditorRow, SegmentRequest
from workflow.states import SegmentState

bp = Blueprint("segments", __name__)

DONE = {
    "save": _l("Saved."),
    "approve": _l("Approved."),
    "reject": _l("Sent back to the translator."),
    "revert": _l("Brought back the earlier version."),
    "comment": _l("Comment added."),
    "dismiss": _l("Warning dismissed."),
}


@bp.app_template_filter("segment_label")
def segment_label(segment: Segment) -> str:
    """What people read for a segment: "Title", "¶2 sentence 1", "Byline" (never its key)."""
    return place_label(segment.kind.value, segment.paragraph, segment.sentence)


@bp.app_template_global("place_label")
def place_label(kind: str, paragraph: int | None, sentence: int | None) -> str:
    """:func:`segment_label` from a segment's stored kind, paragraph and sentence."""
    if kind == SegmentKind.BODY.value:
        return _("¶%(p)d sentence %(s)d", p=paragraph or 0, s=sentence or 0)
    names = {
        SegmentKind.TITLE.value: _("Title"),
        SegmentKind.SUBTITLE.value: _("Subtitle"),
        SegmentKind.BYLINE.value: _("Byline"),
    }
    return names.get(kind, kind)


class _HasSegments(Protocol):
    segments: Mapping[str, Segment]


@bp.app_template_global("place")
def place(result: _HasSegments, key: str) -> str:
    """A segment named in a result (a replace, a catalog upload) as people name it; its key
    if the result does not know it."""
    segment = result.segments.get(key)
    return segment_label(segment) if segment is not None else key


@bp.post("/articles/<ref>/<locale>/rows/<key>/<action>")
@login_required
def act(ref: str, locale: str, key: str, action: str) -> ResponseReturnValue:
    """Do ``action`` on one segment and answer with its row (JSON or form fields in)."""
    data = _fields()
    req = SegmentRequest(
        action=action,
        text=str(data.get("text", "")),
        version=optional_number(data.get("version"), "version"),
        reason=str(data.get("reason", "")),
        check=str(data.get("check", "")),
        to_version=optional_number(data.get("to_version"), "to_version"),
        body=str(data.get("body", "")),
    )
    row = services.segment_act(current_desk(), ref, locale, key, req, user_id=user_id())
    return jsonify(_answer(row, action))


@bp.get("/articles/<ref>/<locale>/rows/<key>")
@login_required
def show(ref: str, locale: str, key: str) -> ResponseReturnValue:
    """One segment's row as the editor draws it, and the next segment needing the user."""
    row = services.editor_row(current_desk(), ref, locale, key, user_id=user_id())
    return jsonify(_answer(row, "show"))


def _answer(row: EditorRow, action: str) -> dict[str, Any]:
    user = current_user()
    assert user is not None
    la = row  # what the templates read of the article × locale: article, locale, state
    base = url_for("articles.view", ref=la.article.slug, locale=la.locale)
    html = render_template(
        "articles/_row.html",
        e=row.entry,
        thread=row.thread,
        q=row.qa,
        bead=row.bead,
        reviewer=user.role.can_review,
        base=base,
        approve_url=url_for("review.approve", ref=la.article.slug, locale=la.locale),
        token=_csrf(),
        a=la.article,
        la=la,
        State=SegmentState,
        me=user.name,
        focus=None,
    )
    counts = render_template("articles/_counts.html", la=la, counts=row.counts, needing=row.needing)
    t = row.entry.translation
    return {
        "key": row.entry.segment.key,
        "state": t.state.label,
        "version": t.version,
        "message": str(DONE.get(action, "")),
        "row": html,
        "counts": counts,
        "needing": row.needing,
        "next": row.next_key,
        "next_url": url_for(
            "articles.view", ref=la.article.slug, locale=la.locale, after=row.entry.segment.key
        ),
        "done": None if row.next_key else _("All done here — 0 segments need you"),
    }


def _fields() -> dict[str, Any]:
    if request.is_json:
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            raise BadInput("the request body must be a JSON object", field="body")
        return body
    return dict(request.form.items())


def _csrf() -> str:
    return str(generate_csrf())
