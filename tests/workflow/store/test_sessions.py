"""The session and token store: sessions end with their user's state, tokens are revoked
once."""

from __future__ import annotations

from datetime import timedelta

from tests.workflow.store.conftest import NOW
from workflow.states import Role
from workflow.store import Database, sessions, users


def test_a_session_shows_whether_its_user_is_active_and_expires(db: Database) -> None:
    with db.transaction() as conn:
        tina = users.insert_user(conn, "tina", Role.TRANSLATOR, "h", NOW)
        sessions.insert_session(conn, "k1", tina.id, NOW)
        sessions.insert_session(conn, "k2", tina.id, NOW + timedelta(hours=1))
        users.set_user_active(conn, tina.id, False)
        row = sessions.session_row(conn, "k1")
        assert sessions.delete_sessions_seen_before(conn, NOW + timedelta(minutes=1)) == 1
        assert sessions.session_row(conn, "k1") is None
        assert sessions.session_row(conn, "missing") is None
    assert row is not None
    assert (row.user_id, row.created_at, row.seen_at, row.active) == (tina.id, NOW, NOW, False)


def test_revoking_a_users_tokens_counts_only_live_ones(db: Database) -> None:
    with db.transaction() as conn:
        tina = users.insert_user(conn, "tina", Role.TRANSLATOR, "h", NOW)
        first = sessions.insert_token(
            conn,
            user_id=tina.id,
            name="cms",
            prefix="td_ab",
            token_hash="h1",
            scopes=("articles:read",),
            now=NOW,
        )
        sessions.insert_token(
            conn,
            user_id=tina.id,
            name="bot",
            prefix="td_cd",
            token_hash="h2",
            scopes=("articles:read", "articles:write"),
            now=NOW,
        )
        sessions.revoke_token(conn, first.id, NOW)
        revoked = sessions.revoke_user_tokens(conn, tina.id, NOW + timedelta(1))
        by_hash = sessions.token_by_hash(conn, "h2")
        tokens = sessions.tokens_of(conn, tina.id)
    assert revoked == 1
    assert by_hash is not None and by_hash.scopes == ("articles:read", "articles:write")
    assert [(t.name, t.active, t.revoked_at) for t in tokens] == [
        ("cms", False, NOW),
        ("bot", False, NOW + timedelta(1)),
    ]
