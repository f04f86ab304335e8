"""What the rules that compare a month with the unit's other months need of the months on record."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import duckdb
import pyarrow as pa

from countystat.sources.history_rules import PastFigures

from .sql import statement
from .staging import staged

MonthKey = tuple[str, date]  # unit code, month


def past_figures_on_record(
    con: duckdb.DuckDBPyConnection, batch: Mapping[MonthKey, Mapping[str, float | None]],
    excluded: tuple[date, date] | None = None,
) -> PastFigures:
    """The history rules' figures for the batch's accepted months (`history_rules.batch_months`), computed
    in the warehouse over the months on record: the stored ones with the batch's laid over them.

    Only figures come back (a count and two values per indicator), never the months themselves, so a
    collect costs what its batch holds however many months the warehouse has. excluded (first, last)
    leaves those stored months out: a backfill judges them by what it re-reads.
    """
    spikes: dict[MonthKey, dict[str, tuple[int, float, float]]] = {}
    year_so_far: dict[MonthKey, dict[str, float]] = {}
    if not batch:
        return PastFigures(spikes, year_so_far)
    rows = [(unit, period, code, value) for (unit, period), values in batch.items()
            for code, value in (values.items() or [(None, None)])]
    unit, period, code, value = zip(*rows)
    batch_table = pa.table({
        "unit_code": pa.array(unit, pa.string()), "period": pa.array(period, pa.date32()),
        "indicator_code": pa.array(code, pa.string()), "value": pa.array(value, pa.float64()),
    })
    with staged(con, batch_months=batch_table, months_excluded=_excluded(excluded)):
        found = con.execute(statement("history_figures")).fetchall()
    months = {p.year * 12 + p.month - 1: p for p in set(period)}  # the statement's month numbers
    for kind, unit, month, codes, counts, lowers, uppers in found:
        key = (unit, months[month])
        if kind == "spike":
            spikes[key] = dict(zip(codes, zip(counts, lowers, uppers)))
        elif kind == "complete":
            year_so_far.setdefault(key, {})
        else:
            year_so_far.setdefault(key, {}).update(zip(codes, lowers))
    return PastFigures(spikes, year_so_far)


def _excluded(excluded: tuple[date, date] | None) -> pa.Table:
    """The months a backfill re-reads, as the one-row table months_excluded (no rows: none)."""
    first, last = excluded or (None, None)
    return pa.table({
        "first": pa.array([first] if excluded else [], pa.date32()),
        "last": pa.array([last] if excluded else [], pa.date32()),
    })
