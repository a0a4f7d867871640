"""What a refusal means for the person who met it, in the UI language, with what to do next.

The domain's messages (``workflow/errors.py``) are precise and in English, with keys and
fields, for logs, the API and the CLI; ``explain`` gives the sentence a person reads next
to the row, the form or on the error page. JSON error bodies carry both (``message``,
``text``).
"""

from __future__ import annotations

from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from workflow.errors import (
    AuthenticationFailed,
    BadInput,
    ChecksBlock,
    FourEyes,
    InvalidTransition,
    NotFound,
    PermissionDenied,
    PublishBlocked,
    Throttled,
    VersionConflict,
    WorkflowError,
)

#: What a missing or bad field asks of the person.
FIELDS = {
    "reason": lambda: _("Say why, in a few words, then send again."),
    "body": lambda: _("Write the comment first."),
    "text": lambda: _("This translation cannot be saved as it is. Shorten or correct it."),
    "to_version": lambda: _("Choose a version from the history to bring back."),
    "translator": lambda: _("There is no active user of that name to translate; check the name."),
    "reviewer": lambda: _("That person cannot review this article; choose an editor."),
    "deadline": lambda: _("Give the deadline as a date and time."),
    "file": lambda: _("Choose a file, then send again."),
}


#: Where a memory unit came from, as people read it (the suggestions and the concordance).
ORIGINS = {
    "approved": lambda: _("approved"),
    "imported": lambda: _("imported"),
    "aligned": lambda: _("aligned"),
}


def origin_label(origin: str) -> str:
    """A memory unit's origin in the UI language; an unknown one as stored."""
    label = ORIGINS.get(origin)
    return label() if label else origin


def explain(error: Exception) -> str:
    """One or two sentences for a person; the domain's message is shown beside it."""
    if isinstance(error, FourEyes):
        return _("You made the last change to this text, so another editor must approve it.")
    if isinstance(error, ChecksBlock):
        return _("A QA error stands in the way: fix the translation, save, then approve.")
    if isinstance(error, VersionConflict):
        return _(
            "Someone else saved this segment meanwhile. Your text is kept: compare it with "
            "theirs, then save again to keep yours, or take theirs."
        )
    if isinstance(error, PublishBlocked):
        return _("Every segment must be approved before publishing.")
    if isinstance(error, Throttled):
        return _("Too many attempts. Wait a moment and try again.")
    if isinstance(error, AuthenticationFailed):
        return _("Log in again to continue.")
    if isinstance(error, BadInput):
        hint = FIELDS.get(error.field or "")
        return hint() if hint else _("This cannot be used as given; correct it and try again.")
    if isinstance(error, InvalidTransition):
        return _("The segment changed meanwhile; reload the row and try again.")
    if isinstance(error, NotFound):
        return _("This was not found: it may have been removed, or you may not see it.")
    if isinstance(error, PermissionDenied):
        return _("You may not do this here; ask an editor or an administrator.")
    if isinstance(error, WorkflowError):
        return _("This was refused; correct it and try again.")
    if isinstance(error, HTTPException):
        return http_text(error.code or 500)
    return http_text(500)


def http_text(code: int) -> str:
    """The sentence of an error page by status."""
    if code == 404:
        return _("There is no page at this address.")
    if code == 403:
        return _("You may not do this here; ask an editor or an administrator.")
    if code == 413:
        return _("This is too large to send. Shorten it or split it, then try again.")
    if code >= 500:
        return _("Something went wrong on the desk's side. Your work so far is saved; try again.")
    return _("This request could not be used; go back and try again.")


def too_large(limit_mb: float | None) -> str:
    if limit_mb:
        return _("This is too large to send: the limit is %(mb)g MB.", mb=limit_mb)
    return http_text(413)
