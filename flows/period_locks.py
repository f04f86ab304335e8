"""Lock and unlock a half-year's months once its report has gone out: recorded, published atomically."""
from __future__ import annotations

from datetime import date, datetime

from countystat.reports.halves import parse_half
from countystat.sources.receipts import append_events, lock_event
from countystat.sources.home import Home
from countystat.warehouse.locks import lock_periods, unlock_periods
from countystat.warehouse.past_log import ensure_log
from countystat.warehouse.publish import building, commit_build
from countystat.warehouse.store import open_warehouse

from .ops.run_lock import run_lock


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
