from __future__ import annotations

import pytest

from tests.workflow.checks.helpers import messages
from workflow.checks.spaces import SpacesCheck

CASES = [
    ("국방부는 밝혔다.", "The ministry said.", []),
    ("국방부는 밝혔다.", "The ministry  said.", [
        "doubled space in the translation: 'The ministry  said.'"]),
    ("국방부는  밝혔다.", "The ministry  said.", []),  # the source has one too
    ("국방부는 밝혔다.", " The ministry said.", ["the translation starts with a space"]),
    ("국방부는 밝혔다.", "The ministry said. ", ["the translation ends with a space"]),
    (" 국방부는 밝혔다. ", " The ministry said. ", []),
]  # fmt: skip


@pytest.mark.parametrize(("source", "target", "expected"), CASES)
def test_spaces(source: str, target: str, expected: list[str]) -> None:
    assert messages(SpacesCheck(), source, target) == expected
