"""The term base in the browser: everyone reads it, editors manage it."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from web.access import current_desk, login_required, reviewer_required, user_id
from web.fields import uploaded_file
from web.responses import download
from workflow import services
from workflow.errors import Message
from workflow.glossary import Term

bp = Blueprint("glossary", __name__)


@bp.get("/glossary")
@login_required
def index() -> ResponseReturnValue:
    return render_template("glossary/index.html", terms=services.list_terms(current_desk()))


@bp.post("/glossary")
@reviewer_required
def add() -> ResponseReturnValue:
    form = request.form
    term = Term(
        source=form.get("source", ""),
        target=form.get("target", ""),
        source_lang=form.get("source_lang", "ko") or "ko",
        target_lang=form.get("target_lang", "en") or "en",
        note=form.get("note") or None,
        pos=form.get("pos") or None,
        forbidden=tuple(form.get("forbidden", "").split("|")),
    )
    new = services.add_term(current_desk(), term, user_id=user_id())
    flash(_("Term added.") if new else _("Term updated."), "ok")
    return redirect(url_for("glossary.index"))


@bp.post("/glossary/<int:term_id>/delete")
@reviewer_required
def delete(term_id: int) -> ResponseReturnValue:
    services.delete_term(current_desk(), term_id, user_id=user_id())
    flash(_("Term removed."), "ok")
    return redirect(url_for("glossary.index"))


@bp.post("/glossary/import")
@reviewer_required
def import_file() -> ResponseReturnValue:
    file = uploaded_file(request.files, Message("choose a CSV or TBX file"))
    r = services.import_terms(
        current_desk(),
        file.read(),
        source=file.filename,
        fmt=request.form.get("format") or None,
        user_id=user_id(),
    )
    flash(_("%(added)d terms added, %(updated)d updated.", added=r.added, updated=r.updated), "ok")
    return redirect(url_for("glossary.index"))


@bp.get("/glossary/export")
@login_required
def export() -> ResponseReturnValue:
    return download(services.export_terms(current_desk(), request.args.get("format", "csv")))
