"""A user's own account (password, API tokens) and, for administrators, the users."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from web.access import current_desk, current_user, login_required
from web.auth import begin
from web.filters import tr_text
from workflow import services
from workflow.errors import AuthenticationFailed, BadInput
from workflow.model import User
from workflow.services.tokens import SCOPES

bp = Blueprint("account", __name__)


def _me() -> User:
    user = current_user()
    assert user is not None
    return user


@bp.get("/account")
@login_required
def index() -> ResponseReturnValue:
    return _page()


def _page(new_secret: str | None = None, status: int = 200) -> ResponseReturnValue:
    tokens = services.list_tokens(current_desk(), user_id=_me().id)
    page = render_template(
        "account/index.html", tokens=tokens, scopes=SCOPES, new_secret=new_secret
    )
    return page, status


@bp.post("/account/password")
@login_required
def password() -> ResponseReturnValue:
    form = request.form
    if form.get("new", "") != form.get("confirm", ""):
        flash(_("The new passwords do not match."), "error")
        return _page(status=400)
    try:
        user = services.change_password(
            current_desk(), _me().id, form.get("current", ""), form.get("new", "")
        )
    except AuthenticationFailed:
        flash(_("The current password is wrong."), "error")
        return _page(status=400)
    except BadInput as bad:
        flash(tr_text(bad.detail if bad.field == "password" else bad), "error")
        return _page(status=400)
    begin(user.id)  # every other session and token ended with the change
    flash(
        _(
            "Password changed. You were logged out everywhere else "
            "and your API tokens were revoked."
        ),
        "ok",
    )
    return redirect(url_for("account.index"))


@bp.post("/account/tokens")
@login_required
def create_token() -> ResponseReturnValue:
    scopes = tuple(request.form.getlist("scope"))
    made = services.create_token(
        current_desk(), _me().name, request.form.get("name", ""), scopes, by=_me().id
    )
    flash(_("Copy the token now: it is shown only once."), "ok")
    return _page(new_secret=made.secret, status=201)


@bp.post("/account/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int) -> ResponseReturnValue:
    mine = {t.id for t in services.list_tokens(current_desk(), user_id=_me().id)}
    if token_id not in mine and not _me().role.can_manage:
        abort(404)
    services.revoke_token(current_desk(), token_id, by=_me().id)
    flash(_("Token revoked."), "ok")
    return redirect(url_for("account.index"))


@bp.get("/admin/users")
@login_required
def users() -> ResponseReturnValue:
    if not _me().role.can_manage:
        abort(403)
    return render_template(
        "account/users.html",
        users=services.list_users(current_desk()),
        locks=services.login_locks(current_desk(), by=_me().id),
        deliveries=services.list_deliveries(current_desk(), user_id=_me().id),
    )


@bp.post("/admin/users/<name>/active")
@login_required
def set_active(name: str) -> ResponseReturnValue:
    if not _me().role.can_manage:
        abort(403)
    active = request.form.get("active") == "1"
    services.set_active(current_desk(), name, active, by=_me().id)
    flash(_("User enabled.") if active else _("User disabled; their sessions ended."), "ok")
    return redirect(url_for("account.users"))


@bp.post("/admin/users/<name>/unlock")
@login_required
def unlock(name: str) -> ResponseReturnValue:
    """Lift a user's login lock (too many failed logins), from every address."""
    if not _me().role.can_manage:
        abort(403)
    services.unlock_login(current_desk(), name, by=_me().id)
    flash(_("%(name)s can log in again.", name=name), "ok")
    return redirect(url_for("account.users"))
