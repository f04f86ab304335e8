"""What the rules that compare a month with the unit's other months need of the months on record."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from countystat.sources.history_rules import TOLERANCE, PastFigures
from countystat.sources.rules import SPIKE_FLOOR, SPIKE_TIMES
from countystat.sources.submission import ACCEPTED, Submission

from .sql import statement
from .staging import staged

MARGIN = 1e-9  # how much looser (relative and absolute) the suspects' tests are than the rules'
MonthKey = tuple[str, date]  # unit code, month
FigureRow = tuple[str, str, int, "list[str] | None", "list[int] | None", "list[float] | None", "list[float] | None"]


def suspects_on_record(con: duckdb.DuckDBPyConnection, subs: list[Submission]) -> tuple[list[Submission], PastFigures]:
    """Of a collect's submissions in received order, those the history rules might warn about
    (history_suspects.sql, a superset), and the rules' figures for their units.

    The warehouse computes every figure over the months on record (the stored ones with the batch's laid
    over them) and, from the figures alone, the suspects; only theirs reach Python, where the rules judge
    them and word the warnings. So a collect costs what its batch holds however many months are stored.
    """
    tables = judged_tables(subs)
    if not tables[0].num_rows:
        return [], PastFigures({}, {})
    figures, suspects = figures_and_suspects(con, *tables)
    found = [subs[n] for n in sorted(suspects.to_pylist())]
    units = pa.array(sorted({s.unit_code for s in found}), pa.string())
    return found, past_figures_of(figures, units)


def judged_tables(subs: list[Submission]) -> tuple[pa.Table, pa.Table, pa.Table]:
    """A batch's submissions as figures_and_suspects reads them: the accepted ones with a unit and a month,
    numbered by their place in subs (received order), the last of each unit-month accepted and standing for
    its month on record, any earlier one marked superseded (as loading will mark it); their values; their
    本年累计 figures."""
    judged = [(n, s) for n, s in enumerate(subs) if s.status == ACCEPTED and s.unit_code and s.period]
    last = {(s.unit_code, s.period): n for n, s in judged}
    submissions = pa.table({
        "submission_id": pa.array([n for n, _ in judged], pa.int64()),
        "unit_code": pa.array([s.unit_code for _, s in judged], pa.string()),
        "period": pa.array([s.period for _, s in judged], pa.date32()),
        "status": pa.array([ACCEPTED if last[(s.unit_code, s.period)] == n else "superseded" for n, s in judged],
                           pa.string()),
    })
    return submissions, _value_table(judged, "values"), _value_table(judged, "stated_ytd")


def figures_and_suspects(con: duckdb.DuckDBPyConnection, submissions: pa.Table, values: pa.Table,
                         stated_ytd: pa.Table, excluded: tuple[date, date] | None = None) -> tuple[pa.Table, pa.Array]:
    """The history rules' figures for every month of the submissions (history_figures.sql's rows), and the
    ids of those the figures say the rules might warn about (history_suspects.sql).

    submissions: submission_id, unit_code, period, status (its last accepted one gives a month on record;
    every row is judged); values and stated_ytd: submission_id, indicator_code, value.
    """
    with staged(con, judged_submissions=submissions, judged_values=values, judged_ytd=stated_ytd):
        figures = figure_table(con, con.sql(statement("history_batch_months")).to_arrow_table(), excluded)
        with staged(con, history_figures=figures):
            suspects = con.execute(statement("history_suspects"), {
                "margin": MARGIN, "floor": SPIKE_FLOOR, "times": SPIKE_TIMES, "tolerance": TOLERANCE,
            }).fetchall()
    return figures, pa.array([sid for (sid,) in suspects], submissions.schema.field("submission_id").type)


def figure_table(con: duckdb.DuckDBPyConnection, batch_months: pa.Table,
                 excluded: tuple[date, date] | None = None) -> pa.Table:
    """history_figures.sql's rows for a batch_months table (unit_code, period, indicator_code, value), as
    Arrow (a backfill stages them again to find its suspects)."""
    with staged(con, batch_months=batch_months, months_excluded=_excluded(excluded)):
        return con.sql(statement("history_figures")).to_arrow_table()


def past_figures_of(table: pa.Table, units: pa.Array | None = None) -> PastFigures:
    """PastFigures from a figure_table: of these units' rows alone, when given."""
    if units is not None:
        table = table.filter(pc.is_in(table.column("unit_code"), units))
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


def _value_table(judged: list[tuple[int, Submission]], attribute: str) -> pa.Table:
    """The submissions' values or 本年累计 figures (attribute) as submission_id, indicator_code, value."""
    ids: list[int] = []
    codes: list[str] = []
    values: list[float | None] = []
    for n, sub in judged:
        reported = getattr(sub, attribute)
        if reported:
            ids += [n] * len(reported)
            code_column, value_column = list(zip(*reported))[:2]  # ReportedValue: code, value, sheet, cell
            codes += code_column
            values += value_column
    return pa.table({"submission_id": pa.array(ids, pa.int64()), "indicator_code": pa.array(codes, pa.string()),
                     "value": pa.array(values, pa.float64())})


def _excluded(excluded: tuple[date, date] | None) -> pa.Table:
    """The months a backfill re-reads, as the one-row table months_excluded (no rows: none)."""
    first, last = excluded or (None, None)
    return pa.table({
        "first": pa.array([first] if excluded else [], pa.date32()),
        "last": pa.array([last] if excluded else [], pa.date32()),
    })
