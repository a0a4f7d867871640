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
