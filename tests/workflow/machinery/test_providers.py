"""Each provider module builds the right deep-translator object; MyMemory end to end."""

from __future__ import annotations

import deep_translator
import pytest
from deep_translator import MicrosoftTranslator

from tests.support.libretranslate import FakeLibreTranslate
from workflow.machinery import (
    DEFAULT_PROVIDERS,
    MtConfig,
    Provider,
    ProviderUnavailable,
    QuotaExceeded,
    machine_translate,
)
from workflow.machinery.deepl import DeeplProvider
from workflow.machinery.google import GoogleProvider
from workflow.machinery.microsoft import MicrosoftProvider
from workflow.machinery.mymemory import MyMemoryProvider
from workflow.machinery.papago import PapagoProvider


@pytest.mark.parametrize("cls", DEFAULT_PROVIDERS)
def test_every_provider_declares_the_contract(cls: type[Provider]) -> None:
    assert cls.id.isidentifier() and cls.id.islower()
    assert cls.name
    assert isinstance(cls.sends_data_to_third_party, bool)
    assert cls.__doc__


def test_google_codes() -> None:
    translator = GoogleProvider(MtConfig())._translator("ko", "en")
    assert (translator.source, translator.target) == ("ko", "en")


def test_deepl_korean_and_free_host() -> None:
    provider = DeeplProvider(MtConfig(key="abcd-1234:fx"))
    translator = provider._translator(provider.language_code("ko"), provider.language_code("en"))
    assert (translator.source, translator.target) == ("ko", "en-US")
    assert "api-free.deepl.com" in translator._base_url
    paid = DeeplProvider(MtConfig(key="abcd-1234"))._translator("ko", "en-GB")
    assert "api.deepl.com" in paid._base_url and paid.target == "en-GB"


def test_papago_sends_codes_not_language_names() -> None:
    provider = PapagoProvider(MtConfig(key="client-id:client-secret"))
    translator = provider._translator("ko", "en")
    assert (translator.source, translator.target) == ("ko", "en")
    assert (translator.client_id, translator.secret_key) == ("client-id", "client-secret")
    assert set(provider.secrets()) == {"client-id:client-secret", "client-id", "client-secret"}


def test_microsoft_key_and_region(monkeypatch: pytest.MonkeyPatch) -> None:
    # The constructor fetches Microsoft's language list; offline, that answer is faked.
    monkeypatch.setattr(
        MicrosoftTranslator,
        "_get_supported_languages",
        lambda self: {"korean": "ko", "english": "en"},
    )
    provider = MicrosoftProvider(MtConfig(key="azure-key-1234", region="koreacentral"))
    translator = provider._translator("ko", "en")
    assert translator.headers["Ocp-Apim-Subscription-Key"] == "azure-key-1234"
    assert translator.headers["Ocp-Apim-Subscription-Region"] == "koreacentral"


def test_mymemory_codes() -> None:
    provider = MyMemoryProvider(MtConfig())
    assert [provider.language_code(c) for c in ("ko", "en", "en_gb")] == ["ko-KR", "en-US", "en-GB"]


@pytest.fixture
def mymemory(
    libretranslate: FakeLibreTranslate, monkeypatch: pytest.MonkeyPatch
) -> MyMemoryProvider:
    """MyMemory's own deep-translator code, pointed at the fake server's ``/get``."""
    monkeypatch.setitem(deep_translator.constants.BASE_URLS, "MYMEMORY", libretranslate.url + "get")
    return MyMemoryProvider(MtConfig(timeout=2))


def test_mymemory_end_to_end(
    mymemory: MyMemoryProvider, libretranslate: FakeLibreTranslate
) -> None:
    result = machine_translate(
        "서울 2024", provider=mymemory, source_lang="ko", target_lang="en", embargoed=False
    )
    assert result.text == "EN: 서울 2024"
    assert libretranslate.requests[0].params["langpair"] == "ko-KR|en-US"


def test_mymemory_quota_warning_is_not_a_translation(
    mymemory: MyMemoryProvider, libretranslate: FakeLibreTranslate
) -> None:
    libretranslate.behave("quota")
    with pytest.raises(QuotaExceeded, match="quota"):
        mymemory.translate("서울", source_lang="ko", target_lang="en")


def test_mymemory_server_error(
    mymemory: MyMemoryProvider, libretranslate: FakeLibreTranslate
) -> None:
    libretranslate.behave("status", status=502)
    with pytest.raises(ProviderUnavailable, match="HTTP 502"):
        mymemory.translate("서울", source_lang="ko", target_lang="en")
