"""A cell's value quoted back to the clerk in a message, as the clerk sees it in the spreadsheet:
12 not 12.0, 100% for a stored 1 shown as a percentage, 2026年3月5日 for a date, cut short when long."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from .cell_format import TIME
from .number_text import typed_number

EXCEL_EPOCH = datetime(1899, 12, 30)  # serial 0 of the 1900 date system, as Excel counts after 1900-02-28
_SHOWN_LENGTH = 40


def shown_percent(raw: int | float | Decimal) -> str:
    """A stored number as a percentage cell shows it: 1 -> 100%, 0.5 -> 50%, 0.123 -> 12.3%."""
    try:
        scaled = (Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)) * 100
        return clipped(plain_decimal(scaled.normalize()) + "%")
    except (ArithmeticError, ValueError):
        return clipped(f"{raw}%")


def stored_date(raw: object, cell_format: str) -> object:
    """A stored number as the date or time a date-formatted cell shows (Excel's 1900 date system)."""
    if not isinstance(raw, (int, float, Decimal)) or (isinstance(raw, Decimal) and not raw.is_finite()):
        return raw
    days = float(raw)
    if not 0 <= days < 2958466:  # Excel's last date is 9999-12-31
        return raw
    moment = EXCEL_EPOCH + timedelta(days=days)
    return moment.time() if cell_format == TIME and raw < 1 else moment


def shown_date(raw: object) -> str:
    """A date or time as a Chinese clerk reads it: 2026年3月5日, 8:30, 2026年3月5日 8:30."""
    if isinstance(raw, datetime):
        day = f"{raw.year}年{raw.month}月{raw.day}日"
        return day if raw.time() == time() else f"{day} {raw.hour}:{raw.minute:02d}"
    if isinstance(raw, date):
        return f"{raw.year}年{raw.month}月{raw.day}日"
    if isinstance(raw, time):
        return f"{raw.hour}:{raw.minute:02d}"
    if isinstance(raw, timedelta):
        minutes = int(raw.total_seconds() // 60)
        return f"{minutes // 60}:{minutes % 60:02d}"
    return clipped(str(raw))


def plain_decimal(amount: Decimal) -> str:
    """A decimal written without exponent or trailing zeros: 3.5, 12, 0.0001."""
    text = format(amount, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def clipped(text: str) -> str:
    """What the clerk typed, cut short enough to quote in a message."""
    return text if len(text) <= _SHOWN_LENGTH else text[:_SHOWN_LENGTH] + "…"


def shown_number(value: float) -> str:
    """A float as the clerk would write it: 12, 12.5."""
    return clipped(typed_number(value))
