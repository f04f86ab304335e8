"""A run's full list of problems, one row per problem by unit and cell, as a CSV the office opens in Excel.

The command line prints only the first few problems of a run; this file, written to the home's
reports/runs/ folder, holds every rejection, hold, warning and note of every form the run read.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .problems import ERROR, HOLD, NOTE, WARNING
from .submission import Submission
from .units import UnitRegistry

COLUMNS = ("状态", "级别", "单位代码", "单位", "月份", "文件", "工作表", "单元格", "说明")
STATUS_ZH = {"accepted": "已接收", "rejected": "退回", "held": "暂存"}
LEVEL_ZH = {ERROR: "错误", HOLD: "暂存", WARNING: "提醒", NOTE: "说明"}
LEVEL_ORDER = {ERROR: 0, HOLD: 1, WARNING: 2, NOTE: 3}


@dataclass(frozen=True)
class ProblemRow:
    """One problem of one submission, with the submission's status, unit and month."""

    status: str
    level: str
    unit_code: str
    unit_name: str
    month: str
    file: str
    sheet: str
    cell: str
    text: str

    def cells(self) -> tuple[str, ...]:
        """The row as the CSV's cells, status and level in Chinese."""
        return (STATUS_ZH.get(self.status, self.status), LEVEL_ZH.get(self.level, self.level), self.unit_code,
                self.unit_name, self.month, self.file, self.sheet, self.cell, self.text)


def problem_rows(submissions: Iterable[Submission], registry: UnitRegistry) -> list[ProblemRow]:
    """Every problem of the submissions, rejections first, then holds, warnings and notes, in reading order."""
    rows = []
    for sub in submissions:
        unit = registry.get(sub.unit_code) if sub.unit_code else None
        month = f"{sub.period:%Y-%m}" if sub.period else ""
        status = sub.status
        for p in sub.problems:
            rows.append(ProblemRow(status, p.level, sub.unit_code or "", unit.name_zh if unit else "", month,
                                   p.file or sub.source_file, p.sheet, p.cell, p.text))
    return sorted(rows, key=lambda row: LEVEL_ORDER.get(row.level, len(LEVEL_ORDER)))


def run_report_text(rows: Iterable[ProblemRow]) -> str:
    """The rows as CSV text under a Chinese header."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(row.cells() for row in rows)
    return out.getvalue()


def run_report_path(folder: Path, run: str, at: datetime) -> Path:
    """reports/runs/<YYYY-MM-DD_HHMMSS>_<run>.csv, with a counter when a run of that second already wrote one."""
    stem = f"{at:%Y-%m-%d_%H%M%S}_{run.split()[0] if run.strip() else 'run'}"
    path, n = folder / f"{stem}.csv", 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}.csv"
    return path


def write_run_report(folder: Path, run: str, at: datetime, rows: list[ProblemRow]) -> Path:
    """Write the rows (UTF-8 with a byte-order mark, as Excel opens it) to a new file in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    path = run_report_path(folder, run, at)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(run_report_text(rows), encoding="utf-8-sig")
    partial.replace(path)
    return path
