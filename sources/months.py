"""Months as people type them on the command line (2020-06, 2020-6, 2020/06, 202006, 2020.6, 2020年6月),
to first-of-month dates; the month before a day; the months between two."""
from __future__ import annotations

import re
import unicodedata
from datetime import date

from .form_periods import FIRST_YEAR, LAST_YEAR, arabic_dates

TYPED_MONTH = (
    re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})"),   # 2020-06, 2020-6, 2020/06, 2020.6
    re.compile(r"(\d{4})(\d{2})"),                # 202006
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月?"),  # 2020年6月, 2020年06月
)
FORMS = "2020-06、2020-6、2020/06、202006、2020.6 或 2020年6月"


class MonthError(ValueError):
    """A month argument in none of the forms accepted; the message names them."""


def parse_month(text: str) -> date:
    """'2020-06', '2020-6', '2020/06', '202006', '2020.6', '2020年6月' (full-width digits too) -> date(2020, 6, 1)."""
    typed = arabic_dates(unicodedata.normalize("NFKC", str(text)).strip())
    for pattern in TYPED_MONTH:
        match = pattern.fullmatch(typed)
        if match and FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR and 1 <= int(match.group(2)) <= 12:
            return date(int(match.group(1)), int(match.group(2)), 1)
    raise MonthError(f"「{text}」不是一个月份：请写成 {FORMS}")


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
