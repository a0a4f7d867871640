"""``machine_translate``: embargo, cache, protection and provenance, against the fake server."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.support.libretranslate import FakeLibreTranslate
from workflow.machinery import (
    EmbargoViolation,
    LruCache,
    MtConfig,
    MtSuggestion,
    PlaceholderLost,
    QuotaExceeded,
    machine_translate,
)
from workflow.machinery.libretranslate import LibreTranslateProvider

NOW = datetime(2024, 4, 28, 9, 0, tzinfo=UTC)


def provider(url: str, *, in_house: bool = False) -> LibreTranslateProvider:
    config = MtConfig(
        key="k-123456", url=url, timeout=2, in_house=in_house, allowed_private=("127.0.0.1",)
    )
    return LibreTranslateProvider(config)


def ko_to_en(text: str, url: str, **kwargs: Any) -> MtSuggestion:
    """``text`` (not embargoed) from Korean into English by the provider at ``url``."""
    return machine_translate(
        text,
        provider=provider(url),
        source_lang="ko",
        target_lang="en",
        embargoed=False,
        **kwargs,
    )


def test_suggestion_with_provenance(libretranslate: FakeLibreTranslate) -> None:
    result = ko_to_en("  정부는 발표했다. ", libretranslate.url, now=lambda: NOW)
    assert result == MtSuggestion("  EN: 정부는 발표했다. ", "libretranslate", "ko", "en", NOW)


def test_placeholders_and_numbers_round_trip(libretranslate: FakeLibreTranslate) -> None:
    source = "{name} 기자는 2024년 3.5% 올랐다고 https://hani.co.kr/a?b=1 에 썼다 [%%IMAGE1%%]"
    libretranslate.behave(
        "dictionary",
        dictionary={
            "[X0X] 기자는 [X1X]년 [X2X]% 올랐다고 [X3X] 에 썼다 [X4X]": (
                "Reporter [X0X] wrote at [ X3X ] that it rose [X2X]% in [X1X] [X4X]"
            )
        },
    )
    result = ko_to_en(source, libretranslate.url)
    assert result.text == (
        "Reporter {name} wrote at https://hani.co.kr/a?b=1 that it rose 3.5% in 2024 [%%IMAGE1%%]"
    )


def test_lost_placeholder(libretranslate: FakeLibreTranslate) -> None:
    libretranslate.behave("dictionary", dictionary={"[X0X]명이 다쳤다": "Several were hurt"})
    with pytest.raises(PlaceholderLost):
        ko_to_en("12명이 다쳤다", libretranslate.url)


def test_cache_hit_sends_one_request(libretranslate: FakeLibreTranslate) -> None:
    cache = LruCache()
    p = provider(libretranslate.url)
    first, second = (
        machine_translate(
            "같은 문장",
            provider=p,
            source_lang="ko",
            target_lang="en",
            embargoed=False,
            cache=cache,
        )
        for _ in range(2)
    )
    assert first.text == second.text == "EN: 같은 문장"
    assert (first.cached, second.cached) == (False, True)
    assert len(libretranslate.translations) == 1
    machine_translate(
        "같은 문장", provider=p, source_lang="ko", target_lang="ja", embargoed=False, cache=cache
    )
    assert len(libretranslate.translations) == 2  # another locale is another entry


def test_failures_are_not_cached(libretranslate: FakeLibreTranslate) -> None:
    cache = LruCache()
    p = provider(libretranslate.url)
    libretranslate.behave("quota")
    with pytest.raises(QuotaExceeded):
        machine_translate(
            "문장", provider=p, source_lang="ko", target_lang="en", embargoed=False, cache=cache
        )
    assert len(cache) == 0


def test_embargoed_text_never_reaches_a_third_party(libretranslate: FakeLibreTranslate) -> None:
    cache = LruCache()
    p = provider(libretranslate.url)
    machine_translate(
        "엠바고", provider=p, source_lang="ko", target_lang="en", embargoed=False, cache=cache
    )
    with pytest.raises(EmbargoViolation) as caught:
        machine_translate(
            "엠바고", provider=p, source_lang="ko", target_lang="en", embargoed=True, cache=cache
        )
    assert caught.value.provider == "libretranslate"
    assert caught.value.status == 403
    assert len(libretranslate.translations) == 1


def test_in_house_server_may_see_embargoed_text(libretranslate: FakeLibreTranslate) -> None:
    p = provider(libretranslate.url, in_house=True)
    assert p.sends_data_to_third_party is False
    result = machine_translate(
        "엠바고", provider=p, source_lang="ko", target_lang="en", embargoed=True
    )
    assert result.text == "EN: 엠바고"


@pytest.mark.parametrize("text", ["", "   ", "[%%IMAGE1%%]", "2024"])
def test_nothing_to_translate_calls_nobody(libretranslate: FakeLibreTranslate, text: str) -> None:
    result = ko_to_en(text, libretranslate.url)
    assert result.text == text
    assert libretranslate.translations == []
