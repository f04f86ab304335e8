"""A submission: one unit's values for one month from one received file, with its problems."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import NamedTuple

from .problems import Problem

ACCEPTED = "accepted"
REJECTED = "rejected"


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

    @property
    def status(self) -> str:
        """'accepted' unless a blocking problem was found."""
        return REJECTED if any(p.blocking for p in self.problems) else ACCEPTED

    @cached_property
    def submission_id(self) -> str:
        """A stable id: the same file read for the same unit and month always gets the same id."""
        period = f"{self.period:%Y-%m}" if self.period else ""
        key = f"{self.sha256}|{self.unit_code or ''}|{period}|{self.part}"
        return hashlib.sha256(key.encode()).hexdigest()[:20]

    def messages(self) -> list[str]:
        """Every problem as a readable Chinese line, blocking ones first."""
        ordered = sorted(self.problems, key=lambda p: not p.blocking)
        return [p.message() for p in ordered]
