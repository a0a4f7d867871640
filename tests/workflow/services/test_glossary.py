"""The term base: one term per source and language pair (a second add replaces it), editors
only, and an export that imports back to the same terms."""

from __future__ import annotations

import pytest

from tests.workflow.services.conftest import Team
from workflow import services
from workflow.errors import BadInput, NotFound, PermissionDenied
from workflow.glossary.terms import Term
from workflow.services import Context

MAYOR = Term(source="서울시장", target="Seoul mayor", forbidden=("Seoul governor",))


def test_add_replace_delete_and_round_trip(ctx: Context, team: Team) -> None:
    assert services.add_term(ctx, MAYOR, user_id=team.eddie) is True
    replaced = Term(source="서울시장", target="mayor of Seoul", note="official")
    assert services.add_term(ctx, replaced, user_id=team.erin) is False
    ((term_id, term),) = services.list_terms(ctx)
    assert (term.target, term.note, term.forbidden) == ("mayor of Seoul", "official", ())

    exported = services.export_terms(ctx, "csv").data
    services.delete_term(ctx, term_id, user_id=team.eddie)
    assert services.list_terms(ctx) == []
    result = services.import_terms(ctx, exported, source="glossary.csv")
    assert (result.added, result.updated) == (1, 0)
    assert [t for _, t in services.list_terms(ctx)] == [term]


def test_translators_read_but_do_not_change_terms(ctx: Context, team: Team) -> None:
    with pytest.raises(PermissionDenied):
        services.add_term(ctx, MAYOR, user_id=team.tina)
    with pytest.raises(NotFound, match="no term with id 7"):
        services.delete_term(ctx, 7, user_id=team.eddie)


def test_a_term_needs_both_sides(ctx: Context, team: Team) -> None:
    with pytest.raises(BadInput, match="both a source and a target"):
        services.add_term(ctx, Term(source="서울시장", target=" "), user_id=team.eddie)
    with pytest.raises(BadInput, match="unknown glossary format 'xlsx'"):
        services.export_terms(ctx, "xlsx")
