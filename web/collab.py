"""Working together in the editor: search and replace (one article, or across articles for
editors) with a preview and an undo, presence polling, memory concordance.

Thin views: one service call each. Presence and concordance answer JSON for
``static/presence.js`` and ``static/concordance.js``.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, g, jsonify, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from web.access import (
    checks_own_session,
    current_desk,
    current_user,
    login_required,
    reviewer_required,
    to_login,
)
from web.filters import tr_text
from web.logs import quiet_when_fine
from web.messages import origin_label
from web.responses import redirect_to_next
from web.segments import place
from workflow import services
from workflow.errors import BadInput

bp = Blueprint("collab", __name__)


def _options() -> dict[str, Any]:
    args = request.values
    return {"case": args.get("case") == "1", "word": args.get("word") == "1"}


@bp.get("/articles/<ref>/<locale>/replace")
@login_required
def replace_form(ref: str, locale: str) -> ResponseReturnValue:
    find = request.args.get("find", "")
    replacement = request.args.get("replace", "")
    in_source = request.args.get("in") == "source"
    hits: list[services.Hit] = []
    preview = None
    if find.strip() and in_source:
        hits = services.search_article(
            current_desk(), ref, locale, find, in_source=True, **_options(), user_id=_uid()
        )
    elif find.strip():
        preview = services.replace_in_article(
            current_desk(),
            ref,
            locale,
            find,
            replacement,
            dry_run=True,
            **_options(),
            user_id=_uid(),
        )
    return render_template(
        "inbox/replace.html",
        ref=ref,
        locale=locale,
        find=find,
        replacement=replacement,
        in_source=in_source,
        hits=hits,
        preview=preview,
        options=_options(),
    )


@bp.post("/articles/<ref>/<locale>/replace")
@login_required
def replace(ref: str, locale: str) -> ResponseReturnValue:
    form = request.form
    done = services.replace_in_article(
        current_desk(),
        ref,
        locale,
        form.get("find", ""),
        form.get("replace", ""),
        keys=form.getlist("key"),
        **_options(),
        user_id=_uid(),
    )
    return render_template("inbox/replaced.html", ref=ref, locale=locale, done=done)


@bp.post("/replace/<int:batch>/undo")
@login_required
def undo(batch: int) -> ResponseReturnValue:
    undone = services.undo_replace(current_desk(), batch, user_id=_uid())
    flash(_("Replace undone in %(n)d segments.", n=len(undone.changed)), "ok")
    for s in undone.skipped:
        where = place(undone, s.key)
        flash(_("%(key)s left as it is: %(reason)s", key=where, reason=tr_text(s.reason)), "warn")
    return redirect_to_next(url_for("articles.index"))


@bp.get("/replace")
@reviewer_required
def replace_all_form() -> ResponseReturnValue:
    find = request.args.get("find", "")
    locale = request.args.get("locale") or "en"
    found = (
        services.search_articles(current_desk(), locale, find, **_options(), user_id=_uid())
        if find.strip()
        else []
    )
    return render_template(
        "inbox/replace_all.html",
        find=find,
        replacement=request.args.get("replace", ""),
        locale=locale,
        found=found,
        options=_options(),
    )


@bp.post("/replace")
@reviewer_required
def replace_all() -> ResponseReturnValue:
    form = request.form
    out = services.replace_in_articles(
        current_desk(),
        form.getlist("article"),
        form.get("locale") or "en",
        form.get("find", ""),
        form.get("replace", ""),
        **_options(),
        user_id=_uid(),
    )
    return render_template("inbox/replaced_all.html", out=out, locale=form.get("locale"))


@bp.post("/articles/<ref>/<locale>/presence")
@checks_own_session
@quiet_when_fine
def presence(ref: str, locale: str) -> ResponseReturnValue:
    body = request.get_json(silent=True) or {}
    key = body.get("key")
    if key is not None and not isinstance(key, str):
        raise BadInput("'key' must be a segment key or null", field="key")
    sid = session.get("sid")
    answered = (
        services.session_heartbeat(
            current_desk(),
            sid,
            ref,
            locale,
            key,
            typing=bool(body.get("typing")),
            unread=bool(body.get("unread")),
        )
        if isinstance(sid, str)
        else None
    )
    if answered is None:
        if isinstance(sid, str):
            session.clear()  # ended, expired or disabled, as auth.load_user does
        return to_login()
    g.user, beat = answered
    answer: dict[str, Any] = {
        "others": [{"user": p.user, "key": p.key, "typing": p.typing} for p in beat.others]
    }
    if beat.unread is not None:
        answer["unread"] = beat.unread
    return jsonify(answer)


@bp.post("/articles/<ref>/<locale>/presence/leave")
@login_required
def presence_leave(ref: str, locale: str) -> ResponseReturnValue:
    services.leave(current_desk(), ref, locale, user_id=_uid())
    return "", 204


@bp.get("/memory/concordance.json")
@login_required
def concordance() -> ResponseReturnValue:
    hits = services.concordance(
        current_desk(),
        request.args.get("q", ""),
        locale=request.args.get("locale") or None,
        user_id=_uid(),
    )
    return jsonify(
        {
            "hits": [
                {
                    "source": h.source,
                    "target": h.target,
                    "origin": h.origin,
                    "origin_label": origin_label(h.origin),
                    "article": h.article,
                    "created_at": h.created_at.isoformat() if h.created_at else None,
                }
                for h in hits
            ]
        }
    )


def _uid() -> int:
    user = current_user()
    assert user is not None, "guarded by login_required"
    return user.id
