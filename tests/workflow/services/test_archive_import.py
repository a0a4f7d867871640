"""Archive import: every paired original imported once, the memory grows by the aligned
pairs, a second run adds nothing, a killed import leaves whole pairs and the next run
finishes it; --review pairs for review instead."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from workflow import services
from workflow.errors import PermissionDenied
from workflow.services import Context
from workflow.states import SegmentState
from workflow.store import tables

TEXT = Path(__file__).resolve().parents[3] / "bench" / "data" / "align" / "text"


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    ko, en = tmp_path / "ko", tmp_path / "en"
    ko.mkdir()
    en.mkdir()
    for i in (40, 41, 42):
        shutil.copy(TEXT / f"dev-{i:03d}.ko.txt", ko / f"k{i}.txt")
        shutil.copy(TEXT / f"dev-{i:03d}.en.txt", en / f"e{i}.txt")
    shutil.copy(TEXT / "dev-043.en.txt", en / "lonely.txt")
    return ko, en


def count(ctx: Context, table: object) -> int:
    with ctx.db.transaction(write=False) as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def aligned_units(ctx: Context) -> int:
    with ctx.db.transaction(write=False) as conn:
        q = select(func.count()).where(tables.tm_units.c.origin == "aligned")
        return int(conn.execute(q).scalar_one())


def test_imports_each_pair_once_and_fills_the_memory(
    ctx: Context, folders: tuple[Path, Path]
) -> None:
    result = services.import_archive(ctx, *folders)
    assert (result.pairs, result.imported, result.skipped, result.failed) == (3, 3, 0, ())
    assert result.en_alone == 1
    assert count(ctx, tables.articles) == 3
    # one unit per bead with both sides: the gold has 14 + 19 + 20 of them
    assert aligned_units(ctx) == result.units
    assert 50 <= result.units <= 56
    overview = services.list_articles(ctx)
    assert sorted(o.article.meta.title for o in overview) == ["k40", "k41", "k42"]
    # no review work: no localization, nothing in anyone's queue
    assert count(ctx, tables.localizations) == 0
    # the body's first sentence is a segment, not the headline
    first = services.show_article(ctx, overview[-1].article.slug, "en").entries
    assert first[0].segment.source == "k40" and first[1].segment.source.startswith("이제 미국은")

    again = services.import_archive(ctx, *folders)
    assert (again.imported, again.skipped, again.units) == (0, 3, 0)
    assert count(ctx, tables.articles) == 3
    assert aligned_units(ctx) == result.units


def test_review_pairs_the_translations_for_review(ctx: Context, folders: tuple[Path, Path]) -> None:
    result = services.import_archive(ctx, *folders, review=True)
    assert result.imported == 3
    for o in services.list_articles(ctx):
        states = {
            e.translation.state for e in services.show_article(ctx, o.article.id, "en").entries
        }
        assert SegmentState.TRANSLATED in states
    assert services.import_archive(ctx, *folders, review=True).imported == 0
    assert count(ctx, tables.localizations) == 3


def test_only_editors_of_the_desk_import(ctx: Context, folders: tuple[Path, Path]) -> None:
    tina = services.add_user(ctx, "tina", "translator", "correct horse battery").id
    with pytest.raises(PermissionDenied):
        services.import_archive(ctx, *folders, user_id=tina)
    eddie = services.add_user(ctx, "eddie", "editor", "correct horse battery").id
    with pytest.raises(PermissionDenied, match="sports"):
        services.import_archive(ctx, *folders, desk="sports", user_id=eddie)
    assert count(ctx, tables.articles) == 0


IMPORT_AND_DIE = """
import os, signal, sys
from pathlib import Path
from workflow import services
from workflow.bootstrap import build_context
from workflow.settings import Settings
from workflow.store import memory

calls = [0]
real = memory.insert_tm_unit

def dies(*args, **kwargs):
    calls[0] += 1
    if calls[0] == 20:  # inside the second pair's transaction
        os.kill(os.getpid(), signal.SIGKILL)
    return real(*args, **kwargs)

memory.insert_tm_unit = dies
ctx = build_context(Settings.from_env())
services.import_archive(ctx, Path(sys.argv[1]), Path(sys.argv[2]))
"""


def test_a_sigkilled_import_rolls_back_its_pair_and_resumes(
    ctx: Context, folders: tuple[Path, Path], env: dict[str, str]
) -> None:
    repo = Path(__file__).resolve().parents[3]
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_AND_DIE, str(folders[0]), str(folders[1])],
        env={**os.environ, **env, "PYTHONPATH": str(repo)},
        capture_output=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()
    assert count(ctx, tables.articles) == count(ctx, tables.archive_items) == 1
    resumed = services.import_archive(ctx, *folders)
    assert (resumed.imported, resumed.skipped) == (2, 1)
    assert count(ctx, tables.articles) == 3
    with ctx.db.transaction(write=False) as conn:
        recorded = conn.execute(select(func.sum(tables.archive_items.c.units))).scalar_one()
    assert aligned_units(ctx) == recorded
