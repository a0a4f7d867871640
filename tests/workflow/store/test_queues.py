"""The queue store: assignments by deadline, segment counts, dashboard reads."""

from __future__ import annotations

from datetime import timedelta

from tests.workflow.store.conftest import NOW, add_article
from workflow.states import Role, SegmentState
from workflow.store import Database, articles, queues, translations, users


def test_assignments_come_soonest_deadline_first_with_names(db: Database) -> None:
    a, b, c = (add_article(db, slug) for slug in "abc")
    with db.transaction() as conn:
        tina = users.insert_user(conn, "tina", Role.TRANSLATOR, "h", NOW)
        eddie = users.insert_user(conn, "eddie", Role.EDITOR, "h", NOW)
        late, soon = NOW + timedelta(days=2), NOW + timedelta(days=1)
        queues.assign(conn, a.loc_id, translator_id=tina.id, reviewer_id=None, deadline=late)
        queues.assign(conn, c.loc_id, translator_id=tina.id, reviewer_id=eddie.id, deadline=soon)
        rows = queues.localization_rows(conn)
    assert [(r.article_id, r.translator_name, r.reviewer_name, r.deadline) for r in rows] == [
        (c.article_id, "tina", "eddie", soon),
        (a.article_id, "tina", None, late),
        (b.article_id, None, None, None),  # no deadline: last
    ]


def test_state_counts_leave_obsolete_segments_out(db: Database) -> None:
    stored = add_article(db)
    with db.transaction() as conn:
        row = translations.translation_row(conn, stored.loc_id, "title")
        done = {"text": "Title", "state": int(SegmentState.TRANSLATED)}
        translations.change_translation(conn, row, done, action="save", user_id=None, now=NOW)
        (_, last), *_ = reversed(articles.article_segments(conn, stored.article_id))
        articles.retire_segment(conn, stored.article_id, last.key, 9)
        counts = queues.state_counts(conn)[(stored.article_id, "en")]
        flags = queues.publication_flags(conn)[(stored.article_id, "en")]
        events = queues.revisions_since(conn, NOW - timedelta(hours=1), desks=["news"])
        elsewhere = queues.revisions_since(conn, NOW - timedelta(hours=1), desks=["sports"])
    assert counts[SegmentState.TRANSLATED] == 1
    assert counts[SegmentState.EMPTY] == 2  # three body sentences, one retired
    assert flags == (False, False)
    assert [(e.state, e.action, e.user_name) for e in events] == [
        (SegmentState.TRANSLATED, "save", None)
    ]
    assert elsewhere == []
