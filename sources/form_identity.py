"""Whose form and which month: read from the metadata sheet, the title, the unit line, names."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .units import Unit, UnitRegistry

YEAR_MONTH = re.compile(r"(\d{4})\s*[年.\-/_]\s*(\d{1,2})(?!\d)\s*月?")


@dataclass(frozen=True)
class Clue:
    """One place that names the unit or month, and what it said."""

    where: str   # e.g. 标题, 填报单位, 隐藏信息表, 文件名
    text: str


def units_in_text(text: str, registry: UnitRegistry) -> list[Unit]:
    """Registered units named in the text; a name inside a longer matched name doesn't count."""
    found: list[Unit] = []
    for unit in registry.find_in_text(text):
        for name in sorted(unit.names, key=len, reverse=True):
            if name in text:
                text = text.replace(name, "\0")
                if unit not in found:
                    found.append(unit)
    return found


def period_in_text(text: str) -> date | None:
    """The first plausible year and month written in the text (2020年6月, 2020.06, 2020-06)."""
    for match in YEAR_MONTH.finditer(text):
        year, month = int(match.group(1)), int(match.group(2))
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return date(year, month, 1)
    return None


def first_of_month(day: date) -> date:
    """The first day of the day's month."""
    return day.replace(day=1)


def agreed(values: dict[str, object]) -> tuple[object | None, bool]:
    """The single value all clues agree on (None if no clue), and whether they agreed."""
    distinct = set(values.values())
    if len(distinct) == 1:
        return next(iter(distinct)), True
    return None, not distinct
