"""Template filters: names of states and audit actions, the domain's messages in the reader's
language, word differences, glossary terms highlighted."""

from __future__ import annotations

from collections.abc import Sequence

from flask import Flask
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from workflow.errors import Message, WorkflowError
from workflow.glossary import TermHit
from workflow.states import AUDIT_ACTIONS
from workflow.text.diff import word_diff

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


def tr(value: object) -> object:
    """A domain :class:`~workflow.errors.Message` (or error) in the UI language; anything
    else as it is. Templates apply it to every ``{{ value }}`` (the environment's
    ``finalize``), so a finding's or an error's message needs no filter."""
    if isinstance(value, Message | WorkflowError):
        return value.localize(gettext)
    return value


def tr_text(value: object) -> str:
    """:func:`tr` as a string, for ``flash`` and JSON."""
    return str(tr(value))


def action_name(action: object) -> str:
    """The reader's name of an audit action (``token_created`` → "API token created")."""
    key = str(getattr(action, "value", action))
    name = AUDIT_ACTIONS.get(key)
    return name.localize(gettext) if name is not None else key


def highlight_terms(source: str, hits: Sequence[TermHit]) -> Markup:
    """The source, escaped, with each glossary hit marked and its house rendering as title."""
    out: list[str] = []
    pos = 0
    for hit in sorted(hits, key=lambda h: h.start):
        if hit.start < pos:
            continue
        out.append(str(escape(source[pos : hit.start])))
        out.append(
            f'<mark class="term" title="{escape(hit.term.target)}" '
            f'data-target="{escape(hit.term.target)}">{escape(source[hit.start : hit.end])}</mark>'
        )
        pos = hit.end
    out.append(str(escape(source[pos:])))
    return Markup("".join(out))


def register(app: Flask) -> None:
    app.jinja_env.finalize = tr
    app.jinja_env.filters["tr"] = tr
    app.jinja_env.filters["action_name"] = action_name
    app.jinja_env.filters["state_name"] = state_name
    app.jinja_env.filters["word_diff"] = word_diff
    app.jinja_env.filters["highlight_terms"] = highlight_terms
