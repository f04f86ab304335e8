"""Month arguments: 'YYYY-MM' strings to first-of-month dates and back."""
from __future__ import annotations

import re
from datetime import date

MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class MonthError(ValueError):
    """A month argument that is not YYYY-MM."""


def parse_month(text: str) -> date:
    """'2020-06' -> date(2020, 6, 1)."""
    match = MONTH.match(text.strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise MonthError(f"month must look like 2020-06, got {text!r}")
    return date(int(match.group(1)), int(match.group(2)), 1)


def previous_month(today: date) -> date:
    """The first day of the month before today's."""
    first = today.replace(day=1)
    return date(first.year - 1, 12, 1) if first.month == 1 else date(first.year, first.month - 1, 1)


def month_range(start: date, end: date) -> list[date]:
    """Every first-of-month from start to end, inclusive."""
    months, current = [], start.replace(day=1)
    while current <= end:
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months
