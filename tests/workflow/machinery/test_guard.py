"""The guard, through deep-translator's own ``LibreTranslator`` against a fake server."""

from __future__ import annotations

import logging
import socket
import threading
import time

import pytest
import requests

from tests.support.libretranslate import MYMEMORY_QUOTA_WARNING, FakeLibreTranslate
from workflow.errors import WorkflowError
from workflow.machinery import (
    MtConfig,
    ProviderAuthFailed,
    ProviderError,
    ProviderTimeout,
    ProviderUnavailable,
    QuotaExceeded,
    is_quota_answer,
    redact,
)
from workflow.machinery.libretranslate import LibreTranslateProvider

KEY = "sk-lt-5ecret-0123456789"


def libre(url: str, *, timeout: float = 2.0, key: str | None = KEY) -> LibreTranslateProvider:
    return LibreTranslateProvider(
        MtConfig(key=key, url=url, timeout=timeout, allowed_private=("127.0.0.1",))
    )


def test_translates_through_deep_translator(libretranslate: FakeLibreTranslate) -> None:
    provider = libre(libretranslate.url)
    assert provider.translate("안녕하세요", source_lang="ko", target_lang="en") == "EN: 안녕하세요"
    (sent,) = libretranslate.translations
    assert sent.params["q"] == "안녕하세요"
    assert (sent.params["source"], sent.params["target"]) == ("ko", "en")
    assert sent.params["api_key"] == KEY  # the key is sent to the server, and only there


def test_url_without_trailing_slash_is_completed(libretranslate: FakeLibreTranslate) -> None:
    provider = libre(libretranslate.url.rstrip("/"))
    assert provider.translate("a", source_lang="en", target_lang="ko") == "EN: a"


def test_stalled_server_times_out_within_the_timeout(libretranslate: FakeLibreTranslate) -> None:
    libretranslate.behave(delay=5)
    provider = libre(libretranslate.url, timeout=0.4)
    started = time.monotonic()
    with pytest.raises(ProviderTimeout) as caught:
        provider.translate("느린 서버", source_lang="ko", target_lang="en")
    assert time.monotonic() - started < 0.4 + 0.3
    assert caught.value.provider == "libretranslate"
    assert caught.value.status == 504
    # The abandoned call does not hang on: the injected socket timeout ends its thread.
    deadline = time.monotonic() + 2
    while _mt_threads() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert _mt_threads() == []


def _mt_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("transdesk-mt-")]


@pytest.mark.parametrize(
    ("behaviour", "error", "status"),
    [
        ({"mode": "status", "status": 429}, QuotaExceeded, 429),
        ({"mode": "status", "status": 500}, ProviderUnavailable, 500),
        ({"mode": "status", "status": 503}, ProviderUnavailable, 503),
        ({"mode": "status", "status": 403}, ProviderAuthFailed, 403),
        ({"mode": "status", "status": 400}, ProviderError, 400),
        ({"mode": "garbage"}, ProviderError, None),
        ({"mode": "quota"}, QuotaExceeded, None),
    ],
)
def test_failures_map_to_one_error_family(
    libretranslate: FakeLibreTranslate,
    behaviour: dict[str, object],
    error: type[ProviderError],
    status: int | None,
) -> None:
    libretranslate.behave(**behaviour)  # type: ignore[arg-type]
    with pytest.raises(error) as caught:
        libre(libretranslate.url).translate("기사", source_lang="ko", target_lang="en")
    assert type(caught.value) is error
    assert isinstance(caught.value, WorkflowError)
    assert caught.value.upstream_status == status
    assert caught.value.provider == "libretranslate"
    assert caught.value.__cause__ is None and caught.value.__context__ is None


def test_nobody_listening_is_unavailable(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with socket.socket() as s:  # a port that was free a moment ago
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    provider = libre(f"http://127.0.0.1:{port}/")
    # deep-translator lets requests' ConnectionError through unwrapped; the guard does not.
    with pytest.raises(ProviderUnavailable, match="cannot connect") as caught:
        provider.translate("기사", source_lang="ko", target_lang="en")
    assert caught.value.detail == "ConnectionError"
    for text in [str(caught.value), *(r.getMessage() for r in caplog.records)]:
        assert KEY not in text and "기사" not in text


@pytest.mark.parametrize(
    "behaviour",
    [
        {"mode": "status", "status": 403},  # deep-translator puts the key in this message
        {"mode": "status", "status": 500},
        {"mode": "garbage"},
        {"mode": "echo", "delay": 3},
    ],
)
def test_key_never_in_errors_or_logs(
    libretranslate: FakeLibreTranslate,
    caplog: pytest.LogCaptureFixture,
    behaviour: dict[str, object],
) -> None:
    libretranslate.behave(**behaviour)  # type: ignore[arg-type]
    caplog.set_level(logging.DEBUG)
    with pytest.raises(ProviderError) as caught:
        libre(libretranslate.url, timeout=0.5).translate(
            "엠바고 기사", source_lang="ko", target_lang="en"
        )
    texts = [str(caught.value), repr(caught.value.args), caught.value.detail or ""]
    texts += [r.getMessage() for r in caplog.records]
    assert all(KEY not in t and "0123456789" not in t for t in texts)
    assert any(r.name == "workflow.machinery" for r in caplog.records)
    if "delay" not in behaviour:  # urllib3 logs the request line once the answer is in
        request_lines = [r.getMessage() for r in caplog.records if r.name.startswith("urllib3")]
        assert any("/translate?***" in m for m in request_lines)  # redacted, not silenced
    assert libretranslate.translations[0].params["api_key"] == KEY


def test_hook_is_inert_outside_guarded_calls(
    libretranslate: FakeLibreTranslate, caplog: pytest.LogCaptureFixture
) -> None:
    libre(libretranslate.url).translate("x", source_lang="en", target_lang="ko")  # installs it
    caplog.set_level(logging.DEBUG, logger="urllib3")
    with requests.get(libretranslate.url + "languages?probe=1", timeout=5) as response:
        assert response.json()[0]["code"] == "en"
    assert any("languages?probe=1" in r.getMessage() for r in caplog.records)


def test_deep_translator_errors_before_any_request_are_wrapped() -> None:
    provider = libre("http://127.0.0.1:9/")  # never reached: the language is refused first
    with pytest.raises(ProviderError, match="does not support"):
        provider.translate("x", source_lang="tlh", target_lang="en")


def test_redact_removes_keys_and_query_strings() -> None:
    message = (
        "Unauthorized access with the api key abc:def123 "
        "(url: /translate?q=%EA%B8%B0&api_key=abc%3Adef123) https://api.example/v2?auth_key=zz"
    )
    out = redact(message, ["abc:def123"])
    assert "def123" not in out and "auth_key" not in out and "%EA" not in out
    assert "/translate?***" in out and "https://api.example/v2?***" in out


@pytest.mark.parametrize(
    ("answer", "source", "expected"),
    [
        (MYMEMORY_QUOTA_WARNING, "안녕하세요", True),
        ("Quota exceeded for this month.", "안녕", True),
        ("Daily limit reached", "", True),
        ("Too many requests", "", True),
        ("The import quota on beef was exceeded last year.", "쇠고기 수입", False),
        ("Quota exceeded", "Quota exceeded", False),  # a text that says so is translated
        ("Hello", "안녕", False),
    ],
)
def test_quota_answers_are_detected(answer: str, source: str, expected: bool) -> None:
    assert is_quota_answer(answer, source) is expected
