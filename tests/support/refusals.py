"""Assertions on refused input: the :class:`~workflow.errors.BadInput` a reader raises."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from workflow.errors import BadInput


def refusal(read: Callable[..., object], data: bytes, **kwargs: Any) -> BadInput:
    """The :class:`BadInput` that ``read(data, **kwargs)`` raises."""
    with pytest.raises(BadInput) as info:
        read(data, **kwargs)
    return info.value


def assert_refused_at(
    read: Callable[..., object], data: bytes, line: int, message: str, **kwargs: Any
) -> None:
    """``read`` refuses ``data`` naming its ``source`` and ``line``, in words with ``message``."""
    error = refusal(read, data, **kwargs)
    assert error.source == kwargs["source"]
    assert error.line == line, str(error)
    assert message in str(error)
