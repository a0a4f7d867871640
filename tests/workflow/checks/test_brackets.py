from __future__ import annotations

from tests.workflow.checks.helpers import table_test
from workflow.checks.brackets import BracketsCheck, QuotesCheck

BRACKETS = [
    ("상호군수지원협정(ACSA)을 체결", "sign an agreement (ACSA)", []),
    ("(탄도)미사일", "[ballistic] missiles", []),
    (
        "상호군수지원협정(ACSA)을 체결",
        "sign an agreement (ACSA",
        ["( opened but not closed in the translation"],
    ),
    (
        "상호군수지원협정(ACSA)을 체결",
        "sign an agreement ACSA)",
        [") without an opening ( in the translation"],
    ),
    (
        "(카터 장관과 나는)",
        "We [Nakatani and Carter",
        ["[ opened but not closed in the translation"],
    ),
    ("1) 첫째", "1) First", []),  # the source has the same unpaired mark
    ("（카터）", "(Carter)", []),  # full-width brackets in the source
]
QUOTES = [
    ("“북한이 위협이 되고 있다”며", "“North Korea poses a threat,” he said", []),
    ("“북한이 위협이 되고 있다”며", "“North Korea poses a threat, he said", [
        "“ opened but not closed in the translation"]),
    ("“북한이 위협이 되고 있다”며", "North Korea poses a threat,” he said", [
        "” without an opening “ in the translation"]),
    ("“북한이 위협이 되고 있다.", "“North Korea poses a threat.", []),  # a quote goes on
    ("‘글로벌’ 체제로", "into a ‘global’ framework", []),
    ("‘글로벌’ 체제로", "into a ‘global framework", ["‘ opened but not closed in the translation"]),
    ("국방장관 회담", "a trilateral defense ministers’ meeting", []),  # plural's apostrophe
    ("국방장관 회담", "a trilateral defense ministers‘ meeting", []),  # ‘ used as one
    ("일본의 우선 과제", "Tokyo’s priority, it’s said, in the ’90s", []),
    ("일본의 우선 과제", "Tokyo's priority, it's said, in the '90s", []),
    # ’ after a plural closes an open quote: a plural's apostrophe inside a quote is missed.
    ("‘3국 틀’을 제안", "a ‘framework’ of the ministers’ meeting", []),
    ("‘3국 틀’을 제안", "a ‘framework of the ministers’ meeting", []),
    ('"북한이 위협"이라며', '"North Korea is a threat," he said', []),
    ('"북한이 위협"이라며', '"North Korea is a threat, he said', [
        'an odd number of " marks in the translation']),
    ("그는 'X'라고 했다", "he said 'X", ["‘ opened but not closed in the translation"]),
]  # fmt: skip


test_brackets = table_test(BracketsCheck(), BRACKETS)
test_quotes = table_test(QuotesCheck(), QUOTES)
