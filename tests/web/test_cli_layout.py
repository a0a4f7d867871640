"""The CLI's shape: a package of short modules, and every command it has ever listed.

``data/cli_commands.txt`` was recorded from ``transdesk --help`` (and each group's
``--help``) before ``web/cli.py`` became the package ``web/cli/``. Scripts and the CMS call
these commands by name: a command may be added, never lost.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

import web.cli
from web.cli import main

RECORDED = Path(__file__).with_name("data") / "cli_commands.txt"
MAX_LINES = 300


def _listed(runner: CliRunner, group: list[str]) -> list[str]:
    """The command names a group's ``--help`` lists under ``Commands:``."""
    result = runner.invoke(main, [*group, "--help"], prog_name="transdesk")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    if "Commands:" not in lines:
        return []  # a command, not a group
    start = lines.index("Commands:") + 1
    names = []
    for line in lines[start:]:
        if not line.startswith("  "):
            break
        names.append(line.split()[0])
    return names


def test_help_lists_every_command_it_listed_before() -> None:
    recorded = RECORDED.read_text(encoding="utf-8").splitlines()
    runner = CliRunner()
    listed: set[str] = set()
    pending: list[list[str]] = [[]]
    while pending:
        group = pending.pop()
        for name in _listed(runner, group):
            path = [*group, name]
            listed.add(" ".join(path))
            pending.append(path)
    missing = [c for c in recorded if c not in listed]
    assert missing == []
    assert len(recorded) == 51


def test_every_cli_module_is_short() -> None:
    folder = Path(web.cli.__file__).parent
    assert Path(web.cli.__file__).name == "__init__.py", "web.cli is a package"
    modules = sorted(folder.glob("*.py"))
    assert len(modules) > 1
    long = {m.name: n for m in modules if (n := len(m.read_text().splitlines())) >= MAX_LINES}
    assert long == {}
