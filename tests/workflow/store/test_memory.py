"""The memory store: one unit per pair, origin and desk; units streamed in id order."""

from __future__ import annotations

from dataclasses import replace

from tests.workflow.store.conftest import NOW
from workflow.memory.units import TmUnitDraft
from workflow.store import Database, memory

UNIT = TmUnitDraft(
    source="국회", target="National Assembly", source_lang="ko", target_lang="en", origin="approved"
)


def test_a_pair_is_stored_once_per_origin_and_desk(db: Database) -> None:
    with db.transaction() as conn:
        stored = [
            memory.insert_tm_unit(conn, UNIT, NOW),
            memory.insert_tm_unit(conn, UNIT, NOW),
            memory.insert_tm_unit(conn, replace(UNIT, origin="aligned"), NOW),
            memory.insert_tm_unit(conn, replace(UNIT, desk="sports"), NOW),
            memory.insert_tm_unit(conn, replace(UNIT, target="the Assembly"), NOW),
        ]
        units = list(memory.tm_units_after(conn, 0))
        later = list(memory.tm_units_after(conn, units[1].id))
    assert stored == [True, False, True, True, True]
    assert [(u.origin, u.desk, u.target) for u in units] == [
        ("approved", "news", "National Assembly"),
        ("aligned", "news", "National Assembly"),
        ("approved", "sports", "National Assembly"),
        ("approved", "news", "the Assembly"),
    ]
    assert [u.id for u in later] == [u.id for u in units[2:]]
    assert units[0].created_at == NOW
