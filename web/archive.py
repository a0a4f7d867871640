"""The archive and the edition in the browser: the day's edition for editors to download."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from flask import Blueprint, Response, render_template, request
from flask.typing import ResponseReturnValue

from web.access import current_desk, current_user, reviewer_required
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
    return Response(
        export.data,
        mimetype=export.media_type,
        headers={"Content-Disposition": f'attachment; filename="{export.filename}"'},
    )
