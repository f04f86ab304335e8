"""A submission: one unit's values for one month from one received file, with its problems."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import NamedTuple

from .problems import HOLD, Problem

ACCEPTED = "accepted"
REJECTED = "rejected"
HELD = "held"


class ReportedValue(NamedTuple):
    """One indicator's value for the month (None = left blank, not reported) and its cell."""

    indicator_code: str
    value: float | None
    sheet: str
    cell: str


@dataclass
class Submission:
    """What one file says for one unit and month; rejected when any problem blocks it."""

    source_file: str
    sha256: str
    unit_code: str | None = None
    period: date | None = None
    values: list[ReportedValue] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    part: int = 0  # which form of the file: a workbook may hold several months
    remarks: dict[str, str] = field(default_factory=dict)  # indicator code -> its 备注
    stated_ytd: list[ReportedValue] = field(default_factory=list)  # 本年累计, a cross-check only

    @property
    def status(self) -> str:
        """'rejected' if a blocking problem was found, else 'held' if its month is locked, else 'accepted'."""
        if any(p.blocking for p in self.problems):
            return REJECTED
        return HELD if any(p.level == HOLD for p in self.problems) else ACCEPTED

    def hold(self, locked: set[date]) -> bool:
        """Hold an otherwise accepted submission whose month is locked; True if it was held."""
        if self.status != ACCEPTED or self.period not in locked:
            return False
        self.problems.append(Problem(
            HOLD, f"{self.period.year}年{self.period.month}月的数据已锁定（半年报已报出），本报表已存档，"  # type: ignore[union-attr]
            "暂不入库；如需更正请联系县委办", self.source_file))
        return True

    @cached_property
    def submission_id(self) -> str:
        """A stable id: the same file read for the same unit and month always gets the same id."""
        period = f"{self.period:%Y-%m}" if self.period else ""
        key = f"{self.sha256}|{self.unit_code or ''}|{period}|{self.part}"
        return hashlib.sha256(key.encode()).hexdigest()[:20]

    def messages(self) -> list[str]:
        """Every problem as a readable Chinese line, blocking ones first."""
        ordered = sorted(self.problems, key=lambda p: not (p.blocking or p.level == HOLD))
        return [p.message() for p in ordered]
