from __future__ import annotations

from tests.workflow.checks.helpers import table_test
from workflow.checks.length import LengthCheck, ratio_bounds

KO = "한국 국방부는 지금까지 일본과의 양자 회담에는 응하지 않았다."  # 33 characters
CASES = [
    (KO, "To date, the South Korean Ministry of National Defense has not agreed to bilateral "
         "talks with Japan.", []),
    (KO, "No talks.", ["the translation is short: 0.3 times the source's length (< 0.8)"]),
    (KO, "x" * 200, ["the translation is long: 5.9 times the source's length (> 5.0)"]),
    ("국방부 회담", "Talks", []),  # too short to judge
    ("도쿄/길윤형 특파원", "By Gil Yun-hyung, Tokyo correspondent", []),
]  # fmt: skip


test_length = table_test(LengthCheck(), CASES)


def test_bounds_per_pair() -> None:
    assert ratio_bounds("ko", "en-US") == (0.8, 5.0)
    assert ratio_bounds("en", "ko") == (0.2, 1.25)
    assert ratio_bounds("en", "fr") == (0.4, 2.5)
