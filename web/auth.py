"""Log in and out; the session holds the user id, checked against the database per request."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from web.access import current_desk
from workflow.errors import AuthenticationFailed, NotFound, Throttled
from workflow.services import authenticate, get_user, set_ui_language

bp = Blueprint("auth", __name__)


@bp.before_app_request
def load_user() -> None:
    user_id = session.get("user_id")
    g.user = None
    if user_id is None:
        return
    try:
        user = get_user(current_desk(), int(user_id))
    except NotFound:
        session.clear()
        return
    if user.active:
        g.user = user
    else:
        session.clear()


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    if request.method == "POST":
        try:
            user = authenticate(
                current_desk(), request.form.get("name", ""), request.form.get("password", "")
            )
        except AuthenticationFailed:
            flash(_("Wrong user name or password."), "error")
            return render_template("login.html"), 401
        except Throttled as refused:
            flash(_("Too many failed logins. Try again later."), "error")
            page = render_template("login.html"), 429
            return page[0], page[1], {"Retry-After": str(refused.retry_after)}
        session.clear()  # a new session at login
        session["user_id"] = user.id
        return redirect(_safe_next(request.args.get("next")))
    return render_template("login.html")


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    session.clear()
    return redirect(url_for("auth.login"))


@bp.post("/language")
def language() -> ResponseReturnValue:
    """The UI language: kept with the user when logged in, else in the session."""
    lang = request.form.get("lang", "")
    user = g.get("user")
    if user is not None:
        set_ui_language(current_desk(), user.id, lang)
    elif lang in ("en", "ko"):
        session["ui_lang"] = lang
    return redirect(_safe_next(request.form.get("next")))


def _safe_next(target: str | None) -> str:
    """Only local paths: never redirect to another site after login."""
    if target and target.startswith("/") and not target.startswith("//"):
        parts = urlsplit(target)
        if not parts.netloc and not parts.scheme:
            return target
    return url_for("articles.index")
