"""The app factory: settings, desk, extensions and blueprints, as a short list of steps."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import Flask, g, request, session
from flask_babel import Babel, get_locale
from flask_wtf.csrf import CSRFProtect

from web import (
    account,
    alignment,
    api,
    api_collab,
    archive,
    articles,
    auth,
    catalogs,
    collab,
    errors,
    filters,
    glossary,
    inbox,
    logs,
    mt,
    preview,
    qa_settings,
    queues,
    review,
    security,
    segments,
)
from workflow.bootstrap import build_context
from workflow.services import Context
from workflow.services.publications import complete_pending
from workflow.settings import Settings

logger = logging.getLogger("web.app")

LOCALES = Path(__file__).resolve().parents[1] / "locales"
UI_LANGUAGES = ("en", "ko")


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    """Build the app; ``overrides`` replace Settings fields (tests pass ``instance`` etc.)."""
    settings = Settings.from_env()
    if overrides:
        settings = settings.with_overrides(overrides)
    app = Flask(__name__, instance_path=str(settings.instance))
    init_config(app, settings)
    logs.register(app)
    init_context(app, settings)
    init_extensions(app)
    init_blueprints(app)
    return app


def init_config(app: Flask, settings: Settings) -> None:
    app.config.update(
        SECRET_KEY=settings.secret_key,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.secure_cookies,
        MAX_CONTENT_LENGTH=5 * 1024 * 1024,
        BABEL_TRANSLATION_DIRECTORIES=str(LOCALES),
        BABEL_DEFAULT_TIMEZONE="Asia/Seoul",
        TESTING=settings.env == "test",
    )


def init_context(app: Flask, settings: Settings) -> None:
    app.extensions["transdesk"] = ctx = build_context(settings)
    complete_publications(ctx)


def complete_publications(ctx: Context) -> None:
    """Write the files of publishes a killed process committed but did not finish.

    A failure (the database not reachable yet) does not stop the app: the worker's periodic
    task and the next start try again.
    """
    try:
        complete_pending(ctx)
    except Exception:
        logger.exception("pending publications not completed at start-up")


def init_extensions(app: Flask) -> None:
    csrf = CSRFProtect(app)
    csrf.exempt(api.bp)  # bearer tokens only, no cookies: nothing to forge
    csrf.exempt(api_collab.bp)
    Babel(app, locale_selector=select_locale)
    app.jinja_env.globals["get_locale"] = get_locale
    filters.register(app)


def init_blueprints(app: Flask) -> None:
    app.register_blueprint(auth.bp)
    app.register_blueprint(articles.bp)
    app.register_blueprint(review.bp)
    app.register_blueprint(segments.bp)
    app.register_blueprint(alignment.bp)
    app.register_blueprint(queues.bp)
    app.register_blueprint(catalogs.bp)
    app.register_blueprint(glossary.bp)
    app.register_blueprint(mt.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(api_collab.bp)
    app.register_blueprint(account.bp)
    app.register_blueprint(qa_settings.bp)
    app.register_blueprint(archive.bp)
    app.register_blueprint(preview.bp)
    app.register_blueprint(inbox.bp)
    app.register_blueprint(collab.bp)
    security.register(app)
    errors.register(app)


def select_locale() -> str | None:
    """The user's setting, else the session's choice, else the browser's Accept-Language."""
    user = g.get("user")
    if user is not None and user.ui_lang in UI_LANGUAGES:
        return str(user.ui_lang)
    chosen = session.get("ui_lang")
    if chosen in UI_LANGUAGES:
        return str(chosen)
    return request.accept_languages.best_match(UI_LANGUAGES) or "en"
