"""What the rules that compare a month with the unit's other months need of the months on record."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

import duckdb
import pyarrow as pa

from countystat.sources.history_rules import PastFigures

from .sql import statement
from .staging import staged

MonthKey = tuple[str, date]  # unit code, month
FigureRow = tuple[str, str, int, "list[str] | None", "list[int] | None", "list[float] | None", "list[float] | None"]


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
    if not batch:
        return PastFigures({}, {})
    rows = [(unit, period, code, value) for (unit, period), values in batch.items()
            for code, value in (values.items() or [(None, None)])]
    unit, period, code, value = zip(*rows)
    batch_table = pa.table({
        "unit_code": pa.array(unit, pa.string()), "period": pa.array(period, pa.date32()),
        "indicator_code": pa.array(code, pa.string()), "value": pa.array(value, pa.float64()),
    })
    return past_figures_of(figure_table(con, batch_table, excluded))


def figure_table(con: duckdb.DuckDBPyConnection, batch_months: pa.Table,
                 excluded: tuple[date, date] | None = None) -> pa.Table:
    """history_figures.sql's rows for a batch_months table (unit_code, period, indicator_code, value), as
    Arrow (a backfill stages them again to find its suspects)."""
    with staged(con, batch_months=batch_months, months_excluded=_excluded(excluded)):
        return con.sql(statement("history_figures")).to_arrow_table()


def past_figures_of(table: pa.Table) -> PastFigures:
    """PastFigures from a figure_table."""
    return past_figures(zip(*(column.to_pylist() for column in table.columns)))


def past_figures(rows: Iterable[FigureRow]) -> PastFigures:
    """PastFigures from history_figures.sql's rows: kind, unit, month (year * 12 + month - 1), then the
    indicators' codes, counts, lower and upper middle values as lists (what a kind has)."""
    spikes: dict[MonthKey, dict[str, tuple[int, float, float]]] = {}
    year_so_far: dict[MonthKey, dict[str, float]] = {}
    months: dict[int, date] = {}
    for kind, unit, month, codes, counts, lowers, uppers in rows:
        period = months.get(month) or months.setdefault(month, date(month // 12, month % 12 + 1, 1))
        key = (unit, period)
        if kind == "spike":
            spikes[key] = dict(zip(codes, zip(counts, lowers, uppers)))  # type: ignore[arg-type]
        elif kind == "complete":
            year_so_far.setdefault(key, {})
        else:
            year_so_far.setdefault(key, {}).update(zip(codes, lowers))  # type: ignore[arg-type]
    return PastFigures(spikes, year_so_far)


def _excluded(excluded: tuple[date, date] | None) -> pa.Table:
    """The months a backfill re-reads, as the one-row table months_excluded (no rows: none)."""
    first, last = excluded or (None, None)
    return pa.table({
        "first": pa.array([first] if excluded else [], pa.date32()),
        "last": pa.array([last] if excluded else [], pa.date32()),
    })
