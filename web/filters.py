"""Template filters: names of states and audit actions, word differences, glossary terms
highlighted, and dates and numbers written for the reader (:mod:`workflow.text.display`, in
the UI language).

``datetimeformat`` (and ``timeformat``) replace Flask-Babel's filters of those names so
that every date the UI shows reads like the bundle's: the UI language's own form, in KST,
without seconds (``Apr 30, 2015, 5:24 PM KST``). A CLDR pattern instead of a width
(``yyyy-MM-dd'T'HH:mm``, for an ``<input type=datetime-local>``) is still honoured, in KST.
``tr`` (also Jinja's ``finalize``) shows the domain's messages
(:class:`workflow.errors.Message`) in the reader's language; ``action_name`` names audit
actions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, time
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_datetime, format_time
from flask import Flask
from flask_babel import get_locale, get_translations, gettext
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from workflow.errors import Message, WorkflowError
from workflow.glossary import TermHit
from workflow.services.progress import article_progress, qa_error_segments
from workflow.states import AUDIT_ACTIONS
from workflow.text.diff import word_diff
from workflow.text.display import (
    NEWSROOM_TIMEZONE,
    aware,
    display_datetime,
    display_number,
    display_percent,
    zone_abbreviation,
)

WIDTHS = ("short", "medium", "long", "full")

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
    # jobs
    "queued": _l("queued"),
    "running": _l("running"),
    "done": _l("done"),
    "failed": _l("failed"),
    "cancelled": _l("cancelled"),
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


_SLOT = re.compile(r"%\((\w+)\)([sdr])|%%")


@cache
def _pattern(template: str) -> re.Pattern[str] | None:
    """A regular expression reading back the English ``template`` renders, or None when the
    template has no slot or too little fixed text to be recognised."""
    out: list[str] = []
    names: set[str] = set()
    pos = 0
    for slot in _SLOT.finditer(template):
        out.append(re.escape(template[pos : slot.start()]))
        pos = slot.end()
        name, kind = slot.group(1), slot.group(2)
        if name is None:
            out.append("%")
        elif name in names:
            out.append(f"(?P={name})")
        else:
            names.add(name)
            body = r"\d+" if kind == "d" else ".*?"
            out.append(f"'(?P<{name}>{body})'" if kind == "r" else f"(?P<{name}>{body})")
    out.append(re.escape(template[pos:]))
    fixed = len(_SLOT.sub("", template))
    return re.compile("".join(out), re.S) if names and fixed >= 6 else None


_READABLE: dict[int, list[tuple[str, re.Pattern[str], str, int]]] = {}


def _readable(catalog: dict[object, str]) -> list[tuple[str, re.Pattern[str], str, int]]:
    """The templates of a catalog that text can be read back with: (msgid, pattern, its
    longest fixed part — a quick test before the pattern —, the length of its fixed text),
    once per catalog (the process keeps its catalogs)."""
    known = _READABLE.get(id(catalog))
    if known is not None:
        return known
    out = []
    for msgid in catalog:
        if isinstance(msgid, str) and "%(" in msgid and (pattern := _pattern(msgid)):
            anchor = max(_SLOT.split(msgid)[::3], key=len).replace("%%", "%")
            out.append((msgid, pattern, anchor, len(_SLOT.sub("", msgid))))
    _READABLE[id(catalog)] = sorted(out, key=lambda t: -t[3])
    return _READABLE[id(catalog)]


def stored_text(text: object) -> object:
    """English text the domain stored (an audit detail, a revision note) in the UI language:
    read back with the catalog template it was made from, its values put into the
    translation (a value that is itself a message id is translated too). Text that no
    template makes, and any text in an English UI, is shown as it is."""
    if not isinstance(text, str) or not text:
        return text
    translations = get_translations()
    catalog = getattr(translations, "_catalog", None)
    if not catalog:
        return text
    best: tuple[int, str, dict[str, str]] | None = None
    for msgid, pattern, anchor, fixed in _readable(catalog):  # most fixed text first
        if anchor in text and (match := pattern.fullmatch(text)) is not None:
            best = (fixed, msgid, match.groupdict())
            break
    if best is None:
        return gettext(text) if text in catalog else text
    _, msgid, values = best
    params: dict[str, object] = {
        k: gettext(v) if v and v in catalog else v for k, v in values.items()
    }
    for name in re.findall(r"%\((\w+)\)d", msgid):
        params[name] = int(values[name])
    return Message(msgid, **params).localize(gettext)


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


def ui_locale() -> str:
    """The UI language of this request (``en`` outside one)."""
    return str(get_locale() or "en")


def datetimeformat(value: datetime | None, format: str = "medium") -> str:
    """A date and time for the UI: the UI language's form, KST, no seconds; ``—`` for none."""
    if value is None:
        return "—"
    if format in WIDTHS:
        return display_datetime(value, ui_locale(), width=format)  # type: ignore[arg-type]
    return format_datetime(aware(value), format, tzinfo=NEWSROOM_TIMEZONE, locale=ui_locale())


def timeformat(value: datetime | time | None, format: str = "short") -> str:
    """A time of day for the UI: hours and minutes in KST, with the zone (``5:24 PM KST``)."""
    if value is None:
        return "—"
    if isinstance(value, datetime):
        local = aware(value).astimezone(ZoneInfo(NEWSROOM_TIMEZONE))
        shown = format_time(local, "short" if format in WIDTHS else format, locale=ui_locale())
        return f"{shown} {zone_abbreviation(local)}" if format in WIDTHS else shown
    return format_time(value, "short" if format in WIDTHS else format, locale=ui_locale())


def number(value: Any) -> str:
    """A count or a measure with the UI language's grouping (``12,345``)."""
    return display_number(value, ui_locale())


def percent(share: Any, decimals: int = 0) -> str:
    """A share (0.97) as the UI language writes a percentage (``97%``)."""
    return display_percent(share, ui_locale(), decimals=decimals)


def register(app: Flask) -> None:
    app.jinja_env.filters.update(
        progress=article_progress,
        qa_error_segments=qa_error_segments,
        datetimeformat=datetimeformat,
        timeformat=timeformat,
        number=number,
        percent=percent,
        tr=tr,
        action_name=action_name,
        stored_text=stored_text,
        state_name=state_name,
        word_diff=word_diff,
        highlight_terms=highlight_terms,
    )
    app.jinja_env.finalize = tr
