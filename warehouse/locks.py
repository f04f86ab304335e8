"""Period locks: the months whose half-year report has gone out, and the record of who locked them."""
from __future__ import annotations

from datetime import date, datetime

import duckdb
import pyarrow as pa

from .sql import statement
from .staging import run_staged


def locked_periods(con: duckdb.DuckDBPyConnection) -> set[date]:
    """Every locked month."""
    return {row[0] for row in con.execute(statement("locked_periods")).fetchall()}


def lock_periods(con: duckdb.DuckDBPyConnection, periods: list[date], by: str, reason: str,
                 at: datetime | None = None) -> list[date]:
    """Lock the months (recording who, why and when: now unless replayed); return those not locked before."""
    before = locked_periods(con)
    run_staged(con, {"lock_request": _request(periods, by, reason, at)}, ["lock_periods"])
    return sorted(set(periods) - before)


def unlock_periods(con: duckdb.DuckDBPyConnection, periods: list[date], by: str, reason: str,
                   at: datetime | None = None) -> list[date]:
    """Unlock the months (recording who, why and when: now unless replayed); return those that were locked."""
    before = locked_periods(con)
    run_staged(con, {"lock_request": _request(periods, by, reason, at)}, ["unlock_periods"])
    return sorted(set(periods) & before)


def _request(periods: list[date], by: str, reason: str, at: datetime | None) -> pa.Table:
    now = (at or datetime.now()).replace(microsecond=0)
    return pa.table({
        "period": pa.array(periods, pa.date32()),
        "locked_at": pa.array([now] * len(periods), pa.timestamp("us")),
        "by_user": pa.array([by] * len(periods), pa.string()),
        "reason": pa.array([reason] * len(periods), pa.string()),
    })
