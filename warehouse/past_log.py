"""The archive's log written once, for a home from before it, from the warehouse's own record."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from countystat.sources.inbox import ReceivedFile
from countystat.sources.receipts import append_events, lock_event, log_path, receipt

from .sql import statement

FROM_WAREHOUSE = "from-warehouse"  # the run named by receipts written from the warehouse's record


def past_events(con: duckdb.DuckDBPyConnection, inbox: Path) -> list[dict[str, Any]]:
    """The received files and lock events the warehouse records, as log lines in the order they
    happened (by their times). The warehouse does not record which backfills loaded held forms, so
    each receipt carries the months held for it as the warehouse stands ("held"), and a replay takes
    those rather than the locks of the time."""
    timed: list[tuple[Any, int, dict[str, Any]]] = []
    for sha, name, where, size, modified, received_at, held in con.execute(statement("received_files_in_order")).fetchall():
        received = ReceivedFile(Path(where), name, sha, size, modified)
        line = receipt(received, inbox, received_at, FROM_WAREHOUSE) | {"held": [f"{m:%Y-%m}" for m in held]}
        timed.append((received_at, 0, line))
    for period, action, at, by, reason in con.execute(statement("lock_events_in_order")).fetchall():
        timed.append((at, 1, lock_event(period, action == "lock", at, by, reason)))
    timed.sort(key=lambda item: (item[0], item[1]))
    return [event for _, _, event in timed]


def ensure_log(archive: Path, con: duckdb.DuckDBPyConnection, inbox: Path) -> int:
    """Write the log from the warehouse's record if the archive has none yet; return the lines written."""
    if log_path(archive).exists():
        return 0
    return append_events(archive, past_events(con, inbox))
