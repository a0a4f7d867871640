"""Pytest fixtures over the test doubles; the suite's conftest imports them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.libretranslate import FakeLibreTranslate


@pytest.fixture
def libretranslate() -> Iterator[FakeLibreTranslate]:
    """A fresh LibreTranslate-compatible server on 127.0.0.1 (``.url`` ends in ``/``)."""
    with FakeLibreTranslate() as server:
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
