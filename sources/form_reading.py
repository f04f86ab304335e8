"""What one form (a sheet, one month column, or the parts of a long form) says."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .problems import Problem
from .submission import ReportedValue
from .units import Unit


@dataclass
class FormReading:
    """What one form (a sheet, or one month column) says: unit, month, values, remarks, problems."""

    unit: Unit | None = None
    period: date | None = None
    values: list[ReportedValue] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    remarks: dict[str, str] = field(default_factory=dict)
    sheet: str = ""
    title: str = ""  # the sheet's first title line, which names the parts of a long form
    stated_ytd: dict[str, ReportedValue] = field(default_factory=dict)  # 本年累计 of sum indicators
    filled: bool | None = None  # a value cell holds a typed value (a formula's 0 is none); None: not read
