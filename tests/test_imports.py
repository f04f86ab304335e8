"""The package's imports, read statically: no cycle between modules, and the layers import one way.

Every .py under sources/, warehouse/, reports/ and flows/ is parsed (no module is imported); each
`import` and `from … import …` anywhere in it (inside functions too) that names a countystat module,
absolutely or relatively, is an edge of the graph. The layer rule: sources imports none of warehouse,
reports, flows; warehouse imports no reports or flows; reports imports no flows.
"""
from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "countystat"
LAYERS = ("sources", "warehouse", "reports", "flows")  # each may import only the layers before it
FORBIDDEN = {  # layer -> the layers it must not import
    "sources": {"warehouse", "reports", "flows"},
    "warehouse": {"reports", "flows"},
    "reports": {"flows"},
    "flows": set(),
}

# An import under `if TYPE_CHECKING:` counts: it ties the modules together all the same.

Graph = Mapping[str, set[str]]


def module_name(path: Path, root: Path = ROOT) -> str:
    """countystat.<folder>.<module> of a file under root (a package's __init__.py is the package)."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([PACKAGE, *parts])


def package_modules(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the four layers by dotted name."""
    return {module_name(path, root): path for layer in LAYERS for path in sorted((root / layer).rglob("*.py"))}


def imported_names(tree: ast.AST, module: str, is_package: bool) -> set[str]:
    """The dotted names an AST imports (`from X import y` gives X.y), relative ones made absolute."""
    package = module if is_package else module.rpartition(".")[0]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            names.update(prefix if alias.name == "*" else f"{prefix}.{alias.name}" for alias in node.names)
    return names


def resolve(name: str, modules: Iterable[str]) -> str | None:
    """The package module a dotted import name lands in (its longest known prefix), if any."""
    known = set(modules)
    while name:
        if name in known:
            return name
        name = name.rpartition(".")[0]
    return None


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Module -> the package modules it imports (itself and the bare package `countystat` left out)."""
    modules = package_modules(root)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        targets = {resolve(n, modules) for n in imported_names(tree, name, path.name == "__init__.py")}
        graph[name] = {t for t in targets if t is not None and t != name}
    return graph


def find_cycles(graph: Graph) -> list[list[str]]:
    """The strongly connected components of more than one module (each a cycle or several), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(start: str) -> None:  # Tarjan's algorithm, iterative so deep graphs don't recurse
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph.get(target, ())))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def layer_breaches(graph: Graph) -> list[tuple[str, str]]:
    """The edges from a module to a layer its own layer must not import."""
    def layer(module: str) -> str:
        return module.split(".")[1] if module.count(".") >= 1 else ""

    return sorted((a, b) for a, targets in graph.items() for b in targets
                  if layer(b) in FORBIDDEN.get(layer(a), set()))


# --- the package ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph()


def test_the_graph_sees_the_package(graph) -> None:
    # a sanity check on the reading itself: modules of every layer, with the imports we know of
    assert {m.split(".")[1] for m in graph} == set(LAYERS)
    assert "countystat.sources.catalog" in graph["countystat.sources.units"] or \
        "countystat.sources.csv_data" in graph["countystat.sources.units"]
    assert "countystat.sources.intake" in set().union(*graph.values())


def test_no_import_cycles(graph) -> None:
    cycles = find_cycles(graph)
    assert cycles == [], "modules importing one another (directly or round a loop): " + "; ".join(
        " <-> ".join(c) for c in cycles)


def test_layers_import_one_way(graph) -> None:
    breaches = layer_breaches(graph)
    assert breaches == [], "imports against the layers: " + "; ".join(f"{a} -> {b}" for a, b in breaches)


# --- the checks themselves, on tiny graphs and files ------------------------------------------------

def test_find_cycles_on_small_graphs() -> None:
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []
    assert find_cycles({"a": {"b"}, "b": {"a"}}) == [["a", "b"]]
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert find_cycles({"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"c", "a"}}) == [["a", "b"], ["c", "d"]]
    assert find_cycles({"a": {"b", "c"}, "b": {"d"}, "c": {"d"}, "d": set()}) == []  # a diamond is no cycle


def test_layer_breaches_on_a_small_graph() -> None:
    graph = {
        "countystat.sources.a": {"countystat.warehouse.b", "countystat.sources.c"},
        "countystat.warehouse.b": {"countystat.sources.a"},
        "countystat.reports.d": {"countystat.flows.e", "countystat.sources.a"},
        "countystat.flows.e": {"countystat.reports.d", "countystat.warehouse.b"},
    }
    assert layer_breaches(graph) == [("countystat.reports.d", "countystat.flows.e"),
                                     ("countystat.sources.a", "countystat.warehouse.b")]


def test_a_cycle_through_imports_inside_functions_is_found(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    for layer in LAYERS[1:]:
        (tmp_path / layer).mkdir()
    (tmp_path / "sources" / "__init__.py").write_text("")
    (tmp_path / "sources" / "grid.py").write_text("from .text_grid import read_text\n")
    (tmp_path / "sources" / "text_grid.py").write_text(
        "def read_text():\n    from countystat.sources import grid\n    return grid\n")
    (tmp_path / "sources" / "numbers.py").write_text("from . import cell_format\nimport countystat.sources.grid\n")
    (tmp_path / "sources" / "cell_format.py").write_text("")
    (tmp_path / "flows" / "cli.py").write_text("from ..sources.numbers import read_number\n")
    (tmp_path / "warehouse" / "load.py").write_text("from countystat.flows.cli import run\n")
    graph = import_graph(tmp_path)
    assert graph["countystat.sources.numbers"] == {"countystat.sources.cell_format", "countystat.sources.grid"}
    assert graph["countystat.flows.cli"] == {"countystat.sources.numbers"}
    assert find_cycles(graph) == [["countystat.sources.grid", "countystat.sources.text_grid"]]
    assert layer_breaches(graph) == [("countystat.warehouse.load", "countystat.flows.cli")]
