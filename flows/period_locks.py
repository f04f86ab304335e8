"""Lock and unlock a half-year's months once its report has gone out: recorded, published atomically."""
from __future__ import annotations

from datetime import date, datetime

import duckdb

from countystat.reports.halves import parse_half
from countystat.sources.receipts import append_events, lock_event
from countystat.warehouse.locks import lock_periods, locked_periods, unlock_periods
from countystat.warehouse.past_log import ensure_log
from countystat.warehouse.publish import building, commit_build
from countystat.warehouse.store import open_warehouse

from .home import Home
from .run_lock import BackfillRefused, run_lock


def change_locks(home: Home, half: str, lock: bool, by: str, reason: str, wait_for_lock: float = 0) -> list[date]:
    """Lock (or unlock) the half's six months; return the months whose state changed."""
    months = parse_half(half).months
    with run_lock(home.root, "lock" if lock else "unlock", wait_for_lock):
        with building(home.root) as build:
            at = datetime.now().replace(microsecond=0)
            with open_warehouse(build.db) as con:
                ensure_log(home.archive, con, home.inbox)
                changed = (lock_periods if lock else unlock_periods)(con, months, by, reason, at)
            if changed:
                append_events(home.archive, [lock_event(p, lock, at, by, reason) for p in changed])
                commit_build(build)
    return changed


def refuse_locked(con: duckdb.DuckDBPyConnection, first: date, last: date, include_locked: bool) -> None:
    """Raise BackfillRefused when months first..last include locked ones and they are not included."""
    locked = sorted(p for p in locked_periods(con) if first <= p <= last)
    if locked and not include_locked:
        months = "、".join(f"{p:%Y-%m}" for p in locked)
        raise BackfillRefused(f"months {months} are locked (their report has gone out); "
                              "pass --include-locked to rebuild them anyway")
