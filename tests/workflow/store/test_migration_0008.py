"""Migration 0008: dismissals keep the digest of their text; desks get QA check settings.
Up and down again on an empty database, so that both directions run on SQLite and
PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, inspect

from tests.workflow.store.test_migration_0007 import downgrade, upgrade


def test_up_down_and_up_again(database_url: str, tmp_path: Path) -> None:
    (tmp_path / "instance").mkdir(exist_ok=True)
    upgrade(database_url, "0007")
    upgrade(database_url, "0008")
    engine = create_engine(database_url)
    names = inspect(engine)
    assert "text_hash" in {c["name"] for c in names.get_columns("qa_dismissals")}
    assert {c["name"] for c in names.get_columns("desk_checks")} == {
        "desk", "check_id", "enabled", "severity", "updated_by", "updated_at"}  # fmt: skip
    engine.dispose()
    downgrade(database_url, "0007")
    engine = create_engine(database_url)
    names = inspect(engine)
    assert "desk_checks" not in names.get_table_names()
    assert "text_hash" not in {c["name"] for c in names.get_columns("qa_dismissals")}
    engine.dispose()
    upgrade(database_url, "head")
