"""The history rules' figures computed the plain way, in Python over every month on record: the oracle
that warehouse/sql/history_figures.sql (which hands back only the figures) is checked against."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date

import duckdb

from countystat.sources.history_rules import PastFigures
from countystat.sources.submission import Submission

MonthValues = Mapping[str, float | None]  # indicator code -> one month's value (None = left blank)
SPIKE_MONTHS = 12  # the spike rule compares a month with the unit's 12 months before it

STORED_MONTHS = """
SELECT s.unit_code, s.period, v.indicator_code, v.value
FROM submissions AS s LEFT JOIN submission_values AS v USING (submission_id)
WHERE s.status = 'accepted' AND s.unit_code = ? AND s.period BETWEEN ? AND ?
"""


def stored_months(con: duckdb.DuckDBPyConnection, units: Iterable[str], first: date, last: date,
                  excluded: tuple[date, date] | None = None) -> dict[tuple[str, date], dict[str, float | None]]:
    """Every accepted month the warehouse holds for the units between first and last, but those excluded."""
    months: dict[tuple[str, date], dict[str, float | None]] = defaultdict(dict)
    for unit in units:
        for unit_code, period, code, value in con.execute(STORED_MONTHS, [unit, first, last]).fetchall():
            if excluded and excluded[0] <= period <= excluded[1]:
                continue
            month = months[(unit_code, period)]
            if code is not None:
                month[code] = value
    return dict(months)


def batch_months(batch: Iterable[Submission]) -> dict[tuple[str, date], MonthValues]:
    """The batch's accepted months, each as its last accepted submission for that unit and month has it."""
    months: dict[tuple[str, date], MonthValues] = {}
    for sub in batch:
        if sub.status == "accepted" and sub.unit_code and sub.period:
            months[(sub.unit_code, sub.period)] = {v.indicator_code: v.value for v in sub.values}
    return months


def months_on_record(stored: Mapping[tuple[str, date], MonthValues],
                     batch: Iterable[Submission]) -> dict[tuple[str, date], MonthValues]:
    """The stored months with the batch's accepted submissions laid over them."""
    return dict(stored) | batch_months(batch)


def past_figures(months: Mapping[tuple[str, date], MonthValues], wanted: Iterable[tuple[str, date]]) -> PastFigures:
    """The history rules' figures for the wanted unit-months, from the months on record."""
    spikes, year_so_far = {}, {}
    for unit, period in wanted:
        history = spike_history(months, unit, period)
        spikes[(unit, period)] = {code: middle_values(values) for code, values in history.items()}
        earlier = [months.get((unit, date(period.year, m, 1))) for m in range(1, period.month)]
        if all(month is not None for month in earlier):
            codes = {code for month in earlier for code in month or {}}
            year_so_far[(unit, period)] = {code: sum((month or {}).get(code) or 0.0 for month in earlier)
                                           for code in codes}
    return PastFigures(spikes, year_so_far)


def middle_values(values: list[float]) -> tuple[int, float, float]:
    """How many values, and the two middle ones once sorted (the same one for an odd count)."""
    ordered = sorted(values)
    return len(ordered), ordered[(len(ordered) - 1) // 2], ordered[len(ordered) // 2]


def spike_history(months: Mapping[tuple[str, date], MonthValues], unit: str, period: date) -> dict[str, list[float]]:
    """The unit's reported values in the 12 months before a month, oldest first, per indicator."""
    history: dict[str, list[float]] = {}
    for back in range(SPIKE_MONTHS, 0, -1):
        index = period.year * 12 + period.month - 1 - back
        for code, value in (months.get((unit, date(index // 12, index % 12 + 1, 1))) or {}).items():
            if value is not None:
                history.setdefault(code, []).append(value)
    return history
