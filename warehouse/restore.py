"""A whole warehouse from the archive's log and its files: what `countystat rebuild` writes.

The log says which files came, as what, when and in which order, and which months were locked
when each came (its forms for them are held) until a backfill rebuilt those months. The files are
re-read with today's code (the backfill's machinery: reread.py, rebuild.py), in received order.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from countystat.sources.catalog import Catalog
from countystat.sources.inbox import ReceivedFile
from countystat.sources.receipts import BACKFILL, LABEL_APPROVED, LOCK, RECEIVED, UNLOCK, ArchiveLog, month_of
from countystat.sources.units import UnitRegistry

from .locks import lock_periods, unlock_periods
from .parquet_export import export_months
from .past_log import FROM_WAREHOUSE
from .rebuild import Changes, rebuild_months
from .reread import RereadBatch, reread_tables
from .reread_history import with_history_warnings
from .staging import run_staged
from .store import refresh_reference, set_deadline_day

ALL_MONTHS = (date(1, 1, 1), date(9999, 12, 1))  # a rebuild's range: every month, and forms in none


@dataclass(frozen=True)
class LoggedFile:
    """A file as the log records it: as received, when, and the months held for it (locked when it
    came, and not rebuilt by a backfill since)."""

    received: ReceivedFile
    received_at: datetime
    run: str
    held: frozenset[date]


@dataclass(frozen=True)
class LockEvent:
    """A month locked or unlocked, as logged."""

    period: date
    lock: bool
    at: datetime
    by: str
    reason: str


@dataclass(frozen=True)
class History:
    """What the log says happened: the files in received order, the lock events, the approved labels."""

    files: tuple[LoggedFile, ...]
    locks: tuple[LockEvent, ...]
    approvals: tuple[tuple[str, str], ...]  # (label, indicator_code)


def history(log: ArchiveLog, inbox: Path) -> History:
    """Replay the log's events in order (a pure transform); a file logged twice counts as its last receipt."""
    files: dict[str, dict] = {}
    held: dict[str, set[date]] = {}
    locked: set[date] = set()
    locks, approvals = [], []
    for event in log.events:
        kind = event["event"]
        if kind == RECEIVED:
            files.pop(event["sha256"], None)  # a run that logged it never published: the later receipt counts
            files[event["sha256"]] = event
            recorded = {month_of(m) for m in event.get("held", [])}
            # a receipt written from the warehouse's record: its lock events are placed by time only,
            # so the months it says were held are the truth; otherwise every month locked then is
            # (today's code may read the file as another month than the run did)
            held[event["sha256"]] = recorded if event.get("run") == FROM_WAREHOUSE else set(locked) | recorded
        elif kind in (LOCK, UNLOCK):
            period = month_of(event["period"])
            (locked.add if kind == LOCK else locked.discard)(period)
            locks.append(LockEvent(period, kind == LOCK, datetime.fromisoformat(event["at"]), event["by"],
                                   event["reason"]))
        elif kind == BACKFILL:
            first, last = month_of(event["first"]), month_of(event["last"])
            for months in held.values():
                months.difference_update({m for m in months if first <= m <= last})
        elif kind == LABEL_APPROVED:
            approvals.append((event["label"], event["indicator_code"]))
    logged = [
        LoggedFile(
            ReceivedFile(inbox / e["inbox_path"], e["name"], sha, int(e["size"]),
                         datetime.fromisoformat(e["modified_at"])),
            datetime.fromisoformat(e["received_at"]), e.get("run", ""), frozenset(held[sha]))
        for sha, e in files.items()
    ]
    logged.sort(key=lambda f: (f.received_at, f.received.modified_at, f.received.name))
    return History(tuple(logged), tuple(locks), tuple(approvals))


def restore_warehouse(
    con: duckdb.DuckDBPyConnection, parquet: Path, files: list[tuple[LoggedFile, str]], read: list[RereadBatch],
    locks: tuple[LockEvent, ...], catalog: Catalog, registry: UnitRegistry, deadline_day: int | None,
) -> Changes:
    """Fill an empty warehouse: the files received (with their archived paths), the lock events, every
    submission re-read (read: their batches, in any order), the history warnings, and the Parquet tree."""
    refresh_reference(con, catalog, registry)
    if deadline_day is not None:
        set_deadline_day(con, deadline_day)
    run_staged(con, {"new_files": _files_table(files)}, ["insert_received_files"])
    for event in locks:
        (lock_periods if event.lock else unlock_periods)(con, [event.period], event.by, event.reason, event.at)
    order = [(f.received.sha256, f.received_at, f.received.modified_at) for f, _ in files]
    tables = with_history_warnings(con, reread_tables(order, read, *ALL_MONTHS), catalog, ALL_MONTHS)
    changes = rebuild_months(con, *ALL_MONTHS, tables)
    export_months(con, parquet, list(changes.months))
    return changes


def _files_table(files: list[tuple[LoggedFile, str]]) -> pa.Table:
    return pa.table({
        "sha256": pa.array([f.received.sha256 for f, _ in files], pa.string()),
        "source_file": pa.array([f.received.name for f, _ in files], pa.string()),
        "inbox_path": pa.array([str(f.received.path) for f, _ in files], pa.string()),
        "archive_path": pa.array([path for _, path in files], pa.string()),
        "size_bytes": pa.array([f.received.size for f, _ in files], pa.int64()),
        "modified_at": pa.array([f.received.modified_at for f, _ in files], pa.timestamp("us")),
        "received_at": pa.array([f.received_at for f, _ in files], pa.timestamp("us")),
    })
