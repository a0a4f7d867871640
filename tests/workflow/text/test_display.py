"""Dates and numbers for readers: Babel, the reader's locale, KST, never seconds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from workflow.errors import UnknownLocale
from workflow.text.display import (
    display_date,
    display_datetime,
    display_number,
    display_percent,
    zone_abbreviation,
)

# 2015-04-30 08:24:05 UTC is 17:24:05 in Seoul.
WHEN = datetime(2015, 4, 30, 8, 24, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("locale", "shown"),
    [
        ("en", "Apr 30, 2015, 5:24\u202fPM KST"),
        ("ko", "2015. 4. 30. 오후 5:24 KST"),
        ("ja", "2015/04/30 17:24 KST"),
        ("fr", "30 avr. 2015, 17:24 KST"),
        ("en_GB", "30 Apr 2015, 17:24 KST"),
    ],
)
def test_each_locale_writes_seoul_time_its_own_way_without_seconds(locale: str, shown: str) -> None:
    assert display_datetime(WHEN, locale) == shown


def test_the_same_instant_in_any_offset_reads_the_same() -> None:
    kst = WHEN.astimezone(timezone(timedelta(hours=9)))
    naive_utc = WHEN.replace(tzinfo=None)  # naive is taken as UTC
    assert (
        display_datetime(kst, "en")
        == display_datetime(naive_utc, "en")
        == (display_datetime(WHEN, "en"))
    )


def test_widths_and_zone() -> None:
    assert display_datetime(WHEN, "en", width="short") == "4/30/15, 5:24\u202fPM KST"
    assert display_datetime(WHEN, "ko", width="long") == "2015년 4월 30일 오후 5:24 KST"
    assert display_datetime(WHEN, "en", zone=False) == "Apr 30, 2015, 5:24\u202fPM"
    assert display_date(WHEN, "ko", width="long") == "2015년 4월 30일"
    assert zone_abbreviation(WHEN) == "KST"
    assert display_datetime(WHEN, "en", "Europe/Paris") == "Apr 30, 2015, 10:24\u202fAM CEST"


def test_numbers_follow_the_locale() -> None:
    assert display_number(12345.5, "en") == "12,345.5"
    assert display_number(12345.5, "fr") == "12\u202f345,5"
    assert display_percent(0.973, "en") == "97%"
    assert display_percent(0.973, "en", decimals=1) == "97.3%"
    assert display_percent(0.5, "fr") == "50\u00a0%"


def test_an_unknown_locale_is_a_workflow_error() -> None:
    with pytest.raises(UnknownLocale):
        display_datetime(WHEN, "xx")
