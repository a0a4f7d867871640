"""The archive and the edition in the browser: editors upload an archive (two zips, or one
with ko/ and en/), fix or drop the proposed pairs and start the import job; and download
the day's edition."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from web.access import current_desk, current_user, reviewer_required, user_id
from web.responses import download
from workflow import services
from workflow.errors import BadInput

bp = Blueprint("archive", __name__)

_KST = timezone(timedelta(hours=9))


@bp.get("/edition")
@reviewer_required
def edition_form() -> ResponseReturnValue:
    today = datetime.now(_KST).date().isoformat()
    locales = current_desk().settings.target_locales
    return render_template("archive/edition.html", today=today, locales=locales)


@bp.post("/edition")
@reviewer_required
def edition_download() -> ResponseReturnValue:
    refs = request.form.get("ids", "").replace(",", " ").split()
    day = None
    if not refs:
        try:
            day = date.fromisoformat(request.form.get("date", ""))
        except ValueError:
            raise BadInput("give the edition's date as YYYY-MM-DD", field="date") from None
    user = current_user()
    export = services.export_edition(
        current_desk(),
        request.form.get("locale", ""),
        day=day,
        refs=refs,
        user_id=user.id if user else None,
    )
    return download(export)


@bp.get("/archive")
@reviewer_required
def archive_form() -> ResponseReturnValue:
    return render_template("archive/upload.html")


@bp.post("/archive")
@reviewer_required
def archive_upload() -> ResponseReturnValue:
    uploads = []
    for field, side in (("ko", "ko"), ("en", "en"), ("both", None)):
        f = request.files.get(field)
        if f is not None and f.filename:
            with f.stream:  # a large upload is a temporary file: close it now
                uploads.append((side, f.filename, f.stream.read()))
    staged = services.stage_archive(current_desk(), uploads, user_id=user_id())
    return redirect(url_for("archive.archive_pairs", token=staged.token))


@bp.get("/archive/<token>")
@reviewer_required
def archive_pairs(token: str) -> ResponseReturnValue:
    staged = services.staged(current_desk(), token, user_id=user_id())
    desks = services.import_desks(current_desk(), user_id=user_id())
    return render_template("archive/pairs.html", s=staged, desks=desks)


@bp.post("/archive/<token>/import")
@reviewer_required
def archive_start(token: str) -> ResponseReturnValue:
    choices = {
        key.removeprefix("en:"): value
        for key, value in request.form.items()
        if key.startswith("en:")
    }
    job = services.start_staged_import(
        current_desk(),
        token,
        choices,
        desk=request.form.get("desk") or "news",
        review=request.form.get("review") == "1",
        user_id=user_id(),
    )
    return render_template("archive/progress.html", p=services.job_progress(current_desk(), job))
