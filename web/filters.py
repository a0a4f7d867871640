"""Template filters: names of states, word differences, glossary terms highlighted, and
dates and numbers written for the reader (:mod:`workflow.text.display`, in the UI language).

``datetimeformat`` (and ``timeformat``) replace Flask-Babel's filters of those names so
that every date the UI shows reads like the bundle's: the UI language's own form, in KST,
without seconds (``Apr 30, 2015, 5:24 PM KST``). A CLDR pattern instead of a width
(``yyyy-MM-dd'T'HH:mm``, for an ``<input type=datetime-local>``) is still honoured, in KST.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_datetime, format_time
from flask import Flask
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from workflow.glossary import TermHit
from workflow.services.progress import article_progress, qa_error_segments
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
}


def state_name(label: object) -> str:
    """The reader's name of a state or role label, in the UI language."""
    key = str(getattr(label, "label", None) or getattr(label, "value", label))
    return str(STATE_NAMES.get(key, key))


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
    app.jinja_env.filters["progress"] = article_progress
    app.jinja_env.filters["qa_error_segments"] = qa_error_segments
    app.jinja_env.filters["datetimeformat"] = datetimeformat
    app.jinja_env.filters["timeformat"] = timeformat
    app.jinja_env.filters["number"] = number
    app.jinja_env.filters["percent"] = percent
    app.jinja_env.filters["state_name"] = state_name
    app.jinja_env.filters["word_diff"] = word_diff
    app.jinja_env.filters["highlight_terms"] = highlight_terms
