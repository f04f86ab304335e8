"""Rules that look at a unit's other months: the spike rule and the 本年累计 cross-check.

Both read the months on record: the warehouse's accepted months with the batch being loaded laid
over them, so a batch holding several months of one unit (a catch-up file, a backfill) is judged
against itself as it will stand once loaded.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
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
    months = dict(stored)
    for sub in batch:
        if sub.status == "accepted" and sub.unit_code and sub.period:
            months[(sub.unit_code, sub.period)] = {v.indicator_code: v.value for v in sub.values}
    return months


def add_history_warnings(submissions: list[Submission], months: Mapping[tuple[str, date], MonthValues],
                         catalog: Catalog) -> int:
    """Add spike and 本年累计 warnings to the accepted submissions; return how many were added."""
    added = 0
    for sub in submissions:
        if sub.status != "accepted" or sub.unit_code is None or sub.period is None:
            continue
        added += add_spike_warnings(sub, spike_history(months, sub.unit_code, sub.period), catalog)
        found = year_to_date_warnings(sub, months, catalog)
        sub.problems.extend(found)
        added += len(found)
    return added


def spike_history(months: Mapping[tuple[str, date], MonthValues], unit: str, period: date) -> dict[str, list[float]]:
    """The unit's reported values in the 12 months before a month, oldest first, per indicator."""
    history: dict[str, list[float]] = {}
    for back in range(SPIKE_MONTHS, 0, -1):
        index = period.year * 12 + period.month - 1 - back
        for code, value in (months.get((unit, date(index // 12, index % 12 + 1, 1))) or {}).items():
            if value is not None:
                history.setdefault(code, []).append(value)
    return history


def year_to_date_warnings(submission: Submission, months: Mapping[tuple[str, date], MonthValues],
                          catalog: Catalog) -> list[Problem]:
    """Warnings where 本年累计 differs from the unit's months of the year so far, this one included.

    Checked only when every earlier month of the year is on record: a gap would make any sum wrong.
    """
    unit, period = submission.unit_code, submission.period
    if not submission.stated_ytd or unit is None or period is None:
        return []
    earlier = [months.get((unit, date(period.year, m, 1))) for m in range(1, period.month)]
    if any(month is None for month in earlier):
        return []
    this_month = {v.indicator_code: v.value for v in submission.values}
    problems = []
    for stated in submission.stated_ytd:
        code = stated.indicator_code
        total = sum((month or {}).get(code) or 0.0 for month in [*earlier, this_month])
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
