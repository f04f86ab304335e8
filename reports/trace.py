"""trace.csv: for every number in the draft, its sentence, value (as printed), expression, codes, cells,
and the review its sentence is marked with when the figure goes against it."""
from __future__ import annotations

import csv
from pathlib import Path

from .summary import TraceEntry

COLUMNS = ("句子", "文本", "数值", "表达式", "指标", "来源", "核对")


def trace_rows(entries: list[TraceEntry]) -> list[dict[str, object]]:
    """The trace as rows with the trace.csv columns."""
    return [entry.row() for entry in entries]


def write_trace_csv(path: Path, entries: list[TraceEntry]) -> Path:
    """Write the trace as CSV (UTF-8 with BOM, so that Excel opens it in Chinese)."""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(trace_rows(entries))
    return path
