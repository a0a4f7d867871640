"""Log in and out. The signed cookie holds only a random session key; the session itself
lives in the database, so logging out, disabling a user or changing a password ends it
on the server, whatever a copied cookie says. Failed logins are throttled by name and
client address (``request.remote_addr``: behind a reverse proxy, the proxy must set it
from the client's address, e.g. Werkzeug's ``ProxyFix``)."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import format_time, ngettext
from flask_babel import gettext as _

from web.access import current_desk, view_checks_own_session
from web.responses import is_local
from workflow.errors import AuthenticationFailed, Throttled
from workflow.services import (
    authenticate,
    end_session,
    session_user,
    set_ui_language,
    start_session,
)

bp = Blueprint("auth", __name__)


@bp.before_app_request
def load_user() -> None:
    g.user = None
    key = session.get("sid")
    if not isinstance(key, str) or request.path.startswith(("/static/", "/api/")):
        return
    if view_checks_own_session():
        return
    user = session_user(current_desk(), key)
    if user is None:
        session.clear()  # ended, expired or disabled: the cookie is worth nothing now
    g.user = user


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    if request.method == "POST":
        try:
            user = authenticate(
                current_desk(),
                request.form.get("name", ""),
                request.form.get("password", ""),
                address=request.remote_addr or "",
            )
        except AuthenticationFailed:
            flash(_("Wrong user name or password."), "error")
            return render_template("login.html"), 401
        except Throttled as refused:
            until = datetime.now(UTC) + timedelta(seconds=refused.retry_after)
            minutes = math.ceil(refused.retry_after / 60)
            flash(
                ngettext(
                    "Too many failed logins. Try again after %(time)s (in %(num)d minute).",
                    "Too many failed logins. Try again after %(time)s (in %(num)d minutes).",
                    minutes,
                    time=format_time(until, "short"),
                ),
                "error",
            )
            return render_template("login.html"), 429, {"Retry-After": str(refused.retry_after)}
        begin(user.id)
        return redirect(_safe_next(request.args.get("next")))
    return render_template("login.html")


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    key = session.get("sid")
    if isinstance(key, str):
        end_session(current_desk(), key)
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


def begin(user_id: int) -> None:
    """A new session (never the one the browser came with: no session fixation)."""
    session.clear()
    session["sid"] = start_session(current_desk(), user_id)


def _safe_next(target: str | None) -> str:
    """Only local paths: never redirect to another site after login."""
    if target and is_local(target):
        parts = urlsplit(target)
        if not parts.netloc and not parts.scheme:
            return target
    return url_for("articles.index")
