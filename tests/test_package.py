"""The shape of the package: the pipeline's layers import downward only, no module cycles,
and the tests mirror the source tree (``assembler/x/y.py`` is tested in
``tests/x/test_y.py``)."""

from __future__ import annotations

import ast
from pathlib import Path

from assembler import __version__
from tests.helpers import ROOT

PACKAGE = ROOT / "assembler"
# Lower layers never import higher ones; packages of one layer never import each other.
LAYERS: dict[str, int] = {
    "problems": 0,
    "resources": 0,
    "collector": 0,
    "source": 1,
    "cv": 2,
    "profile": 3,
    "select": 4,
    "shape": 5,
    "render": 6,
    "output": 7,
    "importers": 8,
    "build": 8,
    "cli": 9,
    "__main__": 10,
    "manual": 10,
}
# Modules that hold only data types, tested through the modules that use them.
WITHOUT_OWN_TESTS = {
    "shape/style.py": "the print settings record (tested with authors and citations)",
    "shape/views.py": "the template context records (tested with context and the manual)",
}
# Tests of the bundled example, profiles and templates, which are data, not modules.
DATA_TESTS = {"bundled"}


def modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports(path: Path) -> set[str]:
    """Every assembler module a file imports, at the top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names if alias.name.startswith("assembler")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("assembler"):
            module = node.module or ""
            names.add(module)
            names |= {f"{module}.{alias.name}" for alias in node.names}
    return names


def layer(module: str) -> tuple[str, int]:
    parts = module.split(".")
    top = parts[1] if len(parts) > 1 else ""
    assert top in LAYERS, f"{module}: add its package to LAYERS in tests/test_package.py"
    return top, LAYERS[top]


def test_imports_go_down_the_pipeline() -> None:
    known = modules()
    wrong = []
    for module, path in known.items():
        if module == "assembler":
            continue
        package, rank = layer(module)
        for target in imports(path):
            if target not in known or target == "assembler":
                continue
            other, other_rank = layer(target)
            if other != package and other_rank >= rank:
                wrong.append(f"{module} imports {target}")
    assert wrong == []


def test_no_import_cycles() -> None:
    known = modules()
    graph = {
        module: {t for t in imports(path) if t in known and t != module and t != "assembler"}
        for module, path in known.items()
    }
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_tests_mirror_the_source_tree() -> None:
    tests = ROOT / "tests"
    orphans = []
    for test in sorted(tests.rglob("test_*.py")):
        relative = test.relative_to(tests)
        if relative.parts[0] in DATA_TESTS or relative == Path("test_package.py"):
            continue
        source = PACKAGE / relative.parent / (relative.name.removeprefix("test_"))
        if not source.is_file():
            orphans.append(str(relative))
    assert orphans == [], "tests that mirror no module"
    untested = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if relative.name.startswith("__") or str(relative) in WITHOUT_OWN_TESTS:
            continue
        if not (tests / relative.parent / f"test_{relative.name}").is_file():
            untested.append(str(relative))
    assert untested == [], "modules without their test file"


def test_the_version_is_defined_once() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject
    assert __version__.count(".") == 2
