"""Names people read for the states the code knows by label (``needs_edit`` → "Needs edit")."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from workflow.textdiff import word_diff

STATE_NAMES = {
    "empty": _l("Empty"),
    "needs_edit": _l("Needs edit"),
    "translated": _l("Translated"),
    "approved": _l("Approved"),
    "draft": _l("Draft"),
    "translating": _l("Translating"),
    "in_review": _l("In review"),
    "published": _l("Published"),
    "needs_update": _l("Needs update"),
    "translator": _l("translator"),
    "editor": _l("editor"),
    "admin": _l("admin"),
}


def state_name(label: object) -> str:
    """The reader's name of a state or role label, in the UI language."""
    key = str(getattr(label, "label", None) or getattr(label, "value", label))
    return str(STATE_NAMES.get(key, key))


def register(app: Flask) -> None:
    app.jinja_env.filters["state_name"] = state_name
    app.jinja_env.filters["word_diff"] = word_diff
