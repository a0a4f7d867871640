"""The review desk's pages: review queue, "my work", assignments and the audit log."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import format_datetime
from flask_babel import gettext as _

from web.access import current_desk, login_required, reviewer_required, user_id
from web.errors import wants_json
from web.fields import audit_filters
from workflow import services
from workflow.errors import BadInput

bp = Blueprint("queues", __name__)
NEWSROOM = ZoneInfo("Asia/Seoul")


@bp.get("/review")
@login_required
def review_queue() -> ResponseReturnValue:
    items = services.review_queue(current_desk(), user_id=user_id())
    return render_template("queues/review.html", items=items)


@bp.get("/my-work")
@login_required
def my_work() -> ResponseReturnValue:
    return render_template("queues/my_work.html", items=services.my_work(current_desk(), user_id()))


@bp.get("/audit")
@reviewer_required
def audit() -> ResponseReturnValue:
    """The audit log in people's words (``templates/inbox/audit.html``)."""
    lines = services.audit_story(current_desk(), **audit_filters(request.args), user_id=user_id())
    return render_template("inbox/audit.html", lines=lines, args=request.args)


@bp.get("/dashboard")
@login_required
def dashboard() -> ResponseReturnValue:
    d = services.dashboard(current_desk(), user_id=user_id())
    return render_template("queues/dashboard.html", d=d)


@bp.post("/articles/<ref>/<locale>/assign")
@reviewer_required
def assign(ref: str, locale: str) -> ResponseReturnValue:
    item = services.assign(
        current_desk(),
        ref,
        locale,
        translator=request.form.get("translator") or None,
        reviewer=request.form.get("reviewer") or None,
        deadline=_deadline(request.form.get("deadline", "")),
        user_id=user_id(),
    )
    if wants_json():  # the review queue's fetch (queue.js): the row is updated in place
        return jsonify(
            {
                "translator": item.translator,
                "reviewer": item.reviewer,
                "deadline": format_datetime(item.deadline, "short") if item.deadline else None,
                "message": _("Assignment saved."),
            }
        )
    flash(_("Assignment saved."), "ok")
    return redirect(url_for("queues.review_queue"))


def _deadline(value: str) -> datetime | None:
    """A ``datetime-local`` field, read in newsroom time (KST)."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).replace(tzinfo=NEWSROOM)
    except ValueError:
        raise BadInput(
            "deadline %(value)r is not a date and time", value=value, field="deadline"
        ) from None
