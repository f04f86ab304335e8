"""Lock and unlock months once their half-year report has gone out: recorded in the warehouse and the
archive's log, published atomically. The caller holds the home's run lock (the command does)."""
from __future__ import annotations

from datetime import date, datetime

from countystat.sources.home import Home
from countystat.sources.receipts import append_events, lock_event

from .locks import lock_periods, unlock_periods
from .past_log import ensure_log
from .publish import building, commit_build
from .store import open_warehouse


def change_locks(home: Home, months: list[date], lock: bool, by: str, reason: str) -> list[date]:
    """Lock (or unlock) the months; return those whose state changed."""
    with building(home.root) as build:
        at = datetime.now().replace(microsecond=0)
        with open_warehouse(build.db) as con:
            ensure_log(home.archive, con, home.inbox)
            changed = (lock_periods if lock else unlock_periods)(con, months, by, reason, at)
        if changed:
            append_events(home.archive, [lock_event(p, lock, at, by, reason) for p in changed])
            commit_build(build)
    return changed
