"""Build read files in memory, as if they had been read from the inbox, for warehouse tests."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from countystat.sources.inbox import ReceivedFile
from countystat.sources.submission import ReportedValue, Submission
from countystat.warehouse.load import ReadFile


def read_file(name: str, sha: str, unit: str, period: date, values: dict[str, float | None],
              problems=(), modified: datetime = datetime(2020, 7, 3)) -> ReadFile:
    """One received file holding one submission with these values (cells D5, D6, ...)."""
    received = ReceivedFile(Path("/inbox") / name, name, sha, 100, modified)
    reported = [ReportedValue(code, v, "月报表", f"D{i + 5}") for i, (code, v) in enumerate(values.items())]
    return ReadFile(received, f"/archive/{sha}.xlsx", [Submission(name, sha, unit, period, reported, list(problems))])
