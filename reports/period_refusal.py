"""Whether a half can be reported at all: one that has not begun, or that no accepted form reached, is refused."""
from __future__ import annotations

from datetime import date

import duckdb

from countystat.sources.home import Home

from .halves import Half
from .sql import statement


def refusal(half: Half, today: date, figures: int) -> str | None:
    """The one-line reason the half cannot be reported, or None when it can."""
    first, last = half.months[0], half.months[-1]
    if first > today:
        return f"{half.label} has not begun (today is {today:%Y-%m-%d}): there is nothing to report yet"
    if figures == 0:
        return (f"the warehouse holds no accepted figure for {half.label} ({first:%Y-%m} to {last:%Y-%m}): "
                "collect its forms first (`countystat status --month` shows what arrived)")
    return None


def half_figures(home: Home, half: Half) -> int:
    """How many county figures the published warehouse holds for the half."""
    con = duckdb.connect(str(home.warehouse), read_only=True)
    try:
        return int(con.execute(statement("half_figures"), {"half": half.label}).fetchone()[0])  # type: ignore[index]
    finally:
        con.close()


def report_refusal(home: Home, half: Half, today: date) -> str | None:
    """The one-line reason `report` refuses the half (in the future, or no data at all), or None."""
    return refusal(half, today, half_figures(home, half))
