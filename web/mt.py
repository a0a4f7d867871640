"""Machine translation in the browser: a suggestion per segment, batch jobs with progress."""

from __future__ import annotations

from flask import Blueprint, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from web.access import current_desk, login_required, reviewer_required, user_id
from web.filters import state_name, stored_text, tr_text
from web.responses import is_local
from workflow import services
from workflow.errors import BadInput

bp = Blueprint("mt", __name__)


@bp.get("/articles/<ref>/<locale>/segments/<key>/mt/<provider>")
@login_required
def suggest(ref: str, locale: str, key: str, provider: str) -> ResponseReturnValue:
    s = services.mt_suggest(current_desk(), ref, locale, key, provider, user_id=user_id())
    return jsonify({"text": s.text, "provider": s.provider, "cached": s.cached})


@bp.post("/articles/<ref>/<locale>/pretranslate")
@reviewer_required
def pretranslate(ref: str, locale: str) -> ResponseReturnValue:
    provider = request.form.get("provider", "")
    if not provider:
        raise BadInput("choose a machine-translation provider", field="provider")
    job = services.submit_pretranslate(current_desk(), [ref], locale, provider, user_id=user_id())
    return redirect(
        url_for("mt.job", job_id=job, back=url_for("articles.view", ref=ref, locale=locale))
    )


@bp.get("/jobs/<job_id>")
@login_required
def job(job_id: str) -> ResponseReturnValue:
    progress = services.job_progress(current_desk(), job_id, user_id=user_id())
    back = request.args.get("back", "")
    if not is_local(back):
        back = url_for("articles.index")
    return render_template("jobs/progress.html", p=progress, back=back)


@bp.get("/jobs/<job_id>.json")
@login_required
def job_json(job_id: str) -> ResponseReturnValue:
    data = services.job_progress(current_desk(), job_id, user_id=user_id()).to_dict()
    data["state_name"] = state_name(data["state"])  # for people; "state" stays the code
    data["message_text"] = tr_text(stored_text(data["message"]))
    return jsonify(data)


@bp.post("/jobs/<job_id>/cancel")
@reviewer_required
def cancel(job_id: str) -> ResponseReturnValue:
    services.cancel_job(current_desk(), job_id, user_id=user_id())
    return redirect(url_for("mt.job", job_id=job_id, back=request.form.get("back", "")))
