"""The inbox page and header badge, e-mail choices, and assignment by picking.

Thin views: one service call each. The badge's count is added to every page's context by
:func:`inbox_badge` (one count query) and kept fresh by ``static/presence.js``'s polling of
``/inbox/unread.json``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import (
    Blueprint,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from web.access import current_desk, current_user, login_required, reviewer_required, user_id
from web.fields import audit_filters
from web.responses import attachment, redirect_to_next
from workflow import services
from workflow.errors import BadInput

bp = Blueprint("inbox", __name__)


@bp.app_template_filter("inbox_text")
def inbox_text(text: str | None, kind: str) -> str:
    """An inbox line's message in the reader's language: an assignment's summary is said
    again from what it holds; what people wrote is shown as they wrote it."""
    summary = services.read_assignment_summary(text or "") if kind == "assigned" else None
    if summary is None:
        return text or ""
    n, due = summary
    what = _("%(n)d segments", n=n) if n else _("the whole article")
    return _("%(what)s, due %(due)s", what=what, due=due) if due else what


@bp.app_context_processor
def inbox_badge() -> dict[str, Any]:
    """``inbox_unread()`` for the header: counted only when a page asks for it."""

    def unread() -> int:
        user = current_user()
        if user is None:
            return 0
        if "inbox_unread" not in g:
            g.inbox_unread = services.unread_count(current_desk(), user_id=user.id)
        return int(g.inbox_unread)

    return {"inbox_unread": unread, "now_utc": lambda: datetime.now(UTC)}


@bp.get("/inbox")
@login_required
def index() -> ResponseReturnValue:
    unread = request.args.get("unread") == "1"
    events = services.inbox_of(current_desk(), unread=unread, user_id=user_id())
    return render_template("inbox/index.html", events=events, unread=unread)


@bp.get("/inbox/unread.json")
@login_required
def unread_json() -> ResponseReturnValue:
    return jsonify({"unread": services.unread_count(current_desk(), user_id=user_id())})


@bp.post("/inbox/read")
@login_required
def mark_read() -> ResponseReturnValue:
    ids = None if request.form.get("all") else [_int(i) for i in request.form.getlist("id")]
    read = request.form.get("read", "1") == "1"
    services.mark_read(current_desk(), ids, read=read, user_id=user_id())
    return redirect_to_next(url_for("inbox.index"))


@bp.get("/inbox/settings")
@login_required
def settings() -> ResponseReturnValue:
    current = services.notify_settings(current_desk(), user_id=user_id())
    return render_template("inbox/settings.html", current=current)


@bp.post("/inbox/settings")
@login_required
def save_settings() -> ResponseReturnValue:
    services.set_notify_settings(
        current_desk(),
        request.form.get("email"),
        request.form.getlist("kind"),
        user_id=user_id(),
    )
    flash(_("E-mail settings saved."), "ok")
    return redirect(url_for("inbox.settings"))


@bp.get("/audit.csv")
@reviewer_required
def audit_csv() -> ResponseReturnValue:
    data = services.audit_csv(current_desk(), **audit_filters(request.args), user_id=user_id())
    return attachment(data, "text/csv", "audit.csv")


@bp.get("/assign")
@reviewer_required
def assign_form() -> ResponseReturnValue:
    ref = request.args.get("article") or None
    locale = request.args.get("locale") or "en"
    picker = services.assignment_picker(current_desk(), ref, locale, user_id=user_id())
    return render_template("inbox/assign.html", p=picker, locale=locale)


@bp.post("/assign")
@reviewer_required
def assign() -> ResponseReturnValue:
    form = request.form
    keys = form.getlist("key")
    if form.get("first") and form.get("last"):
        keys = [form["first"], form["last"]]  # a range: the service fills it in
    made = services.assign_work(
        current_desk(),
        form.getlist("article"),
        form.get("locale") or "en",
        to=form.get("to") or "",
        keys=keys or None,
        key_range=bool(form.get("first") and form.get("last")),
        due=services.parse_due(form.get("due"), field="due"),
        user_id=user_id(),
    )
    flash(
        _("Assigned %(n)d to %(name)s.", n=len(made), name=made[0].assignee if made else "—"),
        "ok",
    )
    return redirect(url_for("queues.review_queue"))


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise BadInput("%(value)r is not an inbox item", value=value, field="id") from None
