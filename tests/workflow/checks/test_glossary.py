from __future__ import annotations

from tests.workflow.checks.helpers import messages, table_test
from workflow.checks.glossary import ForbiddenTermCheck, GlossaryCheck
from workflow.glossary import Term

TERMS = (
    Term("국방부", "Ministry of National Defense", forbidden=("Defense Ministry", "MND")),
    Term("나카타니 겐", "Gen Nakatani", forbidden=("Nakatani Gen",)),
    Term("자위대", "Self-Defense Forces"),
)
EXPECTED = [
    ("한국 국방부는 밝혔다.", "South Korea’s Ministry of National Defense said.", []),
    ("한국 국방부는 밝혔다.", "The ministry of national defense said.", []),
    (
        "한국 국방부는 밝혔다.",
        "South Korea’s Defense Ministry said.",
        ["term 국방부 should be rendered as 'Ministry of National Defense'"],
    ),
    ("나카타니 겐 방위상은", "Defense Minister Gen Nakatani", []),
    ("자위대와 한국군", "the Japan Self-Defense Forces’ and South Korea’s", []),
    (
        "국방부와 국방부",
        "the ministry",
        ["term 국방부 should be rendered as 'Ministry of National Defense'"],
    ),  # said once
    ("미국인 기자", "American reporters", []),
]
JAPANESE = Term("국방부", "防衛省", target_lang="ja")
FORBIDDEN = [
    ("한국 국방부는 밝혔다.", "South Korea’s Ministry of National Defense said.", []),
    ("한국 국방부는 밝혔다.", "South Korea’s Defense Ministry said.", [
        "'Defense Ministry' is a forbidden rendering of 국방부; use 'Ministry of National Defense'"
    ]),
    ("나카타니 겐은", "Nakatani Gen said", [
        "'Nakatani Gen' is a forbidden rendering of 나카타니 겐; use 'Gen Nakatani'"]),
    ("국방부 발표", "The MND said", [
        "'MND' is a forbidden rendering of 국방부; use 'Ministry of National Defense'"]),
    ("국방부 발표", "The MNDs", [
        "'MND' is a forbidden rendering of 국방부; use 'Ministry of National Defense'"]),
    ("국방부 발표", "AMND said", []),  # not a whole word
    ("Defense Ministry 발표", "The Defense Ministry said", []),  # no term in the source
]  # fmt: skip


test_glossary = table_test(GlossaryCheck(), EXPECTED, terms=TERMS)
test_forbidden_terms = table_test(ForbiddenTermCheck(), FORBIDDEN, terms=TERMS)


def test_forbidden_variant_inside_the_expected_rendering_is_not_reported() -> None:
    term = Term("한국 국방부", "South Korean Defense Ministry", forbidden=("Defense Ministry",))
    ok = "The South Korean Defense Ministry said."
    assert messages(ForbiddenTermCheck(), "한국 국방부는", ok, terms=(term,)) == []
    bad = "The South Korean Defense Ministry said, and the Defense Ministry added."
    assert messages(ForbiddenTermCheck(), "한국 국방부는", bad, terms=(term,)) != []


def test_terms_into_another_language_are_ignored() -> None:
    assert messages(GlossaryCheck(), "국방부 발표", "the ministry", terms=(JAPANESE,)) == []
