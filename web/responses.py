"""Answers several views give alike: a file to download, a redirect to a local ``next``,
an article's form."""

from __future__ import annotations

from typing import Any

from flask import Response, redirect, render_template, request
from werkzeug.wrappers import Response as BaseResponse

from web.access import current_desk, user_id
from workflow import services
from workflow.services import Export


def attachment(data: bytes | str, media_type: str, filename: str) -> Response:
    """``data`` as a download named ``filename``."""
    return Response(
        data,
        mimetype=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def download(export: Export) -> Response:
    """A service's file (a catalog, a bundle, an edition, the term base) as a download."""
    return attachment(export.data, export.media_type, export.filename)


def is_local(target: str) -> bool:
    """A path on this site: never ``//host/...``, which a browser reads as another site."""
    return target.startswith("/") and not target.startswith("//")


def redirect_to_next(default: str) -> BaseResponse:
    """Back to the form's ``next`` when it is a local path, else to ``default``."""
    target = request.form.get("next") or ""
    return redirect(target if is_local(target) else default)


def article_form(template: str, ref: str, **context: Any) -> str:
    """The page of a form about article ``ref``: a 404 if the user may not see it."""
    services.get_article(current_desk(), ref, user_id=user_id())
    return render_template(template, ref=ref, **context)
