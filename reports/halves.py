"""Report periods: '2020H1' is January to June 2020, '2020H2' July to December, '2020' the whole year."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Literal

HALF = re.compile(r"(\d{4})\s*[-/.]?\s*H\s*([12])")     # 2020H1, 2020h1, 2020-H1
HALF_ZH = re.compile(r"(\d{4})\s*年?\s*([上下])半年")  # 2020年上半年, 2020上半年
YEAR = re.compile(r"(\d{4})\s*(?:年度?|年全年|全年)?")   # 2020, 2020年, 2020年度, 2020全年
WHOLE_YEAR = 0  # the part of a Period that is a whole year


class PeriodError(ValueError):
    """A year or half-year argument in none of the forms accepted; the message names them."""


class HalfError(PeriodError):
    """A half-year argument in none of the forms accepted; the message names them."""


@dataclass(frozen=True, order=True)
class Period:
    """A year (part 0) or one half of it (part 1 or 2): what a report covers."""

    year: int
    part: int = WHOLE_YEAR

    @property
    def kind(self) -> Literal["half", "year"]:
        """'half' or 'year'."""
        return "year" if self.part == WHOLE_YEAR else "half"

    @property
    def label(self) -> str:
        """'2020H1', '2020H2' or '2020'."""
        return str(self.year) if self.part == WHOLE_YEAR else f"{self.year}H{self.part}"

    @property
    def span_zh(self) -> str:
        """'上半年', '下半年' or '全年'."""
        return {WHOLE_YEAR: "全年", 1: "上半年", 2: "下半年"}[self.part]

    @property
    def name_zh(self) -> str:
        """'2020年上半年', '2020年下半年' or '2020年'."""
        return f"{self.year}年" if self.part == WHOLE_YEAR else f"{self.year}年{self.span_zh}"

    @property
    def value_zh(self) -> str:
        """What a unit's figure for it is called: '半年值' or '全年值'."""
        return "全年值" if self.part == WHOLE_YEAR else "半年值"

    @property
    def months_zh(self) -> str:
        """How many months it has, in words: '六个月' or '十二个月'."""
        return "十二个月" if self.part == WHOLE_YEAR else "六个月"

    @property
    def months(self) -> list[date]:
        """The first day of each of its months: six for a half, twelve for a year."""
        first, count = {WHOLE_YEAR: (1, 12), 1: (1, 6), 2: (7, 6)}[self.part]
        return [date(self.year, m, 1) for m in range(first, first + count)]

    @property
    def following(self) -> Period:
        """The period after it: the second half after the first, the next year's first half after the
        second, the next year after a year."""
        if self.part == 1:
            return Period(self.year, 2)
        return Period(self.year + 1, 1 if self.part == 2 else WHOLE_YEAR)

    @property
    def previous_year(self) -> Period:
        """The same period a year earlier."""
        return Period(self.year - 1, self.part)


Half = Period  # Half(2020, 1): the name halves were made by before years joined them


def whole_year(year: int) -> Period:
    """The period of a whole year."""
    return Period(year, WHOLE_YEAR)


def parse_half(text: str) -> Period:
    """'2020H1', '2020h1', '2020-H1', '2020年上半年' (full-width too) -> Period(2020, 1)."""
    typed = _typed(text)
    if match := HALF.fullmatch(typed):
        return Period(int(match.group(1)), int(match.group(2)))
    if match := HALF_ZH.fullmatch(typed):
        return Period(int(match.group(1)), 1 if match.group(2) == "上" else 2)
    raise HalfError(f"「{text}」不是一个半年：请写成 2020H1（上半年）或 2020H2（下半年），也可写 2020年上半年")


def parse_year(text: str) -> Period:
    """'2020', '2020年', '2020年度', '2020全年' (full-width too) -> the whole year 2020."""
    if match := YEAR.fullmatch(_typed(text)):
        return whole_year(int(match.group(1)))
    raise PeriodError(f"「{text}」不是一个年份：请写成 2020，也可写 2020年 或 2020年度")


def parse_period(text: str) -> Period:
    """A half-year as parse_half reads it, or a year as parse_year does."""
    try:
        return parse_half(text)
    except HalfError:
        pass
    try:
        return parse_year(text)
    except PeriodError:
        raise PeriodError(f"「{text}」不是一个年份或半年：请写成 2020（全年）、2020H1（上半年）或 2020H2（下半年）") from None


def _typed(text: str) -> str:
    return unicodedata.normalize("NFKC", str(text)).strip().upper()


def half_of(period: date) -> Period:
    """The half a month belongs to."""
    return Period(period.year, 1 if period.month <= 6 else 2)


def period_of(month: date, kind: Literal["half", "year"]) -> Period:
    """The half-year or the year a month belongs to."""
    return whole_year(month.year) if kind == "year" else half_of(month)


def last_ended_half(today: date) -> Period:
    """The latest half-year that ended before today: H1 of this year from July, else H2 of last year."""
    return Period(today.year, 1) if today.month >= 7 else Period(today.year - 1, 2)
