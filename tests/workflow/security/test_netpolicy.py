"""SSRF rules: the server calls only public http(s) addresses unless the operator allows."""

from __future__ import annotations

import pytest

from workflow.errors import BadInput
from workflow.security.netpolicy import DestinationRefused, check_url, parse_allowed


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:5000/translate",
        "http://localhost/",
        "http://api.localhost/",
        "http://[::1]:8080/",
        "http://[::ffff:127.0.0.1]/",
        "http://10.0.0.5/",
        "http://172.16.3.4/",
        "http://192.168.1.1/",
        "http://169.254.169.254/latest/meta-data/",  # cloud metadata
        "http://0.0.0.0/",
        "http://[fd00::1]/",
        "http://224.0.0.1/",
    ],
)
def test_private_and_local_addresses_are_refused(url: str) -> None:
    with pytest.raises(DestinationRefused, match="private or local address"):
        check_url(url)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.com/", "not an http"),
        ("file:///etc/passwd", "not an http"),
        ("gopher://127.0.0.1:6379/_FLUSHALL", "not an http"),
        ("http://user:pw@example.com/", "credentials"),
    ],
)
def test_other_schemes_and_credentials_are_refused(url: str, message: str) -> None:
    with pytest.raises(DestinationRefused, match=message):
        check_url(url)


def test_a_name_is_judged_by_what_it_resolves_to() -> None:
    def inside(host: str, port: int) -> list[str]:
        return ["93.184.216.34", "10.1.2.3"]  # one public, one private: refused

    with pytest.raises(DestinationRefused, match=r"cms\.example\.com \(10\.1\.2\.3\)"):
        check_url("https://cms.example.com/hook", resolver=inside)
    check_url("https://cms.example.com/hook", resolver=lambda h, p: ["93.184.216.34"])


def test_allowed_hosts_and_networks_pass() -> None:
    allowed = parse_allowed("127.0.0.1, 10.0.0.0/8, mt.newsroom.internal")
    check_url("http://127.0.0.1:5000/", allowed)
    check_url("http://10.20.30.40/", allowed)
    check_url("http://mt.newsroom.internal/", allowed, resolver=lambda h, p: ["10.9.9.9"])
    with pytest.raises(DestinationRefused):
        check_url("http://192.168.0.1/", allowed)


def test_a_bad_allow_list_names_the_variable() -> None:
    with pytest.raises(BadInput, match=r"TRANSDESK_ALLOW_PRIVATE_URLS.*'10\.0\.0\.0/33'"):
        parse_allowed("10.0.0.0/33")


def test_settings_refuse_private_mt_and_webhook_urls(monkeypatch: pytest.MonkeyPatch) -> None:
    from workflow.settings import Settings

    base = {"TRANSDESK_ENV": "test", "TRANSDESK_INSTANCE": "/tmp/td-netpolicy"}
    mt = base | {
        "TRANSDESK_MT_PROVIDERS": "libretranslate",
        "TRANSDESK_MT_LIBRETRANSLATE_URL": "http://169.254.169.254/",
    }
    with pytest.raises(BadInput, match="TRANSDESK_MT_LIBRETRANSLATE_URL"):
        Settings.from_env(mt)
    hook = base | {
        "TRANSDESK_WEBHOOK_URL": "http://127.0.0.1:9/",
        "TRANSDESK_WEBHOOK_SECRET": "s" * 32,
    }
    with pytest.raises(BadInput, match="TRANSDESK_WEBHOOK_URL"):
        Settings.from_env(hook)
    allowed = Settings.from_env(hook | {"TRANSDESK_ALLOW_PRIVATE_URLS": "127.0.0.1"})
    assert allowed.webhook_url == "http://127.0.0.1:9/"
    with pytest.raises(BadInput, match="TRANSDESK_WEBHOOK_SECRET"):
        Settings.from_env(
            hook
            | {"TRANSDESK_ALLOW_PRIVATE_URLS": "127.0.0.1", "TRANSDESK_WEBHOOK_SECRET": "short"}
        )


def test_an_mt_provider_whose_name_points_inside_is_refused_on_each_call(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from workflow.machinery.base import MtConfig
    from workflow.machinery.errors import ProviderError
    from workflow.machinery.libretranslate import LibreTranslateProvider

    provider = LibreTranslateProvider(MtConfig(url="http://mt.example.com/", timeout=2))
    monkeypatch.setattr("socket.getaddrinfo", lambda *a, **k: [(2, 1, 6, "", ("127.0.0.1", 80))])
    with pytest.raises(ProviderError, match="private or local address"):
        provider.translate("안녕", source_lang="ko", target_lang="en")
