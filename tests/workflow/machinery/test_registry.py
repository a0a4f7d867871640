"""``providers_from_env``: which providers are enabled and how they are configured."""

from __future__ import annotations

import pytest

from workflow.errors import BadInput
from workflow.machinery import default_providers, providers_from_env


def test_nothing_enabled_by_default() -> None:
    assert providers_from_env({}) == []


def test_the_default_registry_lists_six_providers() -> None:
    assert sorted(default_providers().ids()) == [
        "deepl",
        "google",
        "libretranslate",
        "microsoft",
        "mymemory",
        "papago",
    ]


def test_enabled_in_order_with_keys_urls_and_timeout() -> None:
    providers = providers_from_env(
        {
            "TRANSDESK_MT_PROVIDERS": " DeepL, libretranslate ,mymemory,",
            "TRANSDESK_MT_DEEPL_KEY": "deepl-key-1234:fx",
            "TRANSDESK_MT_LIBRETRANSLATE_URL": "http://mt.newsroom.internal:5000",
            "TRANSDESK_MT_LIBRETRANSLATE_IN_HOUSE": "true",
            "TRANSDESK_MT_TIMEOUT": "2.5",
        }
    )
    assert [p.id for p in providers] == ["deepl", "libretranslate", "mymemory"]
    deepl, libre, _ = providers
    assert deepl.config.key == "deepl-key-1234:fx" and deepl.config.timeout == 2.5
    assert "deepl-key-1234" not in repr(deepl)
    assert libre.config.url == "http://mt.newsroom.internal:5000"
    assert libre.config.key is None
    assert [p.sends_data_to_third_party for p in providers] == [True, False, True]


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"TRANSDESK_MT_PROVIDERS": "yandex"}, "unknown MT provider 'yandex'; known: deepl, goo"),
        ({"TRANSDESK_MT_PROVIDERS": "deepl"}, "TRANSDESK_MT_DEEPL_KEY': DeepL needs an API key"),
        ({"TRANSDESK_MT_PROVIDERS": "papago"}, "TRANSDESK_MT_PAPAGO_KEY"),
        ({"TRANSDESK_MT_PROVIDERS": "libretranslate"}, "TRANSDESK_MT_LIBRETRANSLATE_URL"),
        (
            {
                "TRANSDESK_MT_PROVIDERS": "libretranslate",
                "TRANSDESK_MT_LIBRETRANSLATE_URL": "ftp:x",
            },
            "needs an http(s) URL",
        ),
        (
            {"TRANSDESK_MT_PROVIDERS": "google", "TRANSDESK_MT_GOOGLE_KEY": "secret-value"},
            "TRANSDESK_MT_GOOGLE_KEY': Google Translate takes no API key",
        ),
        (
            {"TRANSDESK_MT_PROVIDERS": "mymemory", "TRANSDESK_MT_MYMEMORY_IN_HOUSE": "1"},
            "TRANSDESK_MT_MYMEMORY_IN_HOUSE",
        ),
        ({"TRANSDESK_MT_PROVIDERS": "google", "TRANSDESK_MT_TIMEOUT": "0"}, "TRANSDESK_MT_TIMEO"),
        ({"TRANSDESK_MT_PROVIDERS": "google", "TRANSDESK_MT_TIMEOUT": "soon"}, "not 'soon'"),
        ({"TRANSDESK_MT_PROVIDERS": "google,google"}, "'google' is listed twice"),
    ],
)
def test_clear_errors(environ: dict[str, str], message: str) -> None:
    with pytest.raises(BadInput, match=None) as caught:
        providers_from_env(environ)
    assert message in str(caught.value)
    assert "secret-value" not in str(caught.value)
