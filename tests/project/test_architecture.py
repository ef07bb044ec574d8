"""The module structure: imports point down the layers of DESIGN.md, and no cycle exists.

Every ``import`` of a procedurekit module counts, at module level or inside a function; only
``if TYPE_CHECKING:`` blocks (types, not code) and the one lazy import behind
``WorkingCalendar.vietnam()`` (working.py → vietnam.py, which keeps the cold start fast) are
exempt.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from _paths import SRC

PACKAGE = SRC / "procedurekit"

#: The layers, bottom first (DESIGN.md "Layers"); a module may import its own layer or below.
LAYERS: dict[str, int] = {
    "errors": 0,
    "_text": 0,
    "_time": 0,
    "_fields": 1,
    "_dedup": 0,
    "_codes": 1,  # ProcedureCode, re-exported by models.codes: the deadline engine takes one
    "_upgrade": 5,
    "_version": 0,
    "samples": 0,
    "calendar": 1,
    "durations": 1,
    "vocab": 1,
    "findings": 1,
    "phrases": 2,
    "deadlines": 3,
    "batch": 3,
    "models": 4,
    "io": 5,
    "serialize": 5,
    "testing": 5,
    "judge": 6,
    "metrics": 7,
    "checks": 7,
    "reports": 8,
    "contrib": 8,
    "_tour": 8,
    "server": 9,  # the HTTP service: its documents are shared with the CLI
    "cli": 10,
    "__init__": 10,
    "__main__": 10,
}

#: The one lazy import allowed to run up (or across) the graph.
EXEMPT = {("procedurekit.calendar.working", "procedurekit.calendar.vietnam")}


def _module_name(path: Path) -> str:
    rel = path.relative_to(SRC).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            test = node.test
            name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", None)
            if name == "TYPE_CHECKING":
                for child in node.body:
                    for sub in ast.walk(child):
                        if hasattr(sub, "lineno"):
                            lines.add(sub.lineno)
    return lines


def _resolve(module: str, name: str | None) -> str:
    """The procedurekit module an import names: ``from a.b import c`` is ``a.b.c`` when that
    is a module, else ``a.b``."""
    if name is not None and f"{module}.{name}" in MODULES:
        return f"{module}.{name}"
    return module


def _imports(name: str, path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text("utf-8"))
    skip = _type_checking_lines(tree)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("procedurekit"):
                    yield alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            if base.startswith("procedurekit"):
                for alias in node.names:
                    yield _resolve(base, alias.name)


GRAPH = {
    name: {dep for dep in _imports(name, path) if dep != name and (name, dep) not in EXEMPT}
    for name, path in MODULES.items()
}


def _layer(module: str) -> int:
    parts = module.split(".")
    key = parts[1] if len(parts) > 1 else "__init__"
    return LAYERS[key]


def test_every_module_has_a_layer() -> None:
    for name in MODULES:
        assert _layer(name) >= 0, name


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down(module: str) -> None:
    up = sorted(dep for dep in GRAPH[module] if _layer(dep) > _layer(module))
    assert not up, f"{module} (layer {_layer(module)}) imports higher layers: {up}"


def test_no_import_cycle() -> None:
    """Tarjan's strongly connected components: every one must be a single module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in GRAPH.get(v, ()):
            if w not in MODULES:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    assert cycles == []


def test_the_exempt_import_is_still_lazy() -> None:
    """working.py reaches vietnam.py only inside ``WorkingCalendar.vietnam``."""
    tree = ast.parse(MODULES["procedurekit.calendar.working"].read_text("utf-8"))
    top = [
        n
        for n in tree.body
        if isinstance(n, ast.ImportFrom) and (n.module or "").endswith("calendar.vietnam")
    ]
    assert top == []
