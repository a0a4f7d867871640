"""Articles: the list with progress, import and pairing, the pair view, saves and downloads."""

from __future__ import annotations

from collections.abc import Callable

from flask import (
    Blueprint,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from web.access import current_desk, login_required, reviewer_required, user_id
from web.fields import optional_number, uploaded_file
from web.filters import tr_text
from web.messages import origin_label
from web.responses import article_form, download
from workflow import services
from workflow.errors import BadInput, Message, TitleMissing, VersionConflict
from workflow.states import SegmentState

bp = Blueprint("articles", __name__)


@bp.get("/")
@login_required
def index() -> ResponseReturnValue:
    overview = services.list_articles(current_desk(), user_id=user_id())
    return render_template("articles/index.html", overview=overview)


@bp.route("/articles/import", methods=["GET", "POST"])
@reviewer_required
def import_article() -> ResponseReturnValue:
    if request.method == "GET":
        desks = services.import_desks(current_desk(), user_id=user_id())
        return render_template("articles/import.html", desks=desks)
    upload = uploaded_file(request.files, Message("choose a file to import"))
    try:
        result = services.import_article(
            current_desk(),
            upload.read(),
            source=upload.filename,
            locale=request.form.get("locale", ""),
            format=request.form.get("format") or None,
            slug=request.form.get("slug") or None,
            user_id=user_id(),
            desk_name=request.form.get("desk") or "news",
            title=request.form.get("title") or None,
        )
    except TitleMissing:
        # the file has no headline: ask for it, keeping what was chosen
        desks = services.import_desks(current_desk(), user_id=user_id())
        page = render_template(
            "articles/import.html", desks=desks, need_title=upload.filename, form=request.form
        )
        return page, 400
    flash(_("Imported %(slug)s: %(n)d segments.", slug=result.slug, n=result.segments), "ok")
    return redirect(url_for("articles.index"))


@bp.route("/articles/<ref>/pair", methods=["GET", "POST"])
@reviewer_required
def pair(ref: str) -> ResponseReturnValue:
    if request.method == "GET":
        providers = current_desk().settings.mt_providers
        return article_form("articles/pair.html", ref, providers=providers)
    upload = uploaded_file(request.files, Message("choose the translated article's file"))
    result = services.pair_translation(
        current_desk(),
        ref,
        upload.read(),
        source=upload.filename,
        locale=request.form.get("locale", ""),
        format=request.form.get("format") or None,
        user_id=user_id(),
        mt_provider=request.form.get("mt_provider") or None,
    )
    flash(_("Paired: %(n)d segments pre-filled.", n=result.prefilled), "ok")
    if result.mt_failed:
        flash(
            _(
                "Machine translation stopped (%(error)s); the rest was aligned without it.",
                error=tr_text(result.mt_failed),
            ),
            "warn",
        )
    return redirect(url_for("articles.view", ref=result.slug, locale=result.locale))


@bp.get("/articles/<ref>/<locale>")
@login_required
def view(ref: str, locale: str) -> ResponseReturnValue:
    flt = services.EditorFilter(
        states=frozenset(
            SegmentState.from_label(label) for label in request.args.getlist("state") if label
        ),
        with_comments=request.args.get("comments") == "1",
        with_findings=request.args.get("findings") == "1",
        text=request.args.get("q", "").strip(),
    )
    desk = current_desk()
    page = services.editor_page(
        desk,
        ref,
        locale,
        flt,
        user_id=user_id(),
        page=optional_number(request.args.get("page"), "page"),
        after=request.args.get("after") or None,
    )
    return render_template(
        "articles/view.html",
        page=page,
        la=page.la,
        flt=flt,
        State=SegmentState,
        providers=desk.settings.mt_providers,
    )


@bp.post("/articles/<ref>/<locale>/segments/<key>/comments")
@login_required
def comment(ref: str, locale: str, key: str) -> ResponseReturnValue:
    services.add_comment(
        current_desk(), ref, locale, key, request.form.get("body", ""), user_id=user_id()
    )
    return redirect(url_for("articles.view", ref=ref, locale=locale, _anchor=f"seg-{key}"))


@bp.get("/articles/<ref>/<locale>/segments/<key>/suggestions")
@login_required
def suggestions(ref: str, locale: str, key: str) -> ResponseReturnValue:
    """Translation-memory matches of one segment, as JSON for the suggestions panel."""
    matches = services.segment_suggestions(current_desk(), ref, locale, key, user_id=user_id())
    return jsonify(
        {
            "memory": [
                {
                    "target": m.unit.target,
                    "source": m.unit.source,
                    "score": round(m.score),
                    "origin": m.unit.origin,
                    "origin_label": origin_label(m.unit.origin),
                    "exact": m.exact,
                    "same_context": m.same_context,
                    "diff": [list(chunk) for chunk in m.diff],
                }
                for m in matches
            ],
            # The memory is still being read (no snapshot yet): these come from part of it.
            "warming": matches.warming,
        }
    )


@bp.post("/articles/<ref>/<locale>/segments/<key>/dismiss")
@login_required
def dismiss(ref: str, locale: str, key: str) -> ResponseReturnValue:
    return _set_aside(services.dismiss_warning, ref, locale, key)


@bp.post("/articles/<ref>/<locale>/segments/<key>/override")
@login_required
def override(ref: str, locale: str, key: str) -> ResponseReturnValue:
    return _set_aside(services.override_error, ref, locale, key)


def _set_aside(act: Callable[..., None], ref: str, locale: str, key: str) -> ResponseReturnValue:
    """A finding's form (its check and the reason), then back to its row."""
    form = request.form
    check, reason = form.get("check", ""), form.get("reason", "")
    act(current_desk(), ref, locale, key, check, reason, user_id=user_id())
    return redirect(url_for("articles.view", ref=ref, locale=locale, _anchor=f"seg-{key}"))


@bp.get("/articles/<ref>/<locale>/segments/<key>/history")
@login_required
def history(ref: str, locale: str, key: str) -> ResponseReturnValue:
    hist = services.segment_history(current_desk(), ref, locale, key, user_id=user_id())
    return render_template("articles/history.html", ref=ref, locale=locale, hist=hist)


@bp.post("/articles/<ref>/<locale>/segments/<key>/revert")
@login_required
def revert(ref: str, locale: str, key: str) -> ResponseReturnValue:
    to_version = optional_number(request.form.get("to_version"), "to_version")
    if to_version is None:
        raise BadInput("choose the version to bring back", field="to_version")
    services.revert_translation(
        current_desk(),
        ref,
        locale,
        key,
        to_version,
        user_id=user_id(),
        expected_version=optional_number(request.form.get("version"), "version"),
    )
    flash(_("Brought back version %(v)d.", v=to_version), "ok")
    return redirect(url_for("articles.view", ref=ref, locale=locale, _anchor=f"seg-{key}"))


@bp.post("/articles/<ref>/<locale>/segments/<key>")
@login_required
def save(ref: str, locale: str, key: str) -> ResponseReturnValue:
    text = request.form.get("text", "")
    version = optional_number(request.form.get("version"), "version")
    try:
        services.save_translation(
            current_desk(), ref, locale, key, text, user_id=user_id(), expected_version=version
        )
    except VersionConflict as conflict:
        page = render_template(
            "articles/conflict.html", ref=ref, locale=locale, key=key, mine=text, conflict=conflict
        )
        return page, 409
    flash(_("Saved."), "ok")
    if request.form.get("next") == "1":  # Ctrl+Enter: on to the next unfinished segment
        return redirect(url_for("articles.view", ref=ref, locale=locale, after=key))
    return redirect(url_for("articles.view", ref=ref, locale=locale, _anchor=f"seg-{key}"))


@bp.get("/articles/<ref>/<locale>/catalog.po")
@login_required
def catalog(ref: str, locale: str) -> ResponseReturnValue:
    return download(services.export_catalog(current_desk(), ref, locale, user_id=user_id()))


@bp.get("/articles/<ref>/<locale>/bundle.zip")
@login_required
def bundle(ref: str, locale: str) -> ResponseReturnValue:
    return download(services.export_bundle(current_desk(), ref, locale, user_id=user_id()))
