"""The preview in context: the article as it will be published, for the editor's side panel;
and the header's live status, re-read after a save made in place.

The page is the bundle's ``article.html`` from the same exporter (``services.preview_html``),
served as its own document for an ``<iframe sandbox>`` on the editor page. Its policy lets
it be framed by this site only and run nothing: no scripts, its one inline ``<style>``
allowed by hash, images from http(s) (the import's figures).
"""

from __future__ import annotations

import base64
import hashlib

from flask import Blueprint, Response, render_template
from flask.typing import ResponseReturnValue

from web.access import current_desk, current_user, login_required
from workflow import services
from workflow.export.html import STYLE
from workflow.states import SegmentState

bp = Blueprint("preview", __name__)

_STYLE_HASH = base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
CSP = "; ".join(
    (
        "default-src 'none'",
        f"style-src 'sha256-{_STYLE_HASH}'",
        "img-src https: http: data:",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'self'",
        "sandbox allow-same-origin allow-popups allow-popups-to-escape-sandbox",
    )
)


@bp.get("/articles/<ref>/<locale>/preview")
@login_required
def preview(ref: str, locale: str) -> ResponseReturnValue:
    user = current_user()
    page = services.preview_html(current_desk(), ref, locale, user_id=user.id if user else None)
    response = Response(page.data, mimetype="text/html")
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/articles/<ref>/<locale>/status")
@login_required
def status(ref: str, locale: str) -> ResponseReturnValue:
    """The editor header's live part (words, origins, Approve all, Publish, why it waits) as
    an HTML fragment, fetched after a save made in place."""
    user = current_user()
    st = services.editor_status(current_desk(), ref, locale, user_id=user.id if user else None)
    return render_template(
        "articles/_editor_status.html",
        la=st.la,
        p=st.progress,
        qa_errors=st.qa_errors,
        reviewer=bool(user and user.role.can_review),
        State=SegmentState,
    )
