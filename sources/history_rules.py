"""Rules that look at a unit's other months: the spike rule and the 本年累计 cross-check.

Both read the months on record: the warehouse's accepted months with the batch being loaded laid
over them, so a batch holding several months of one unit (a catch-up file, a backfill) is judged
against itself as it will stand once loaded.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from .catalog import Catalog
from .intake import add_spike_warnings
from .number_text import short_number
from .problems import WARNING, Problem
from .rules import explained
from .submission import Submission

SPIKE_MONTHS = 12  # the spike rule compares a month with the unit's 12 months before it

MonthValues = Mapping[str, float | None]  # indicator code -> one month's value (None = left blank)
TOLERANCE = 0.005  # money has two decimals; anything closer is the same figure
SHOWN_PLACES = 2   # ... so figures in its message have two decimals at most


def months_on_record(stored: Mapping[tuple[str, date], MonthValues],
                     batch: Iterable[Submission]) -> dict[tuple[str, date], MonthValues]:
    """The warehouse's accepted months with this batch's accepted submissions laid over them."""
    return dict(stored) | batch_months(batch)


def batch_months(batch: Iterable[Submission]) -> dict[tuple[str, date], MonthValues]:
    """The batch's accepted months, each as its last accepted submission for that unit and month has it."""
    months: dict[tuple[str, date], MonthValues] = {}
    for sub in batch:
        if sub.status == "accepted" and sub.unit_code and sub.period:
            months[(sub.unit_code, sub.period)] = {v.indicator_code: v.value for v in sub.values}
    return months


@dataclass(frozen=True)
class PastFigures:
    """What the history rules need of each checked unit-month's months before it, and nothing more.

    spikes: per indicator, how many of the 12 months before it reported a value and the two middle
    values of those, sorted (equal when there are an odd number): their median.
    year_so_far: per indicator, the sum of the earlier months of the year in month order (blanks as 0),
    only for unit-months whose every earlier month of the year is on record.
    """

    spikes: Mapping[tuple[str, date], Mapping[str, tuple[int, float, float]]]
    year_so_far: Mapping[tuple[str, date], Mapping[str, float]]


def past_figures(months: Mapping[tuple[str, date], MonthValues],
                 wanted: Iterable[tuple[str, date]]) -> PastFigures:
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


def middle_values(values: Sequence[float]) -> tuple[int, float, float]:
    """How many values, and the two middle ones once sorted (the same one for an odd count)."""
    ordered = sorted(values)
    return len(ordered), ordered[(len(ordered) - 1) // 2], ordered[len(ordered) // 2]


def add_history_warnings(submissions: list[Submission], months: Mapping[tuple[str, date], MonthValues],
                         catalog: Catalog) -> int:
    """Add spike and 本年累计 warnings to the accepted submissions; return how many were added."""
    wanted = {(s.unit_code, s.period) for s in submissions if s.status == "accepted" and s.unit_code and s.period}
    return add_past_warnings(submissions, past_figures(months, wanted), catalog)  # type: ignore[arg-type]


def add_past_warnings(submissions: list[Submission], figures: PastFigures, catalog: Catalog) -> int:
    """Add spike and 本年累计 warnings to the accepted submissions from their past figures; return how many."""
    added = 0
    for sub in submissions:
        if sub.status != "accepted" or sub.unit_code is None or sub.period is None:
            continue
        middles = figures.spikes.get((sub.unit_code, sub.period), {})
        added += add_spike_warnings(sub, {code: same_median(*m) for code, m in middles.items()}, catalog)
        found = year_to_date_warnings(sub, figures.year_so_far.get((sub.unit_code, sub.period)), catalog)
        sub.problems.extend(found)
        added += len(found)
    return added


def same_median(count: int, lower: float, upper: float) -> list[float]:
    """A history of `count` months with the same median as the real one: the spike rule reads only how many
    months it compares with and their median."""
    return [lower] * (count - count // 2) + [upper] * (count // 2)


def spike_history(months: Mapping[tuple[str, date], MonthValues], unit: str, period: date) -> dict[str, list[float]]:
    """The unit's reported values in the 12 months before a month, oldest first, per indicator."""
    history: dict[str, list[float]] = {}
    for back in range(SPIKE_MONTHS, 0, -1):
        index = period.year * 12 + period.month - 1 - back
        for code, value in (months.get((unit, date(index // 12, index % 12 + 1, 1))) or {}).items():
            if value is not None:
                history.setdefault(code, []).append(value)
    return history


def year_to_date_warnings(submission: Submission, year_so_far: Mapping[str, float] | None,
                          catalog: Catalog) -> list[Problem]:
    """Warnings where 本年累计 differs from the sum of the unit's earlier months of the year (year_so_far)
    and this one.

    Checked only when every earlier month of the year is on record (year_so_far given): a gap would make
    any sum wrong.
    """
    period = submission.period
    if not submission.stated_ytd or year_so_far is None or period is None:
        return []
    this_month = {v.indicator_code: v.value for v in submission.values}
    problems = []
    for stated in submission.stated_ytd:
        code = stated.indicator_code
        total = year_so_far.get(code, 0) + (this_month.get(code) or 0.0)
        if stated.value is None or abs(stated.value - total) <= TOLERANCE:
            continue
        indicator = catalog.get(code)
        span = f"1—{period.month}月" if period.month > 1 else "1月"
        problem = Problem(
            WARNING,
            f"「{indicator.name_zh}」本年累计填{short_number(stated.value, SHOWN_PLACES)}，与已报{span}合计{short_number(total, SHOWN_PLACES)}"
            f"{indicator.unit_zh}不符，请核对",
            submission.source_file, stated.sheet, stated.cell,
        )
        problems.append(explained(problem, (code,), submission.remarks))
    return problems
