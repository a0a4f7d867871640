"""The publication store: a publish marks exactly the revision it holds; the outbox keeps
the bytes until the files are in place."""

from __future__ import annotations

import pytest

from tests.workflow.store.conftest import NOW, Stored
from workflow.states import Role
from workflow.store import localizations, publications, users


def test_only_the_revision_held_can_be_marked_published(stored: Stored) -> None:
    with stored.db.transaction() as conn:
        eddie = users.insert_user(conn, "eddie", Role.EDITOR, "h", NOW)
        held = publications.lock_for_publish(conn, stored.loc_id)
        localizations.bump_revision(conn, stored.loc_id)  # cannot happen under the lock
        with pytest.raises(RuntimeError):
            publications.mark_published(conn, stored.loc_id, held, eddie.id, NOW)
        publications.mark_published(conn, stored.loc_id, held + 1, eddie.id, NOW)
        row = localizations.localization_row(conn, stored.article_id, "en")
    assert row is not None and row.published and row.published_at == NOW


def test_the_outbox_keeps_bytes_until_done(stored: Stored) -> None:
    with stored.db.transaction() as conn:
        assert publications.outbox_exists(conn)
        pid = publications.insert_publication(
            conn, stored.loc_id, 0, bundle=b"zip", po=b"po", mo=b"mo", now=NOW
        )
        pending = publications.publication(conn, pid)
        assert publications.pending_ids(conn) == [pid]
        assert publications.latest_id(conn, stored.loc_id) == pid
        publications.mark_done(conn, [pid], NOW)
        assert publications.publication(conn, pid) is None
        assert not publications.is_pending(conn, pid)
        assert publications.pending_ids(conn) == []
    assert pending is not None
    assert (pending.slug, pending.locale, pending.bundle, pending.po, pending.mo) == (
        "a",
        "en",
        b"zip",
        b"po",
        b"mo",
    )
