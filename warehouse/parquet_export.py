"""Write monthly_values to Parquet partitioned year=/month=, rewriting only the months asked."""
from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .sql import statement
from .staging import staged

PART_FILE = "part-0.parquet"


def partition_path(root: Path, period: date) -> Path:
    """The Parquet file holding one month of monthly_values."""
    return root / "monthly_values" / f"year={period.year}" / f"month={period.month}" / PART_FILE


def export_months(con: duckdb.DuckDBPyConnection, root: Path, periods: list[date]) -> list[Path]:
    """Rewrite each month's partition from the warehouse (removing it if the month is empty)."""
    if not periods:
        return []
    with staged(con, export_periods=pa.table({"period": pa.array(sorted(set(periods)), pa.date32())})):
        table = con.sql(statement("monthly_values_for_periods")).to_arrow_table()
    written = []
    for period in sorted(set(periods)):
        month = table.filter(pc.equal(table["period"], pa.scalar(period, pa.date32())))
        target = partition_path(root, period)
        if month.num_rows == 0:
            target.unlink(missing_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        pq.write_table(month, partial)
        os.replace(partial, target)
        written.append(target)
    return written
