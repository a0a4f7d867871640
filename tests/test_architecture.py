"""The design holds: arrows point down, no cycles, no god modules.

Like Click's ``tests/test_imports.py``, the allowed imports are written down as an
allow-list: each part of ``workflow/`` names the project packages it may import. A new
import across parts is a design decision — make it here, on purpose, and in
``docs/architecture.md``. Imports are read from the source (``ast``), so an import hidden in a
function counts too.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MAX_LINES = 500
MAX_TOP_LEVEL_MODULES = 10

#: What each part of workflow/ may import from the project. Values, errors and the registry
#: are at the bottom; services use everything below them; bootstrap wires the services.
BASE = {"errors"}
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "states": BASE,
    "model": BASE | {"states"},
    "registry": BASE,
    "numbers": set(),
    "keys": BASE | {"model"},
    "files": set(),
    "jobs": BASE,
    "text": BASE | {"model"},
    "security": BASE,
    "settings": BASE | {"text", "security", "machinery"},
    "alignment": BASE | {"model", "numbers"},
    "catalog": BASE | {"model", "states", "text", "registry", "keys", "security"},
    "export": BASE | {"model", "states", "text", "registry", "catalog", "security"},
    "glossary": BASE | {"text", "security"},
    "importers": BASE | {"model", "registry", "text", "security"},
    "archive": BASE | {"model", "numbers", "alignment", "importers", "registry"},
    "machinery": BASE | {"registry", "security"},
    "memory": BASE | {"text", "security"},
    "checks": BASE | {"model", "registry", "numbers", "glossary", "text"},
    "store": BASE | {"model", "states", "glossary", "memory", "keys"},
    "services": BASE
    | {
        "alignment",
        "archive",
        "catalog",
        "checks",
        "export",
        "files",
        "glossary",
        "importers",
        "jobs",
        "keys",
        "machinery",
        "memory",
        "model",
        "numbers",
        "registry",
        "security",
        "settings",
        "states",
        "store",
        "text",
    },
    "bootstrap": {
        "checks",
        "export",
        "importers",
        "jobs",
        "memory",
        "services",
        "settings",
        "store",
    },
}


def _modules(folder: str) -> Iterator[tuple[str, Path]]:
    for path in sorted((REPO / folder).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        parts = path.relative_to(REPO).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        yield ".".join(parts), path


def _imports(path: Path, module: str) -> set[str]:
    """Every project module ``module`` imports (absolute and relative forms)."""
    found: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
    return {m for m in found if m.split(".")[0] in ("workflow", "web")}


def _part(module: str) -> str:
    return module.split(".")[1] if module.count(".") else module


def _graph(folders: tuple[str, ...]) -> dict[str, set[str]]:
    known = {m: p for f in folders for m, p in _modules(f)}
    return {m: {i for i in _imports(p, m) if i in known and i != m} for m, p in known.items()}


def test_each_part_of_workflow_imports_only_what_it_is_allowed() -> None:
    wrong = []
    for module, path in _modules("workflow"):
        part = _part(module)
        if part == "workflow":
            continue
        assert part in ALLOWED, f"{module}: a new part of workflow/ needs its line in ALLOWED"
        for imported in _imports(path, module):
            target = _part(imported)
            if imported.startswith("web"):
                wrong.append(f"{module} imports {imported} (the web layer)")
            elif target not in ("workflow", part) and target not in ALLOWED[part]:
                wrong.append(f"{module} imports {imported}")
    assert wrong == []


def test_the_allowed_arrows_have_no_cycle() -> None:
    _assert_acyclic({k: set(v) for k, v in ALLOWED.items()}, "ALLOWED")


def test_no_import_cycles_between_modules() -> None:
    graph = _graph(("workflow", "web"))
    # A package's __init__ re-exporting its own modules is not a cycle between modules.
    for module in graph:
        graph[module] = {i for i in graph[module] if not module.startswith(i + ".")}
    _assert_acyclic(graph, "modules")


def _assert_acyclic(graph: dict[str, set[str]], what: str) -> None:
    done: set[str] = set()
    path: list[str] = []

    def visit(node: str) -> None:
        if node in path:
            cycle = [*path[path.index(node) :], node]
            pytest.fail(f"import cycle in {what}: " + " → ".join(cycle))
        if node in done:
            return
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            visit(nxt)
        path.pop()
        done.add(node)

    for node in sorted(graph):
        visit(node)


@pytest.mark.parametrize("folder", ["workflow", "web"])
def test_no_module_is_over_500_lines(folder: str) -> None:
    long = {
        str(p.relative_to(REPO)): n
        for _, p in _modules(folder)
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_workflow_keeps_few_top_level_modules() -> None:
    top = sorted(p.name for p in (REPO / "workflow").glob("*.py") if p.name != "__init__.py")
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top


def test_every_package_says_what_it_owns() -> None:
    for init in sorted((REPO / "workflow").glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and len(doc) > 80, f"{init.parent.name}/__init__.py needs a docstring"


def test_the_guards_see_a_forbidden_import_and_a_cycle(tmp_path: Path) -> None:
    bad = tmp_path / "m.py"
    bad.write_text("from workflow.services import publish\nfrom .sibling import x\n")
    assert _imports(bad, "workflow.alignment.m") == {
        "workflow.services",
        "workflow.services.publish",
        "workflow.alignment.sibling",
        "workflow.alignment.sibling.x",
    }
    assert "services" not in ALLOWED["alignment"]
    with pytest.raises(pytest.fail.Exception, match="a → b → a"):
        _assert_acyclic({"a": {"b"}, "b": {"a"}}, "test")
