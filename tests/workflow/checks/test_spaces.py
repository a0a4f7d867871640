from __future__ import annotations

from tests.workflow.checks.helpers import table_test
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


test_spaces = table_test(SpacesCheck(), CASES)
