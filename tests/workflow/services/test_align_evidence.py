"""Pairing weighs the glossary, the memory's exact matches and machine translation.

The article is built so that the two texts alone cannot tell which of two Korean sentences
the one English sentence translates (they differ only in an agency name the aligner cannot
read): the aligner gives it to the first one, since after it the second could still join the
third in a bead and no path is then as likely. Each kind of evidence that names the second
one must move the English sentence there.
"""

from __future__ import annotations

import io
import json

import pytest

from tests.support.fixtures import libretranslate_env
from tests.support.libretranslate import FakeLibreTranslate
from workflow import services
from workflow.alignment.aligner import REVIEW_THRESHOLD
from workflow.errors import BadInput
from workflow.glossary import Term
from workflow.services import Context

PASSWORD = "correct horse battery staple"
KO = [
    "라마바부는 지난주 계획을 발표했다.",
    "가나다부는 지난주 계획을 발표했다.",
    "정부는 회의를 열었다.",
]
EN = ["The Zorblat agency announced its plan last week.", "The government held a meeting."]


env = libretranslate_env(timeout=2)


def article(title: str, body: list[str]) -> bytes:
    return json.dumps({"title": title, "body": body}, ensure_ascii=False).encode()


@pytest.fixture
def editor(ctx: Context) -> int:
    services.import_article(
        ctx, article("계획 발표", KO), source="ko.json", locale="ko", slug="plan"
    )
    return services.add_user(ctx, "eddie", "editor", PASSWORD).id


def pair(ctx: Context, editor: int, **kw: str) -> services.PairResult:
    return services.pair_translation(
        ctx, "plan", article("Plans", EN), source="en.json", locale="en", user_id=editor, **kw
    )


def filled(ctx: Context) -> list[str]:
    la = services.show_article(ctx, "plan", "en")
    return [e.translation.text for e in la.entries if e.segment.kind.name == "BODY"]


def test_the_texts_alone_give_the_english_to_the_first_sentence(ctx: Context, editor: int) -> None:
    result = pair(ctx, editor)
    assert filled(ctx) == [EN[0], "", EN[1]]
    assert (result.terms, result.memory_hits, result.mt_hits) == (0, 0, 0)


def test_a_glossary_term_moves_it_to_the_second(ctx: Context, editor: int) -> None:
    services.add_term(ctx, Term("가나다부", "Zorblat agency"), user_id=editor)
    result = pair(ctx, editor)
    assert filled(ctx) == ["", EN[0], EN[1]]
    assert result.terms == 1


def test_an_imported_translation_in_the_memory_moves_it_to_the_second(
    ctx: Context, editor: int
) -> None:
    tmx = f"""<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ko" datatype="plaintext" segtype="sentence"
 adminlang="en" creationtool="test" creationtoolversion="1" o-tmf="none"/><body>
<tu><tuv xml:lang="ko"><seg>{KO[1]}</seg></tuv><tuv xml:lang="en"><seg>{EN[0]}</seg></tuv></tu>
</body></tmx>"""
    assert services.tm_import(ctx, io.BytesIO(tmx.encode()), source="old.tmx") == 1
    result = pair(ctx, editor)
    assert filled(ctx) == ["", EN[0], EN[1]]
    assert result.memory_hits == 1


def test_machine_translation_moves_it_to_the_second(
    ctx: Context, editor: int, libretranslate: FakeLibreTranslate
) -> None:
    libretranslate.behave("dictionary", dictionary={KO[1]: EN[0], KO[2]: EN[1]})
    result = pair(ctx, editor, mt_provider="libretranslate")
    assert filled(ctx) == ["", EN[0], EN[1]]
    # The fake refuses the first sentence (HTTP 400): skipped, the others still went.
    assert result.mt_hits == 2
    assert result.mt_failed is None


def test_a_failing_provider_leaves_the_texts_alone_and_says_so(
    ctx: Context, editor: int, libretranslate: FakeLibreTranslate
) -> None:
    libretranslate.behave("status", status=503)
    result = pair(ctx, editor, mt_provider="libretranslate")
    assert filled(ctx) == [EN[0], "", EN[1]]
    assert result.mt_hits == 0 and result.mt_failed
    assert len(libretranslate.requests) == 1  # stopped at the first error


def test_an_unknown_provider_and_an_embargo_are_refused(ctx: Context, editor: int) -> None:
    with pytest.raises(BadInput, match="'deepl' is not configured"):
        pair(ctx, editor, mt_provider="deepl")
    services.set_embargo(ctx, "plan", True, user_id=editor)
    with pytest.raises(BadInput, match="embargoed"):
        pair(ctx, editor, mt_provider="libretranslate")
    assert filled(ctx) == ["", "", ""]  # nothing was paired


@pytest.mark.parametrize(
    ("paragraphs", "flagged"),
    [
        (
            [
                "정부는 지난주 새 계획을 발표했다. 이 계획은 내년부터 시행된다.",
                "장관은 회의를 열었다.",
            ],
            False,
        ),
        (
            [
                "정부는 지난주 새 계획을 발표했다.",
                "이 계획은 내년부터 시행된다.",
                "장관은 회의를 열었다.",
            ],
            True,
        ),
    ],
)
def test_paragraph_breaks_are_soft_anchors_in_pairing(
    ctx: Context, paragraphs: list[str], flagged: bool
) -> None:
    """Two Korean sentences given as one English sentence: sure within one paragraph,
    flagged for review when a paragraph break of the original runs through the pair."""
    editor = services.add_user(ctx, "eddie", "editor", PASSWORD).id
    services.import_article(ctx, article("계획", paragraphs), source="ko.json", locale="ko")
    en = [
        "The government announced a new plan last week, which takes effect next year.",
        "The minister held a meeting.",
    ]
    result = services.pair_translation(
        ctx, 1, article("Plan", en), source="en.json", locale="en", user_id=editor
    )
    first = result.beads[0]
    assert (first.source, first.target) == ((0, 1), (0,))
    assert (first.confidence < REVIEW_THRESHOLD) is flagged
