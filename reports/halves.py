"""Half-years: '2020H1' is January to June 2020, '2020H2' July to December."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

HALF = re.compile(r"(\d{4})\s*[-/.]?\s*H\s*([12])")     # 2020H1, 2020h1, 2020-H1
HALF_ZH = re.compile(r"(\d{4})\s*年?\s*([上下])半年")  # 2020年上半年, 2020上半年


class HalfError(ValueError):
    """A half-year argument in none of the forms accepted; the message names them."""


@dataclass(frozen=True, order=True)
class Half:
    """One half of a year."""

    year: int
    part: int  # 1 or 2

    @property
    def label(self) -> str:
        """'2020H1'."""
        return f"{self.year}H{self.part}"

    @property
    def name_zh(self) -> str:
        """'2020年上半年'."""
        return f"{self.year}年{'上' if self.part == 1 else '下'}半年"

    @property
    def months(self) -> list[date]:
        """The first day of each of its six months."""
        first = 1 if self.part == 1 else 7
        return [date(self.year, m, 1) for m in range(first, first + 6)]

    @property
    def previous_year(self) -> Half:
        """The same half a year earlier."""
        return Half(self.year - 1, self.part)


def parse_half(text: str) -> Half:
    """'2020H1', '2020h1', '2020-H1', '2020年上半年' (full-width too) -> Half(2020, 1)."""
    typed = unicodedata.normalize("NFKC", str(text)).strip().upper()
    if match := HALF.fullmatch(typed):
        return Half(int(match.group(1)), int(match.group(2)))
    if match := HALF_ZH.fullmatch(typed):
        return Half(int(match.group(1)), 1 if match.group(2) == "上" else 2)
    raise HalfError(f"「{text}」不是一个半年：请写成 2020H1（上半年）或 2020H2（下半年），也可写 2020年上半年")


def half_of(period: date) -> Half:
    """The half a month belongs to."""
    return Half(period.year, 1 if period.month <= 6 else 2)


def last_ended_half(today: date) -> Half:
    """The latest half-year that ended before today: H1 of this year from July, else H2 of last year."""
    return Half(today.year, 1) if today.month >= 7 else Half(today.year - 1, 2)
