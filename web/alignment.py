"""Alignment review: both articles side by side as beads; merge, split and move sentences."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from web.access import current_desk, login_required, reviewer_required, user_id
from web.fields import number
from workflow import services
from workflow.alignment.beads import BeadOp

bp = Blueprint("alignment", __name__)


@bp.get("/articles/<ref>/<locale>/alignment")
@login_required
def view(ref: str, locale: str) -> ResponseReturnValue:
    alignment = services.alignment_view(current_desk(), ref, locale, user_id=user_id())
    return render_template("articles/alignment.html", al=alignment, ops=BeadOp)


@bp.post("/articles/<ref>/<locale>/alignment")
@reviewer_required
def edit(ref: str, locale: str) -> ResponseReturnValue:
    index = number(request.form.get("bead"), "bead") - 1
    result = services.edit_alignment(
        current_desk(),
        ref,
        locale,
        request.form.get("op", ""),
        index,
        user_id=user_id(),
        revision=number(request.form.get("revision"), "revision"),
    )
    flash(_("Alignment changed: %(n)d segments updated.", n=result.outcome.filled), "ok")
    anchor = f"bead-{min(index, len(result.view.beads) - 1) + 1}" if result.view.beads else None
    return redirect(url_for("alignment.view", ref=ref, locale=locale, _anchor=anchor))
