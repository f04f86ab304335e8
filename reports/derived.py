"""Derived indicators declared as data (derived.csv): expressions over the county's figures."""
from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from countystat.sources.csv_data import read_csv_rows, read_csv_text

COLUMNS = ("code", "name_zh", "unit_zh", "expression")

OPERATORS: dict[type, Callable[[float, float], float]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
}


class DerivedError(ValueError):
    """A derived indicator whose expression is not allowed or names nothing known."""


@dataclass(frozen=True)
class Derived:
    """A derived indicator: its code, name, unit and expression."""

    code: str
    name_zh: str
    unit_zh: str
    expression: str

    def codes(self) -> list[str]:
        """The codes the expression reads, including those inside prev(...)."""
        return sorted({n.id for n in ast.walk(ast.parse(self.expression, mode="eval"))
                       if isinstance(n, ast.Name) and n.id != "prev"})


@dataclass(frozen=True)
class DerivedFigure:
    """A derived indicator's value this half and the same half a year before (None: can't say)."""

    definition: Derived
    value: float | None
    prev_value: float | None


def base_inputs(code: str, definitions: Mapping[str, Derived], years_back: int = 0) -> list[tuple[str, int]]:
    """The catalog indicators a figure is computed from, each with how many years back it is read.

    A derived code expands to the indicators its expression reads, recursively; `prev(x)` reads x (and
    everything x reads) a year further back. Order of first appearance, no repeats.
    """
    if code not in definitions:
        return [(code, years_back)]
    found: dict[tuple[str, int], None] = {}
    tree = ast.parse(definitions[code].expression, mode="eval").body
    for name, back in _names(tree, years_back):
        found.update(dict.fromkeys(base_inputs(name, definitions, back)))
    return list(found)


def _names(node: ast.expr, years_back: int) -> Iterator[tuple[str, int]]:
    """Every name an expression reads, with how many years back (prev() adds one)."""
    if isinstance(node, ast.Name):
        yield node.id, years_back
    elif isinstance(node, ast.Call):  # prev(name), as _check allows it
        yield node.args[0].id, years_back + 1  # type: ignore[attr-defined]
    elif isinstance(node, ast.UnaryOp):
        yield from _names(node.operand, years_back)
    elif isinstance(node, ast.BinOp):
        yield from _names(node.left, years_back)
        yield from _names(node.right, years_back)


def load_derived(path: Path | None = None) -> list[Derived]:
    """The derived indicators of a derived.csv (the one shipped in reports/ unless a path is given), in order."""
    path = path or Path(str(resources.files("countystat.reports") / "derived.csv"))
    return parse_derived(read_csv_text(path, DerivedError), source=path.name)


def parse_derived(text: str, source: str = "derived.csv") -> list[Derived]:
    """Parse and check derived CSV text; raise DerivedError naming the line on any defect."""
    definitions: list[Derived] = []
    for row in read_csv_rows(text, source, COLUMNS, DerivedError):
        definition = Derived(**row.cells)
        for column in COLUMNS:
            if not row.cells[column]:
                raise DerivedError(f"{row.where}：{column} 不能为空")
        if any(d.code == definition.code for d in definitions):
            raise DerivedError(f"{row.where}：代码「{definition.code}」重复")
        try:
            tree = ast.parse(definition.expression, mode="eval").body
        except SyntaxError:
            raise DerivedError(f"{row.where}：「{definition.expression}」不是一个算式") from None
        try:
            _check(tree, definition.code)
        except DerivedError as exc:
            raise DerivedError(f"{row.where}：{exc}") from None
        definitions.append(definition)
    if not definitions:
        raise DerivedError(f"{source}：没有任何派生指标")
    return definitions


def evaluate_derived(
    definitions: list[Derived], current: Mapping[str, float | None], previous: Mapping[str, float | None]
) -> dict[str, DerivedFigure]:
    """Each derived figure this half and a year before; a missing input or a zero divisor gives None."""
    now: dict[str, float | None] = dict(current)
    before: dict[str, float | None] = dict(previous)
    figures: dict[str, DerivedFigure] = {}
    for definition in definitions:
        tree = ast.parse(definition.expression, mode="eval").body
        unknown = sorted(set(definition.codes()) - set(now))
        if unknown:
            raise DerivedError(f"{definition.code}：指标「{unknown[0]}」不在统计指标目录中")
        prior = _evaluate(tree, before, {})
        value = _evaluate(tree, now, before)
        now[definition.code], before[definition.code] = value, prior
        figures[definition.code] = DerivedFigure(definition, value, prior)
    return figures


def _evaluate(node: ast.expr, values: Mapping[str, float | None], prev: Mapping[str, float | None]
              ) -> float | None:
    """The expression's value; a name without a figure, or a zero divisor, gives None."""
    if isinstance(node, ast.Constant):
        return float(node.value)
    if isinstance(node, ast.Name):
        return values.get(node.id)
    if isinstance(node, ast.Call):  # prev(name): the same figure a year earlier
        name = node.args[0].id  # type: ignore[attr-defined]
        return prev.get(name)
    if isinstance(node, ast.UnaryOp):
        inner = _evaluate(node.operand, values, prev)
        return None if inner is None else -inner
    if isinstance(node, ast.BinOp):
        left = _evaluate(node.left, values, prev)
        right = _evaluate(node.right, values, prev)
        if left is None or right is None or (isinstance(node.op, ast.Div) and right == 0):
            return None
        return OPERATORS[type(node.op)](left, right)
    raise DerivedError("unsupported expression")


def _check(node: ast.expr, code: str) -> None:
    """Allow only numbers, names, + - * /, unary minus and prev(name)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return
    if isinstance(node, ast.Name):
        return
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return _check(node.operand, code)
    if isinstance(node, ast.BinOp) and type(node.op) in OPERATORS:
        _check(node.left, code)
        return _check(node.right, code)
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "prev"
            and len(node.args) == 1 and isinstance(node.args[0], ast.Name) and not node.keywords):
        return
    raise DerivedError(f"{code}：算式中只能有数字、指标代码、+ - * / 和 prev(代码)")
