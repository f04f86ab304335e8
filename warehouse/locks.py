"""Period locks: the months whose half-year report has gone out, and the record of who locked them."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from .sql import statement
from .staging import run_staged


class BackfillRefused(Exception):
    """A backfill over locked months without --include-locked."""


def locked_periods(con: duckdb.DuckDBPyConnection) -> set[date]:
    """Every locked month."""
    return {row[0] for row in con.execute(statement("locked_periods")).fetchall()}


def refuse_locked(con: duckdb.DuckDBPyConnection, first: date, last: date, include_locked: bool) -> None:
    """Raise BackfillRefused when months first..last include locked ones and they are not included."""
    locked = sorted(p for p in locked_periods(con) if first <= p <= last)
    if locked and not include_locked:
        months = "、".join(f"{p:%Y-%m}" for p in locked)
        raise BackfillRefused(f"months {months} are locked (their report has gone out); "
                              "pass --include-locked to rebuild them anyway")


def refuse_locked_published(warehouse: Path, first: date, last: date, include_locked: bool) -> None:
    """refuse_locked on the published warehouse, read-only: a command's early answer, before a run starts
    (the run checks again, in its own transaction)."""
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        refuse_locked(con, first, last, include_locked)
    finally:
        con.close()


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
