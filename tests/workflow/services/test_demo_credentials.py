"""``load_demo`` writes the demo users' passwords down: whole, for its owner only, each run."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from workflow import services
from workflow.bootstrap import build_context
from workflow.errors import BadInput
from workflow.services import Context
from workflow.services.demo import CREDENTIALS_FILE, load_demo
from workflow.settings import Settings


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def test_the_credentials_file_holds_working_passwords_only_its_owner_reads(
    ctx: Context,
) -> None:
    result = load_demo(ctx)
    assert result.credentials_file == ctx.settings.instance / CREDENTIALS_FILE
    assert stat.S_IMODE(result.credentials_file.stat().st_mode) == 0o600
    assert _lines(result.credentials_file) == list(result.lines)
    assert [line.split(":")[0] for line in result.lines] == [
        "translator (translator)",
        "editor (editor)",
        "admin (admin)",
    ]
    for name, _, password in result.credentials:
        assert f"{name} ({name}): {password}" in result.lines
        assert services.authenticate(ctx, name, password).name == name
    again = load_demo(ctx)
    assert _lines(again.credentials_file) == list(again.lines) != list(result.lines)


def test_missing_samples_write_nothing(ctx: Context, tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="demo sample"):
        load_demo(ctx, tmp_path / "nowhere")
    assert not (ctx.settings.instance / CREDENTIALS_FILE).exists()


def test_the_demo_makes_its_instance_folder(settings: Settings, tmp_path: Path) -> None:
    # On PostgreSQL nothing else has made the instance folder before `init --demo`.
    fresh = settings.with_overrides({"instance": tmp_path / "fresh" / "instance"})
    ctx = build_context(fresh)
    try:
        ctx.db.migrate()
        result = load_demo(ctx)
    finally:
        ctx.close()
    assert result.credentials_file.parent == fresh.instance
    assert _lines(result.credentials_file) == list(result.lines)
