"""Who is asking and what they may do: the current desk and user, login and role guards.

Every action is checked again by the service; these guards give the right HTTP answer
early (redirect to login, 403) and keep views short.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from flask import abort, current_app, g, redirect, request, url_for

from workflow.model import User
from workflow.services import Context

F = TypeVar("F", bound=Callable[..., Any])


def current_desk() -> Context:
    """The desk of the current app (views call one service with it)."""
    return cast(Context, current_app.extensions["transdesk"])


def current_user() -> User | None:
    return cast(User | None, g.get("user"))


def user_id() -> int:
    """The id of the person logged in, in a view guarded by ``login_required`` (or stricter)."""
    user = current_user()
    assert user is not None, "a view that needs a user is guarded by login_required"
    return user.id


def login_required(view: F) -> F:
    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if current_user() is None:
            return to_login()
        return view(*args, **kwargs)

    return cast(F, wrapped)


def checks_own_session(view: F) -> F:
    """The view checks the browser's session itself, inside its one service call (the
    presence poll, a desk's most frequent request): ``auth.load_user`` leaves ``g.user``
    to it, and it answers as ``login_required`` does when the session is not live."""
    view.checks_own_session = True  # type: ignore[attr-defined]
    return view


def view_checks_own_session() -> bool:
    return view_marked("checks_own_session")


def view_marked(flag: str) -> bool:
    """Whether the view handling this request carries ``flag`` (set by a decorator such as
    :func:`checks_own_session` or ``logs.quiet_when_fine``)."""
    view = current_app.view_functions.get(request.endpoint or "")
    return bool(getattr(view, flag, False))


def to_login() -> Any:
    """Where a request without a live session goes."""
    return redirect(url_for("auth.login", next=request.full_path))


def reviewer_required(view: F) -> F:
    @functools.wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        user = current_user()
        if user is None:
            return to_login()
        if not user.role.can_review:
            abort(403)
        return view(*args, **kwargs)

    return cast(F, wrapped)
