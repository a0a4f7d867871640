"""The audit store: entries with names and slugs, newest first, filtered by desk."""

from __future__ import annotations

from datetime import timedelta

from tests.workflow.store.conftest import NOW, add_article
from workflow.states import Role
from workflow.store import Database, audit, users


def test_a_long_target_is_shortened_to_its_column(db: Database) -> None:
    with db.transaction() as conn:
        audit.audit(conn, action="save", now=NOW, target="k" * 200)
        (entry,) = audit.audit_query(conn)
    assert entry.target == "k" * (audit.AUDIT_TARGET_CHARS - 1) + "…"


def test_entries_come_newest_first_and_other_desks_are_left_out(db: Database) -> None:
    news = add_article(db, "n", desk="news")
    sports = add_article(db, "s", desk="sports")
    with db.transaction() as conn:
        tina = users.insert_user(conn, "tina", Role.TRANSLATOR, "h", NOW)
        audit.audit(conn, action="import", now=NOW, article_id=news.article_id)
        audit.audit(conn, action="import", now=NOW, article_id=sports.article_id)
        later = NOW + timedelta(minutes=1)
        audit.audit(conn, action="save", now=later, user_id=tina.id, article_id=news.article_id)
        audit.audit(conn, action="tm-import", now=later)  # about no article: everyone sees it
        seen = audit.audit_query(conn, desks=["news"])
        saves = audit.audit_query(conn, action="save")
    assert [(e.action, e.slug) for e in seen] == [
        ("tm-import", None),
        ("save", "n"),
        ("import", "n"),
    ]
    assert [(e.user, e.at) for e in saves] == [("tina", later)]
