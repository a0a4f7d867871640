"""Dates, times and numbers as a reader sees them: Babel, the reader's locale, the newsroom's zone.

The one place that decides how a date or a number is written for people — the bundle's
HTML, Markdown and JSON ``display`` fields and the UI (through the Jinja filters of
``web/filters.py``) all call these functions. Dates are shown in the newsroom's time zone
(Asia/Seoul) without seconds, followed by the zone's abbreviation, in the locale's own order
and words: ``Apr 30, 2015, 5:24 PM KST`` in English, ``2015. 4. 30. 오후 5:24 KST`` in Korean.
Pure functions of their arguments (no clock, no environment), so bundles stay deterministic.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from functools import cache
from typing import Literal
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_time
from babel.numbers import format_decimal, format_percent

from workflow.text.locales import parse_locale

NEWSROOM_TIMEZONE = "Asia/Seoul"

Width = Literal["short", "medium", "long", "full"]


@cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def _tz(tz: tzinfo | str) -> tzinfo:
    return _zone(tz) if isinstance(tz, str) else tz


@cache
def _babel_locale(locale: str) -> Locale:
    return Locale.parse(parse_locale(locale))


def aware(dt: datetime) -> datetime:
    """Naive datetimes are taken as UTC (the model promises aware ones)."""
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


def zone_abbreviation(dt: datetime, tz: tzinfo | str = NEWSROOM_TIMEZONE) -> str:
    """The zone's abbreviation at ``dt``: ``KST`` for Asia/Seoul (IANA's, not CLDR's names,
    which have none for Korea); an offset such as ``+04`` for zones without one."""
    return aware(dt).astimezone(_tz(tz)).tzname() or ""


def display_datetime(
    dt: datetime,
    locale: str,
    tz: tzinfo | str = NEWSROOM_TIMEZONE,
    *,
    width: Width = "medium",
    zone: bool = True,
) -> str:
    """``dt`` in ``tz`` as ``locale`` writes a date and a time, no seconds, then the zone.

    ``width`` is the date's CLDR width (``medium``: ``Apr 30, 2015``; ``short``:
    ``4/30/15``); the time is always CLDR's ``short`` (hours and minutes); date and time are
    joined with the locale's own pattern. ``zone=False`` leaves the abbreviation off.
    """
    loc = _babel_locale(locale)
    local = aware(dt).astimezone(_tz(tz))
    day = format_date(local, width, locale=loc)
    time = format_time(local, "short", locale=loc)
    if zone and (abbr := zone_abbreviation(local, tz)):
        time = f"{time} {abbr}"
    pattern = str(loc.datetime_formats.get(width) or "{1} {0}")
    return pattern.replace("'", "").format(time, day)


def display_date(
    dt: datetime, locale: str, tz: tzinfo | str = NEWSROOM_TIMEZONE, *, width: Width = "medium"
) -> str:
    """The calendar day of ``dt`` in ``tz`` as ``locale`` writes it (``Apr 30, 2015``)."""
    return format_date(aware(dt).astimezone(_tz(tz)), width, locale=_babel_locale(locale))


def display_number(value: float, locale: str) -> str:
    """A number with the locale's grouping and decimal signs (``12,345``; ``1.5``)."""
    return format_decimal(value, locale=_babel_locale(locale))


def display_percent(share: float, locale: str, *, decimals: int = 0) -> str:
    """A share (0.97) as the locale writes a percentage (``97%``; ``97 %`` in French)."""
    loc = _babel_locale(locale)
    pattern = str(loc.percent_formats[None].pattern)
    if decimals > 0:
        at = pattern.rfind("0") + 1
        pattern = pattern[:at] + "." + "0" * decimals + pattern[at:]
    return format_percent(share, pattern, locale=loc)
