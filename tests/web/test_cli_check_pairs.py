"""``transdesk check --pairs`` and ``--file``: QA for any bilingual text, pofilter style."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.web.test_cli import cli

PAIRS = [
    {"id": "ok", "source": "3만명이 모였다.", "target": "30,000 people gathered."},
    {"id": 7, "source": "3만명이 모였다.", "target": "300 people gathered."},
    {"id": "hangul", "source": "회담이 열렸다.", "target": "The 회담 was held."},
    {"id": "fr", "source": "3 chats", "target": "3 gatti", "source_lang": "fr",
     "target_lang": "it"},
]  # fmt: skip
PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: en\\n"

msgctxt "s-1"
msgid "3만명이 모였다"
msgstr "300 people gathered"

msgctxt "s-2"
msgid "회담이 열렸다"
msgstr "The talks were held"
"""
XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ko" trgLang="en">
 <file id="f1">
  <unit id="s-1"><segment><source>3만명이 모였다</source><target>300 people gathered</target>
  </segment></unit>
  <unit id="s-2"><segment><source>회담이 열렸다</source><target>The talks were held</target>
  </segment></unit>
 </file>
</xliff>
"""


@pytest.fixture
def desk(runner: CliRunner) -> CliRunner:
    cli(runner, "init")
    return runner


def _jsonl(tmp_path: Path, lines: list[str]) -> str:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_pairs_json_is_one_object_per_line_in_input_order(desk: CliRunner, tmp_path: Path) -> None:
    path = _jsonl(tmp_path, [json.dumps(p, ensure_ascii=False) for p in PAIRS])
    out = cli(desk, "check", "--pairs", path, "--json").stdout.splitlines()
    rows = [json.loads(line) for line in out]
    assert [r["id"] for r in rows] == ["ok", 7, "hangul", "fr"]
    assert all(set(r) == {"id", "findings"} for r in rows)
    assert all(set(f) == {"check", "severity", "message"} for r in rows for f in r["findings"])
    assert rows[0]["findings"] == []
    assert rows[1]["findings"] == [{
        "check": "numbers", "severity": "error",
        "message": "number 30,000 (3만명) is missing in the translation"}]  # fmt: skip
    assert [(f["check"], f["severity"]) for f in rows[2]["findings"]] == [("hangul", "error")]
    assert rows[3]["findings"] == []  # the Korean checks do not apply to French → Italian


def test_pairs_from_stdin_as_text(desk: CliRunner) -> None:
    line = json.dumps(PAIRS[1], ensure_ascii=False)
    out = cli(desk, "check", "--pairs", "-", input=line + "\n").stdout
    assert out == "error    7  numbers: number 30,000 (3만명) is missing in the translation\n"
    clean = json.dumps(PAIRS[0], ensure_ascii=False)
    assert cli(desk, "check", "--pairs", "-", input=clean).stdout == "No findings.\n"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("not json", "in.jsonl, line 2: not JSON"),
        ('["a", "b"]', "in.jsonl, line 2: not a JSON object"),
        ('{"id": "x", "target": "y"}', "in.jsonl, line 2, field 'source': a string is required"),
        ('{"id": "x", "source": "x", "target": 5}', "line 2, field 'target': a string"),
        ('{"source": "x", "target": "y"}', "line 2, field 'id': a string or a number"),
        ('{"id": 1, "source": "x", "target": "y", "target_lang": ""}', "field 'target_lang'"),
    ],
)
def test_a_bad_line_is_named_and_exits_2(
    desk: CliRunner, tmp_path: Path, line: str, message: str
) -> None:
    path = _jsonl(tmp_path, [json.dumps(PAIRS[0], ensure_ascii=False), line])
    result = cli(desk, "check", "--pairs", path, "--json", ok=False)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""  # nothing is checked unless every line is good


def test_po_and_xliff_files(desk: CliRunner, tmp_path: Path) -> None:
    for name, text in (("cat.po", PO), ("cat.xlf", XLIFF)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        rows = [
            json.loads(x)
            for x in cli(desk, "check", "--file", str(path), "--json").stdout.split("\n")
            if x
        ]
        assert [r["id"] for r in rows] == ["s-1", "s-2"], name
        assert [f["check"] for f in rows[0]["findings"]] == ["numbers"], name
        assert rows[1]["findings"] == [], name


def test_a_file_of_another_kind_is_refused(desk: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "cat.txt"
    path.write_text("hello", encoding="utf-8")
    result = cli(desk, "check", "--file", str(path), ok=False)
    assert result.exit_code == 2 and "cat.txt: name a .po, .xlf or .xliff file" in result.stderr


def test_article_form_and_pairs_are_one_or_the_other(desk: CliRunner, tmp_path: Path) -> None:
    path = _jsonl(tmp_path, [json.dumps(PAIRS[0], ensure_ascii=False)])
    for args in ((), ("some-slug",), ("some-slug", "en", "--pairs", path)):
        result = cli(desk, "check", *args, ok=False)
        assert result.exit_code == 2 and "give either ID LOCALE" in result.stderr
