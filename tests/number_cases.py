"""The indicators and helpers the number-reading tests share."""
from __future__ import annotations

from countystat.sources.catalog import load_catalog
from countystat.sources.numbers import Reading, read_number

CATALOG = load_catalog()
ATTENDANCE = CATALOG.get("training_attendance")  # 人次, int
MOBILIZED = CATALOG.get("party_members_mobilized")  # 名, int
FUNDS = CATALOG.get("funds_recovered")  # 万元, decimal
INFECTIONS = CATALOG.get("infections")  # 例, int
MEETINGS = CATALOG.get("standing_committee_meetings")  # 次, int
COUNTS = (ATTENDANCE, MOBILIZED, INFECTIONS, MEETINGS)


def full_width(text: str) -> str:
    """ASCII punctuation and digits as a Chinese input method types them: 12.5 → １２．５."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def read(code: str, raw: object, hint: str | None = None) -> Reading:
    """The reading of a raw cell value for the indicator with that code."""
    return read_number(raw, CATALOG.get(code), hint)
