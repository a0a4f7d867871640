"""The editor's actions on an article × locale: approve, approve all, reject, publish."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext

from web.access import current_desk, reviewer_required, user_id
from web.fields import number
from web.filters import tr_text
from workflow import services

bp = Blueprint("review", __name__)


@bp.post("/articles/<ref>/<locale>/approve")
@reviewer_required
def approve(ref: str, locale: str) -> ResponseReturnValue:
    """Approve one segment (``key``) or every translated one; bound to the versions shown."""
    key = request.form.get("key")
    seen = _seen_versions()
    version = request.form.get("version")
    if key and version and seen is None:  # a segment's own form: the version it shows
        seen = {key: number(version, "version")}
    result = services.approve(
        current_desk(), ref, locale, [key] if key else None, user_id=user_id(), seen_versions=seen
    )
    n = len(result.approved)
    flash(ngettext("Approved %(num)d segment.", "Approved %(num)d segments.", n), "ok")
    for skipped in result.skipped:
        flash(
            _("Not approved %(key)s: %(reason)s", key=skipped.key, reason=tr_text(skipped.reason)),
            "warn",
        )
    anchor = f"seg-{key}" if key else None
    return redirect(url_for("articles.view", ref=ref, locale=locale, _anchor=anchor))


@bp.post("/articles/<ref>/<locale>/segments/<key>/reject")
@reviewer_required
def reject(ref: str, locale: str, key: str) -> ResponseReturnValue:
    services.reject(
        current_desk(), ref, locale, key, request.form.get("reason", ""), user_id=user_id()
    )
    flash(_("Sent back to the translator."), "ok")
    return redirect(url_for("articles.view", ref=ref, locale=locale, _anchor=f"seg-{key}"))


@bp.post("/articles/<ref>/<locale>/publish")
@reviewer_required
def publish(ref: str, locale: str) -> ResponseReturnValue:
    la = services.publish(current_desk(), ref, locale, user_id=user_id())
    flash(_("Published revision %(rev)d.", rev=la.revision), "ok")
    return redirect(url_for("articles.view", ref=ref, locale=locale))


def _seen_versions() -> dict[str, int] | None:
    seen = {
        name[2:]: number(value, name)
        for name, value in request.form.items()
        if name.startswith("v:")
    }
    return seen or None
