"""A unit's own months on record, for the rules that compare a month with the unit's other months."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

import duckdb
import pyarrow as pa

from .sql import statement

MonthValues = dict[str, float | None]  # indicator code -> value (None = left blank)


def unit_months(
    con: duckdb.DuckDBPyConnection, wanted: list[tuple[str, date]],
    excluded: tuple[date, date] | None = None,
) -> dict[tuple[str, date], MonthValues]:
    """Each wanted unit's accepted months from 12 months before its earliest wanted month to its latest.

    excluded (first, last) leaves those months out: a backfill judges them by what it re-reads.
    """
    if not wanted:
        return {}
    first, last = excluded or (None, None)
    con.register("months_wanted", pa.table({
        "unit_code": pa.array([unit for unit, _ in wanted], pa.string()),
        "period": pa.array([period for _, period in wanted], pa.date32()),
    }))
    con.register("months_excluded", pa.table({
        "first": pa.array([first] if excluded else [], pa.date32()),
        "last": pa.array([last] if excluded else [], pa.date32()),
    }))
    try:
        rows = con.execute(statement("unit_months")).fetchall()
    finally:
        con.unregister("months_wanted")
        con.unregister("months_excluded")
    months: dict[tuple[str, date], MonthValues] = defaultdict(dict)
    for unit, period, code, value in rows:
        month = months[(unit, period)]
        if code is not None:
            month[code] = value
    return dict(months)
