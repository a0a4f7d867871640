"""A clone of the project alone runs: nothing reads a folder beside it or a machine's path.

The demo's sample pair ships in ``workflow/data/samples/`` and the alignment data in
``bench/data/align/`` (with its licence); code, tests, benches and the Makefile name only
paths inside the repository.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCANNED = ("workflow", "web", "tests", "bench", "docs")
# `../shared`, a path built from a parent folder and "shared", or an absolute machine path.
OUTSIDE = re.compile(
    r"\.\./shared|parents?\[?\d*\]?\s*\.parent\s*/\s*\"shared\"|/\s*\"shared\"\s*/"
    r"|[\"'](?:/work|/tmp/shared|/home/|/root/)"
)


def _files() -> list[Path]:
    files = [REPO / "Makefile", REPO / "pyproject.toml", REPO / ".ci" / "run"]
    for folder in SCANNED:
        files += [p for p in (REPO / folder).rglob("*") if p.suffix in (".py", ".cfg", ".toml")]
    return [f for f in files if f.is_file() and f.resolve() != Path(__file__).resolve()]


def test_no_file_reads_outside_the_repository() -> None:
    hits = [
        f"{f.relative_to(REPO)}:{n}: {line.strip()}"
        for f in _files()
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert hits == []


@pytest.mark.parametrize(
    "line",
    [
        'SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"',
        'DATA = REPO.parent / "shared" / "data"',
        'SAMPLE = Path("/work/shared/samples/x.txt")',
        "cat ../shared/data/align/dev.jsonl",
    ],
)
def test_the_guard_sees_an_outside_path(line: str) -> None:
    assert OUTSIDE.search(line)


def test_the_data_the_demo_tests_and_benches_need_is_in_the_repository() -> None:
    samples = REPO / "workflow" / "data" / "samples"
    for name in ("hani-ko-689058-demo.txt", "hani-en-689225.txt", "hani-689225.pair.gold.json"):
        assert (samples / name).is_file(), name
    align = REPO / "bench" / "data" / "align"
    assert (align / "dev.jsonl").stat().st_size > 100_000
    assert len(list((align / "text").glob("dev-*.ko.txt"))) == 50
    assert "CC BY-SA 3.0" in (align / "README.md").read_text(encoding="utf-8")


def test_the_html_cleaner_is_a_declared_dependency() -> None:
    deps = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    assert any(re.match(r"lxml[-_]html[-_]clean\b", d) for d in deps)
