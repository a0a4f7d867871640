"""``transdesk archive pair``: the JSON Lines contract, skipped files, bad folders."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from web.cli import main

TEXT = Path(__file__).resolve().parents[2] / "bench" / "data" / "align" / "text"


def folders(tmp_path: Path) -> tuple[Path, Path]:
    ko, en = tmp_path / "ko", tmp_path / "en"
    ko.mkdir()
    en.mkdir()
    for i, name in ((21, "a.txt"), (22, "b.txt"), (23, "c.txt"), (24, "lonely.txt")):
        shutil.copy(TEXT / f"dev-{i:03d}.ko.txt", ko / name)
    for i, name in ((23, "x.txt"), (21, "y.txt"), (22, "z.txt"), (26, "extra.txt")):
        shutil.copy(TEXT / f"dev-{i:03d}.en.txt", en / name)
    (ko / "broken.txt").write_bytes(b"\x00\x01binary")
    (ko / ".DS_Store").write_bytes(b"\x00")
    return ko, en


def test_pairs_as_json_lines(runner: CliRunner, tmp_path: Path) -> None:
    ko, en = folders(tmp_path)
    result = runner.invoke(main, ["archive", "pair", "--ko", str(ko), "--en", str(en), "--json"])
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    pairs = [r for r in rows if r["ko"] and r["en"]]
    assert [(r["ko"], r["en"]) for r in pairs] == [
        ("a.txt", "y.txt"),
        ("b.txt", "z.txt"),
        ("c.txt", "x.txt"),
    ]
    assert all(set(r) == {"ko", "en", "confidence"} for r in pairs)
    assert all(0.3 <= r["confidence"] <= 1.0 for r in pairs)
    assert rows[len(pairs) :] == [
        {"ko": "lonely.txt", "en": None},
        {"ko": None, "en": "extra.txt"},
    ]
    # the bad file is named on stderr and skipped, not fatal
    assert "Skipped broken.txt, line 1: binary file" in result.stderr
    assert ".DS_Store" not in result.stdout + result.stderr


def test_a_missing_folder_or_format_is_bad_input(runner: CliRunner, tmp_path: Path) -> None:
    ko, en = folders(tmp_path)
    args = ["archive", "pair", "--ko", str(tmp_path / "no"), "--en", str(en)]
    missing = runner.invoke(main, args)
    assert missing.exit_code == 2
    assert "not a folder" in missing.stderr
    fmt = runner.invoke(
        main, ["archive", "pair", "--ko", str(ko), "--en", str(en), "--format", "docx"]
    )
    assert fmt.exit_code == 2
    assert "unknown import format 'docx'" in fmt.stderr


def test_import_runs_as_a_job_and_a_second_run_adds_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    ko, en = folders(tmp_path)
    assert runner.invoke(main, ["init"]).exit_code == 0
    args = ["archive", "import", "--ko", str(ko), "--en", str(en), "--wait", "--json"]
    first = runner.invoke(main, args)
    assert first.exit_code == 0, first.stderr
    done = json.loads(first.stdout)
    assert done == done | {"state": "done", "pairs": 3, "imported": 3, "skipped": 0}
    assert done["units"] > 0 and done["ko_alone"] == 1 and done["en_alone"] == 1
    again = json.loads(runner.invoke(main, args).stdout)
    assert again == again | {"state": "done", "imported": 0, "skipped": 3, "units": 0}
    listed = json.loads(runner.invoke(main, ["articles", "list", "--json"]).stdout)
    assert len(listed) == 3
    # without --wait the job is queued for the worker
    queued = runner.invoke(main, [*args[:-2], "--json"])
    assert json.loads(queued.stdout)["state"] == "queued"
