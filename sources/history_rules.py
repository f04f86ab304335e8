"""Rules that look at a unit's other months: the spike rule and the 本年累计 cross-check.

Both read the months on record: the warehouse's accepted months with the batch being loaded laid
over them, so a batch holding several months of one unit (a catch-up file, a backfill) is judged
against itself as it will stand once loaded.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from .catalog import Catalog
from .intake import add_spike_warnings
from .number_text import short_number
from .problems import WARNING, Problem
from .rules import explained
from .submission import Submission

TOLERANCE = 0.005  # money has two decimals; anything closer is the same figure
SHOWN_PLACES = 2   # ... so figures in its message have two decimals at most


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
