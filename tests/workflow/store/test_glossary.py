"""The term store: one term per source and language pair, replaced in place."""

from __future__ import annotations

from tests.workflow.store.conftest import NOW
from workflow.glossary import Term
from workflow.store import Database, glossary


def test_a_term_is_added_then_replaced_then_deleted(db: Database) -> None:
    first = Term(source="국회", target="National Assembly", source_lang="ko", target_lang="en")
    second = Term(
        source="국회",
        target="the National Assembly",
        source_lang="ko",
        target_lang="en",
        forbidden=("parliament",),
    )
    other = Term(source="국회", target="Assemblée", source_lang="ko", target_lang="fr")
    with db.transaction() as conn:
        assert glossary.upsert_term(conn, first, None, NOW)
        assert not glossary.upsert_term(conn, second, None, NOW)
        assert glossary.upsert_term(conn, other, None, NOW)
        listed = glossary.list_terms(conn, target_lang="en")
        ((term_id, term),) = listed
        assert glossary.delete_term(conn, term_id)
        assert not glossary.delete_term(conn, term_id)
        left = [t for _, t in glossary.list_terms(conn)]
    assert term == second
    assert left == [other]
