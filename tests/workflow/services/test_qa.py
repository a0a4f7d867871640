"""QA on an article × locale: a missing term is a warning a person may dismiss with a reason,
a forbidden one an error that blocks approval and cannot be dismissed."""

from __future__ import annotations

import pytest

from tests.workflow.services.conftest import Team
from workflow import services
from workflow.errors import BadInput, ChecksBlock, NotFound
from workflow.glossary.terms import Term
from workflow.services import Context
from workflow.states import SegmentState


@pytest.fixture
def mayor(ctx: Context, team: Team, paired: list[str]) -> str:
    """A term for 서울시장; the key of the sentence that has it."""
    term = Term(source="서울시장", target="Seoul mayor", forbidden=("Seoul governor",))
    services.add_term(ctx, term, user_id=team.eddie)
    return paired[1]


def test_a_missing_term_is_a_warning_dismissed_with_a_reason(
    ctx: Context, team: Team, mayor: str
) -> None:
    (finding,) = [f for f in services.check_article(ctx, "seoul", "en") if f.key == mayor]
    assert (finding.check, finding.blocks, finding.dismissed_by) == ("glossary", False, None)
    with pytest.raises(BadInput, match="say why") as info:
        services.dismiss_warning(ctx, "seoul", "en", mayor, "glossary", " ", user_id=team.tina)
    assert info.value.field == "reason"
    services.dismiss_warning(
        ctx, "seoul", "en", mayor, "glossary", "A headline form", user_id=team.tina
    )
    (finding,) = [f for f in services.check_article(ctx, "seoul", "en") if f.key == mayor]
    assert (finding.dismissed_by, finding.dismissed_reason) == ("tina", "A headline form")
    with pytest.raises(NotFound, match="no 'numbers' finding"):
        services.dismiss_warning(ctx, "seoul", "en", mayor, "numbers", "why", user_id=team.tina)


def test_a_forbidden_term_blocks_approval_and_stays(ctx: Context, team: Team, mayor: str) -> None:
    text = "The Seoul governor is elected on June 3, 2026. There are three candidates."
    services.save_translation(ctx, "seoul", "en", mayor, text, user_id=team.tina)
    with pytest.raises(ChecksBlock, match="forbidden_terms") as info:
        services.approve(ctx, "seoul", "en", [mayor], user_id=team.eddie)
    assert list(info.value.findings) == [mayor]
    result = services.approve(ctx, "seoul", "en", None, user_id=team.eddie)
    assert [s.key for s in result.skipped] == [mayor]
    assert services.show_article(ctx, "seoul", "en").entries[1].translation.state is (
        SegmentState.TRANSLATED
    )
    with pytest.raises(BadInput, match="is an error; fix the translation") as refused:
        services.dismiss_warning(
            ctx, "seoul", "en", mayor, "forbidden_terms", "fine", user_id=team.eddie
        )
    assert refused.value.field == "check"
