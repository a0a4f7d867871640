"""Catalog files in the browser: download as PO or XLIFF, upload with a merge report,
and a corrected original."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from web import responses
from web.access import current_desk, login_required, reviewer_required, user_id
from web.fields import uploaded_file
from workflow import services
from workflow.errors import Message

bp = Blueprint("catalogs", __name__)
FORMATS = ("po", "xliff2", "xliff12")


@bp.get("/articles/<ref>/<locale>/catalog")
@login_required
def download(ref: str, locale: str) -> ResponseReturnValue:
    fmt = request.args.get("format", "po")
    export = services.export_catalog_as(current_desk(), ref, locale, fmt, user_id=user_id())
    return responses.download(export)


@bp.route("/articles/<ref>/<locale>/upload", methods=["GET", "POST"])
@login_required
def upload(ref: str, locale: str) -> ResponseReturnValue:
    if request.method == "GET":
        return responses.article_form("catalogs/upload.html", ref, locale=locale, formats=FORMATS)
    file = uploaded_file(request.files, Message("choose a PO or XLIFF file to upload"))
    result = services.import_catalog(
        current_desk(),
        ref,
        locale,
        file.read(),
        source=file.filename,
        user_id=user_id(),
        fmt=request.form.get("format") or None,
    )
    return render_template(
        "catalogs/report.html", ref=ref, locale=locale, result=result, name=file.filename
    )


@bp.route("/articles/<ref>/update", methods=["GET", "POST"])
@reviewer_required
def update(ref: str) -> ResponseReturnValue:
    if request.method == "GET":
        return responses.article_form("catalogs/update.html", ref)
    file = uploaded_file(request.files, Message("choose the corrected original's file"))
    r = services.update_article(
        current_desk(),
        ref,
        file.read(),
        source=file.filename,
        format=request.form.get("format") or None,
        user_id=user_id(),
    )
    flash(
        _(
            "Original updated: %(kept)d kept, %(edited)d edited, %(added)d added, "
            "%(removed)d removed.",
            kept=r.kept,
            edited=r.edited,
            added=r.added,
            removed=r.removed,
        ),
        "ok",
    )
    return redirect(url_for("articles.index"))
