"""The translation store: compare-and-set on the version, revisions, comments.

The store itself refuses a stale write: no row lock (nothing here passes ``lock=True``)
and no service's own version check stands in front of it.
"""

from __future__ import annotations

from datetime import timedelta

from tests.workflow.store.conftest import NOW, SENTENCES, Stored
from workflow.states import Role, SegmentState
from workflow.store import translations, users
from workflow.store.translations import TranslationRecord


def read(stored: Stored, key: str = "title") -> TranslationRecord:
    with stored.db.transaction(write=False) as conn:
        return translations.translation_row(conn, stored.loc_id, key)


def saved(text: str) -> dict[str, object]:
    return {"text": text, "state": int(SegmentState.TRANSLATED)}


def test_a_save_with_a_stale_version_is_rejected_and_changes_nothing(stored: Stored) -> None:
    mine = read(stored)  # both writers read version 0
    theirs = read(stored)
    with stored.db.transaction() as conn:
        assert translations.update_translation(conn, theirs.id, theirs.version, saved("Theirs"))
    with stored.db.transaction() as conn:
        assert not translations.update_translation(conn, mine.id, mine.version, saved("Mine"))
    now = read(stored)
    assert (now.text, now.version, now.state) == ("Theirs", 1, SegmentState.TRANSLATED)


def test_a_stale_change_records_no_revision(stored: Stored) -> None:
    mine = read(stored)
    with stored.db.transaction() as conn:
        assert translations.change_translation(
            conn, read(stored), saved("Theirs"), action="save", user_id=None, now=NOW
        )
    with stored.db.transaction() as conn:
        assert not translations.change_translation(
            conn, mine, saved("Mine"), action="save", user_id=None, now=NOW
        )
        history = translations.revisions_for(conn, mine.id)
    assert [(r.version, r.text) for r in history] == [(1, "Theirs")]
    assert read(stored).text == "Theirs"


def test_a_batch_with_one_stale_row_reports_it(stored: Stored) -> None:
    with stored.db.transaction(write=False) as conn:
        rows = translations.translation_rows(conn, stored.loc_id)
    with stored.db.transaction() as conn:  # someone saves the second row meanwhile
        assert translations.update_translation(conn, rows[1].id, rows[1].version, saved("X"))
    with stored.db.transaction() as conn:
        changes = [(r, saved(f"Text {i}"), None) for i, r in enumerate(rows)]
        ok = translations.change_translations(conn, changes, action="pair", user_id=None, now=NOW)
    assert not ok  # the caller rolls back; the store wrote no revision for the batch
    with stored.db.transaction(write=False) as conn:
        assert translations.revisions_for(conn, rows[0].id) == []


def test_a_batch_writes_every_row_and_its_revision_in_order(stored: Stored) -> None:
    with stored.db.transaction() as conn:
        rows = translations.translation_rows(conn, stored.loc_id, lock=True)
        assert [r.source for r in rows] == ["제목", *SENTENCES]  # in article order
        changes = [(r, saved(f"Text {i}"), f"note {i}") for i, r in enumerate(rows)]
        assert translations.change_translations(conn, changes, action="pair", user_id=None, now=NOW)
    with stored.db.transaction(write=False) as conn:
        after = translations.translation_rows(conn, stored.loc_id)
        history = translations.revisions_for(conn, after[2].id)
    assert [(r.text, r.version) for r in after] == [(f"Text {i}", 1) for i in range(4)]
    assert [(r.version, r.text, r.state, r.note) for r in history] == [
        (1, "Text 2", SegmentState.TRANSLATED, "note 2")
    ]


def test_revision_text_reads_history_and_version_zero_is_empty(stored: Stored) -> None:
    row = read(stored)
    with stored.db.transaction() as conn:
        translations.change_translation(
            conn, row, saved("First"), action="save", user_id=None, now=NOW
        )
    with stored.db.transaction(write=False) as conn:
        assert translations.revision_text(conn, row.id, 0) == ""
        assert translations.revision_text(conn, row.id, 1) == "First"
        assert translations.revision_text(conn, row.id, 2) is None


def test_comments_come_with_key_and_author_oldest_first(stored: Stored) -> None:
    with stored.db.transaction() as conn:
        tina = users.insert_user(conn, "tina", Role.TRANSLATOR, "hash", NOW)
        body = translations.translation_row(conn, stored.loc_id, "title")
        translations.insert_comment(conn, body.id, tina.id, "first", NOW)
        translations.insert_comment(conn, body.id, tina.id, "second", NOW + timedelta(1))
    with stored.db.transaction(write=False) as conn:
        found = translations.comments_for(conn, stored.loc_id)
    assert [(c.key, c.user, c.body) for c in found] == [
        ("title", "tina", "first"),
        ("title", "tina", "second"),
    ]
