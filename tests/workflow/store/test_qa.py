"""The QA store: a dismissal holds for the version it was made on."""

from __future__ import annotations

from tests.workflow.store.conftest import NOW, Stored
from workflow.states import Role, SegmentState
from workflow.store import qa, translations, users


def test_a_dismissal_lapses_when_the_text_changes(stored: Stored) -> None:
    with stored.db.transaction() as conn:
        eddie = users.insert_user(conn, "eddie", Role.EDITOR, "h", NOW)
        row = translations.translation_row(conn, stored.loc_id, "title")
        qa.insert_dismissal(
            conn,
            translation_id=row.id,
            check_id="numbers",
            version=row.version,
            reason="a house style",
            user_id=eddie.id,
            now=NOW,
        )
        before = qa.dismissals(conn, stored.loc_id)
        values = {"text": "Title", "state": int(SegmentState.TRANSLATED)}
        translations.change_translation(conn, row, values, action="save", user_id=None, now=NOW)
        after = qa.dismissals(conn, stored.loc_id)
    dismissal = before[("title", "numbers")]
    assert (dismissal.user_name, dismissal.reason, dismissal.version) == (
        "eddie",
        "a house style",
        0,
    )
    assert after == {}
