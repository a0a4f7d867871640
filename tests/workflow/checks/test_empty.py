from __future__ import annotations

from tests.workflow.checks.helpers import table_test
from workflow.checks.empty import EmptyCheck, SameCheck

EMPTY = [
    ("국방부는 밝혔다.", "", ["the translation is empty"]),
    ("국방부는 밝혔다.", " \n ", ["the translation is empty"]),
    ("", "", []),
    ("국방부는 밝혔다.", "The ministry said.", []),
]
SAME = [
    ("국방부는 밝혔다.", "국방부는 밝혔다.", ["the translation is the same as the source"]),
    ("Shangri-La Dialogue held", "Shangri-La  dialogue held", [
        "the translation is the same as the source"]),
    ("ACSA", "ACSA", []),  # an acronym stays as it is
    ("[%%IMAGE1%%]", "[%%IMAGE1%%]", []),
    ("2015-04-28 17:24", "2015-04-28 17:24", []),
    ("https://english.hani.co.kr/", "https://english.hani.co.kr/", []),
    ("도쿄/길윤형 특파원", "By Gil Yun-hyung, Tokyo correspondent", []),
]  # fmt: skip


test_empty = table_test(EmptyCheck(), EMPTY)
test_same = table_test(SameCheck(), SAME)
