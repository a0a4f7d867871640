"""Every bench script still imports: they are run by hand and by ``make bench*``, not by the
suite, so a module they borrow from the tests or the app can move without anyone noticing
(``bench/fuzz_catalogs.py`` once imported a test module that had been renamed)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
# bench/load.py needs the ``bench`` extra (locust, gevent), which ``make bench-load`` installs.
EXTRA = {"load"}
SCRIPTS = sorted(p.stem for p in BENCH.glob("*.py") if p.stem not in EXTRA)


@pytest.mark.parametrize("name", SCRIPTS)
def test_a_bench_script_imports(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Scripts run as ``python bench/x.py`` have bench/ itself on the path (align.py).
    monkeypatch.syspath_prepend(str(BENCH))
    module = importlib.import_module(f"bench.{name}")
    assert module.__doc__, f"bench/{name}.py says what it measures in its docstring"
    sys.modules.pop(f"bench.{name}", None)
