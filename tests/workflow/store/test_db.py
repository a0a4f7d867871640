"""The database handle: SQLite set-up, migrations, one winner among concurrent savers."""

from __future__ import annotations

import threading

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from workflow import services
from workflow.errors import VersionConflict
from workflow.services import Context
from workflow.states import SegmentState
from workflow.store.db import alembic_config

KO = b'{"title": "\xec\xa0\x9c\xeb\xaa\xa9", "body": ["\xeb\xac\xb8\xec\x9e\xa5."]}'


def test_migrating_twice_changes_nothing(ctx: Context) -> None:
    ctx.db.migrate()
    with ctx.db.transaction(write=False) as conn:
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    head = ScriptDirectory.from_config(alembic_config(ctx.db.url)).get_current_head()
    assert version == head and int(version) >= 7


@pytest.mark.sqlite_only
def test_sqlite_runs_in_wal_with_foreign_keys(ctx: Context) -> None:
    assert ctx.db.is_sqlite
    with ctx.db.transaction(write=False) as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000


def test_a_failed_use_case_leaves_nothing_half_written(ctx: Context) -> None:
    services.import_article(ctx, KO, source="a.json", locale="ko")
    services.add_user(ctx, "tina", "translator", "correct horse battery")
    with pytest.raises(VersionConflict):
        services.save_translation(ctx, "a", "en", "title", "T", user_id=1, expected_version=7)
    la = services.show_article(ctx, "a", "en")
    assert [e.translation.version for e in la.entries] == [0, 0]


def test_concurrent_savers_of_one_segment_have_one_winner(ctx: Context) -> None:
    services.import_article(ctx, KO, source="a.json", locale="ko")
    user = services.add_user(ctx, "tina", "translator", "correct horse battery")
    services.save_translation(ctx, "a", "en", "title", "Title", user_id=user.id)
    outcomes: list[str] = []
    start = threading.Barrier(8)

    def saver(n: int) -> None:
        start.wait()
        try:
            services.save_translation(
                ctx, "a", "en", "title", f"Title {n}", user_id=user.id, expected_version=1
            )
            outcomes.append("saved")
        except VersionConflict as conflict:
            assert conflict.current_version == 2
            outcomes.append("conflict")

    threads = [threading.Thread(target=saver, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict"] * 7 + ["saved"]
    entry = services.show_article(ctx, "a", "en").entries[0]
    assert entry.translation.version == 2
    assert entry.translation.state is SegmentState.TRANSLATED
    history = services.segment_history(ctx, "a", "en", "title")
    assert [r.version for r in history.revisions] == [1, 2]
