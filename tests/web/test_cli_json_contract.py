"""The CLI's ``--json`` output is a contract: the same commands on the sample give the same bytes.

Outside checks and the newsroom's CMS parse these lines. The golden file was recorded before
the code was reorganised into packages; a change that alters any output fails here. Times,
tokens and job ids differ from run to run and are masked; everything else is compared as
text. ``TRANSDESK_UPDATE_GOLDEN=1`` rewrites the golden file (only for a deliberate change of
the contract, reviewed in the diff).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from click.testing import CliRunner

from tests.conftest import ALIGN_DATA, SAMPLES
from web.cli import main

GOLDEN = Path(__file__).with_name("data") / "cli_json.golden.jsonl"
KO = str(SAMPLES / "hani-ko-689058-demo.txt")
EN = str(SAMPLES / "hani-en-689225.txt")
PASSWORD = "correct horse battery staple"

MASKS = (
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:[+-]\d\d:\d\d|Z)?"), "<time>"),
    (re.compile(r"tdk_[A-Za-z0-9_-]+"), "<token>"),
    (re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "<uuid>"),
)


def _mask(text: str) -> str:
    for pattern, repl in MASKS:
        text = pattern.sub(repl, text)
    return text


def _session(runner: CliRunner, tmp_path: Path) -> list[dict[str, object]]:
    """Every command with --json (or a JSON/JSONL product) on the sample, in order."""
    env = {"TRANSDESK_PASSWORD": PASSWORD}
    csv = tmp_path / "terms.csv"
    csv.write_text(
        "source,target,note\n방위상,defense minister,\n국방부,Ministry of National Defense,\n"
    )
    jsonl = tmp_path / "pairs.jsonl"
    first = (ALIGN_DATA / "dev.jsonl").read_text(encoding="utf-8").splitlines()[0]
    jsonl.write_text(first + "\n", encoding="utf-8")
    steps: list[tuple[str, ...]] = [
        ("init",),
        ("users", "add", "tina", "--role", "translator"),
        ("users", "add", "eddie", "--role", "editor"),
        ("users", "add", "erin", "--role", "editor"),
        ("segment", KO, "--locale", "ko", "--json"),
        ("segment", EN, "--locale", "en", "--json"),
        ("align", "--jsonl", str(jsonl), "--out", "-"),
        ("articles", "import", KO, "--locale", "ko", "--json"),
        ("articles", "pair", "1", EN, "--locale", "en", "--json"),
        ("articles", "list", "--json"),
        ("articles", "show", "1", "--locale", "en", "--json"),
        ("translate", "1", "en", "byline", "By Gil Yun-hyung, Tokyo", "--as", "tina", "--json"),
        ("check", "1", "en", "--json"),
        ("review", "approve", "1", "en", "--all", "--as", "eddie", "--json"),
        ("review", "reject", "1", "en", "title", "--reason", "shorter", "--as", "erin", "--json"),
        ("glossary", "import", str(csv), "--json"),
        ("glossary", "list", "--json"),
        ("tm", "search", "방위상", "--json"),
        ("tm", "prefill", "1", "en", "--json"),
        ("translate", "1", "en", "title", "Japan and China to talk", "--as", "tina", "--json"),
        ("review", "approve", "1", "en", "--all", "--as", "erin", "--json"),
        ("publish", "1", "en", "--as", "eddie", "--json"),
        ("articles", "show", "1", "--json"),
        ("tokens", "create", "eddie", "--name", "cms", "--scope", "articles:read", "--json"),
        ("tokens", "list", "--json"),
        ("webhooks", "list", "--json"),
    ]
    out: list[dict[str, object]] = []
    for args in steps:
        result = runner.invoke(main, list(args), env=env)
        out.append(
            {
                "args": [Path(a).name if os.sep in a else a for a in args],
                "exit": result.exit_code,
                "stdout": _mask(result.stdout) if "--json" in args or "align" in args else "",
            }
        )
    return out


def test_cli_json_output_is_unchanged(runner: CliRunner, tmp_path: Path) -> None:
    got = _session(runner, tmp_path)
    lines = [json.dumps(step, ensure_ascii=False) for step in got]
    if os.environ.get("TRANSDESK_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text("\n".join(lines) + "\n", encoding="utf-8")
    want = GOLDEN.read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["args"] for x in lines] == [json.loads(x)["args"] for x in want]
    for line, expected in zip(lines, want, strict=True):
        assert json.loads(line) == json.loads(expected)
    assert all(step["exit"] == 0 for step in got), [s for s in got if s["exit"] != 0]
