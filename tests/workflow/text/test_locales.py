"""Locale codes through Babel: canonical ids, unknown codes, plural forms, names."""

from __future__ import annotations

import pytest

from workflow.errors import BadInput, UnknownLocale
from workflow.text.locales import bcp47, language_name, parse_locale, plural_forms


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "en"),
        ("ko", "ko"),
        ("ja", "ja"),
        ("zh", "zh"),
        ("zh_Hans", "zh_Hans"),
        ("en-US", "en_US"),
        ("en_US", "en_US"),
        (" en-us ", "en_US"),
        ("zh-TW", "zh_Hant_TW"),
    ],
)
def test_parse_locale_normalises(code: str, expected: str) -> None:
    assert parse_locale(code) == expected


@pytest.mark.parametrize("code", ["xx", "en_XX", "", "   ", "und", "123", "en__US", "ko/../en"])
def test_parse_locale_rejects_unknown_codes(code: str) -> None:
    with pytest.raises(UnknownLocale) as info:
        parse_locale(code)
    assert str(info.value) == f"unknown locale {code!r}"
    assert isinstance(info.value, BadInput)
    assert info.value.status == 400


def test_unknown_locale_message_is_plain() -> None:
    with pytest.raises(UnknownLocale, match=r"^unknown locale 'xx'$"):
        parse_locale("xx")


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en", "nplurals=2; plural=(n != 1);"),
        ("en_US", "nplurals=2; plural=(n != 1);"),
        ("ko", "nplurals=1; plural=0;"),
        ("ja", "nplurals=1; plural=0;"),
        ("zh_Hans", "nplurals=1; plural=0;"),
    ],
)
def test_plural_forms_from_cldr(locale: str, expected: str) -> None:
    assert plural_forms(locale) == expected


def test_plural_forms_rejects_unknown_locale() -> None:
    with pytest.raises(UnknownLocale):
        plural_forms("xx")


@pytest.mark.parametrize(
    ("locale", "tag"), [("en", "en"), ("en_US", "en-US"), ("zh_Hans", "zh-Hans"), ("ko", "ko")]
)
def test_bcp47(locale: str, tag: str) -> None:
    assert bcp47(locale) == tag


def test_language_name() -> None:
    assert language_name("ko") == "Korean"
    assert language_name("en", "ko") == "영어"
    assert language_name("ja", "ja") == "日本語"
