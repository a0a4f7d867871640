"""Administrators choose, per desk, which QA checks run and at which severity."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from web.access import current_desk, login_required, user_id
from workflow import services
from workflow.services.qa_settings import CHOICES

bp = Blueprint("qa_settings", __name__)


@bp.get("/settings/qa")
@login_required
def index() -> ResponseReturnValue:
    page = services.qa_settings(current_desk(), request.args.get("desk", "news"), user_id=user_id())
    return render_template("settings/qa.html", page=page, choices=CHOICES)


@bp.post("/settings/qa")
@login_required
def save() -> ResponseReturnValue:
    form = request.form
    choices = {k.removeprefix("check-"): v for k, v in form.items() if k.startswith("check-")}
    page = services.save_qa_settings(
        current_desk(), form.get("desk", ""), choices, user_id=user_id()
    )
    flash(_("QA checks saved for the desk %(desk)s.", desk=page.desk), "ok")
    return redirect(url_for("qa_settings.index", desk=page.desk))
