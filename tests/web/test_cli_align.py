"""``transdesk align --jsonl``: JSON Lines in, beads out; bad lines stop it with their number."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tests.conftest import SAMPLES
from web.cli import main

GOLD = json.loads((SAMPLES / "hani-689225.pair.gold.json").read_text())


def write_lines(path: Path, *records: object) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return path


def test_aligns_every_line_and_never_reads_the_gold(tmp_path: Path) -> None:
    src = write_lines(
        tmp_path / "in.jsonl",
        {
            "id": "hani",
            "ko_sentences": GOLD["ko_sentences"],
            "en_sentences": GOLD["en_sentences"],
            "gold_beads": "not even a list",
            "other": 1,
        },
        {"id": 2, "ko_sentences": ["하나."], "en_sentences": []},
        {"id": 3, "ko_sentences": [], "en_sentences": []},
    )
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["align", "--jsonl", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["hani", 2, 3]
    assert lines[0]["beads"] == GOLD["gold_beads"]
    assert len(lines[0]["confidence"]) == len(lines[0]["beads"])
    assert all(0 <= c <= 1 for c in lines[0]["confidence"])
    assert lines[1]["beads"] == [[[0], []]]
    assert lines[2]["beads"] == []


def test_a_bad_line_exits_2_with_its_number_and_writes_nothing(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": 1, "ko_sentences": ["가."], "en_sentences": ["A."]}) + "\n{not json\n"
    )
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["align", "--jsonl", str(src), "--out", str(out)])
    assert result.exit_code == 2
    assert "in.jsonl" in result.stderr and "line 2" in result.stderr
    assert not out.exists()


def test_duplicate_ids_and_wrong_types_are_refused(tmp_path: Path) -> None:
    cases = [
        [{"id": 1, "ko_sentences": [], "en_sentences": []}] * 2,
        [{"id": 1, "ko_sentences": "가.", "en_sentences": []}],
        [{"id": 1, "ko_sentences": [1], "en_sentences": []}],
        [{"ko_sentences": [], "en_sentences": []}],
    ]
    for records in cases:
        src = write_lines(tmp_path / "in.jsonl", *records)
        result = CliRunner().invoke(
            main, ["align", "--jsonl", str(src), "--out", str(tmp_path / "o.jsonl")]
        )
        assert result.exit_code == 2, records
        assert "line" in result.stderr


def test_binary_input_is_refused(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\xff\xfe\x00garbage")
    result = CliRunner().invoke(main, ["align", "--jsonl", str(src), "--out", "-"])
    assert result.exit_code == 2
    assert "UTF-8" in result.stderr
