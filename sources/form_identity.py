"""Which month a text names, and whether the places that name a unit or month agree."""
from __future__ import annotations

import re
from datetime import date


YEAR_MONTH = re.compile(r"(\d{4})\s*[年.\-/_]\s*(\d{1,2})(?!\d)\s*月?")


def period_in_text(text: str) -> date | None:
    """The first plausible year and month written in the text (2020年6月, 2020.06, 2020-06)."""
    for match in YEAR_MONTH.finditer(text):
        year, month = int(match.group(1)), int(match.group(2))
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return date(year, month, 1)
    return None


def agreed(values: dict[str, object]) -> tuple[object | None, bool]:
    """The single value all clues agree on (None if no clue), and whether they agreed."""
    distinct = set(values.values())
    if len(distinct) == 1:
        return next(iter(distinct)), True
    return None, not distinct
