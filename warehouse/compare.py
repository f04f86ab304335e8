"""How a rebuilt warehouse differs from the one in use: values, submissions and completeness."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from .sql import statement


@dataclass(frozen=True)
class Differences:
    """What differs, each as one readable line."""

    values: tuple[str, ...]
    submissions: tuple[str, ...]
    completeness: tuple[str, ...]

    @property
    def none(self) -> bool:
        """True when the two warehouses agree on all three."""
        return not (self.values or self.submissions or self.completeness)


def compare_with(con: duckdb.DuckDBPyConnection, published: Path) -> Differences:
    """The differences between the warehouse on con and the one at `published` (opened read-only)."""
    con.execute(f"ATTACH '{_quoted(published)}' AS published (READ_ONLY)")
    try:
        values = [
            f"{side}: {unit} {period:%Y-%m} {code} = {value} ({file} {sheet}!{cell})"
            for side, unit, period, code, value, file, sheet, cell in con.execute(statement("compare_values")).fetchall()
        ]
        subs = [
            f"{file}（{unit or '未识别单位'}，{f'{period:%Y-%m}' if period else '月份不明'}）: "
            f"{before or 'absent'} → {after or 'absent'}{'; messages differ' if differ else ''}"
            for file, unit, period, before, after, differ in con.execute(statement("compare_submissions")).fetchall()
        ]
        complete = [
            f"{unit} {period:%Y-%m}: {before or 'absent'} → {after or 'absent'}"
            for unit, period, before, after in con.execute(statement("compare_completeness")).fetchall()
        ]
    finally:
        con.execute("DETACH published")
    return Differences(tuple(values), tuple(subs), tuple(complete))


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")
