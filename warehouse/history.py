"""A unit's own recent history, for the rules that compare a month with the months before it."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

import duckdb
import pyarrow as pa

from .sql import statement

History = dict[str, list[float]]  # indicator code -> values, oldest first


def unit_history(con: duckdb.DuckDBPyConnection, wanted: list[tuple[str, date]]) -> dict[tuple[str, date], History]:
    """For each (unit, month), the unit's values of the 12 months before it, oldest first."""
    if not wanted:
        return {}
    con.register("history_wanted", pa.table({
        "unit_code": pa.array([unit for unit, _ in wanted], pa.string()),
        "period": pa.array([period for _, period in wanted], pa.date32()),
    }))
    try:
        rows = con.execute(statement("unit_history")).fetchall()
    finally:
        con.unregister("history_wanted")
    found: dict[tuple[str, date], History] = defaultdict(lambda: defaultdict(list))
    for unit, period, code, value in rows:
        found[(unit, period)][code].append(value)
    return {key: dict(codes) for key, codes in found.items()}
