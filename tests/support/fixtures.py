"""Pytest fixtures over the test doubles; the suite's conftest imports them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.libretranslate import FakeLibreTranslate
from tests.support.smtp import SmtpServer
from tests.support.webhook import WebhookReceiver


@pytest.fixture
def libretranslate() -> Iterator[FakeLibreTranslate]:
    """A fresh LibreTranslate-compatible server on 127.0.0.1 (``.url`` ends in ``/``)."""
    with FakeLibreTranslate() as server:
        yield server


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    """A fresh SMTP server on 127.0.0.1 that keeps what it receives."""
    with SmtpServer() as server:
        yield server


def with_libretranslate(
    env: dict[str, str],
    server: FakeLibreTranslate,
    monkeypatch: pytest.MonkeyPatch,
    *,
    timeout: float,
    **more: str,
) -> dict[str, str]:
    """``env`` with ``server`` configured as the one MT provider (also set in os.environ)."""
    extra = {
        "TRANSDESK_MT_PROVIDERS": "libretranslate",
        "TRANSDESK_MT_LIBRETRANSLATE_URL": server.url,
        "TRANSDESK_MT_TIMEOUT": str(timeout),
        **more,
    }
    for key, value in extra.items():
        monkeypatch.setenv(key, value)
    return env | extra


def libretranslate_env(*, timeout: float, name: str = "env", **more: str) -> Any:
    """A fixture ``name``: the suite's ``env`` with the ``libretranslate`` fake as the one MT
    provider. A test module overrides ``env`` with ``env = libretranslate_env(timeout=2)``."""

    def fixture(
        env: dict[str, str], libretranslate: FakeLibreTranslate, monkeypatch: pytest.MonkeyPatch
    ) -> dict[str, str]:
        return with_libretranslate(env, libretranslate, monkeypatch, timeout=timeout, **more)

    return pytest.fixture(name=name)(fixture)


@pytest.fixture
def webhook_receiver() -> Iterator[WebhookReceiver]:
    """A fresh CMS stand-in on 127.0.0.1 that receives webhooks."""
    with WebhookReceiver() as receiver:
        yield receiver


def with_webhook(
    env: dict[str, str], receiver: WebhookReceiver, monkeypatch: pytest.MonkeyPatch
) -> dict[str, str]:
    """``env`` with ``receiver`` as the desk's webhook (also set in os.environ)."""
    extra = {"TRANSDESK_WEBHOOK_URL": receiver.url, "TRANSDESK_WEBHOOK_SECRET": "s" * 32}
    for key, value in extra.items():
        monkeypatch.setenv(key, value)
    return env | extra
