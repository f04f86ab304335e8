"""Rebuild months of the warehouse from re-read archived files, and say what changed."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from countystat.sources.inbox import ReceivedFile

from .reread import RereadTables
from .sql import statement
from .staging import run_staged, staged


@dataclass(frozen=True)
class ArchivedFile:
    """A file the warehouse received: as received, where its bytes are kept, and when it came."""

    received: ReceivedFile
    archive_path: str
    received_at: datetime
    period: date | None  # the first month it was read as holding, if any


@dataclass(frozen=True)
class ValueChange:
    """One figure a rebuild changed (None: not reported, or no accepted form)."""

    unit_code: str
    period: date
    indicator_code: str
    before: float | None
    after: float | None


@dataclass(frozen=True)
class Changes:
    """What a rebuild changed in its months."""

    values: tuple[ValueChange, ...]
    newly_accepted: tuple[str, ...]   # "file (unit, YYYY-MM)" of submissions accepted now, not before
    newly_rejected: tuple[str, ...]
    otherwise_changed: int            # submissions whose messages changed, or that appeared or went
    submissions: int                  # submissions in the months after the rebuild

    @property
    def months(self) -> tuple[date, ...]:
        """The months whose values changed."""
        return tuple(sorted({v.period for v in self.values}))

    @property
    def nothing(self) -> bool:
        """True when the rebuild left everything as it was."""
        return not (self.values or self.newly_accepted or self.newly_rejected or self.otherwise_changed)


def archived_files(con: duckdb.DuckDBPyConnection, first: date, last: date) -> list[ArchivedFile]:
    """The files to re-read for the months first..last: any with a submission there or in no month."""
    with staged(con, backfill_range=_months(first, last)):
        rows = con.execute(statement("backfill_files")).fetchall()
    return [
        ArchivedFile(ReceivedFile(Path(inbox), name, sha, size, modified), archive, received, period)
        for sha, name, inbox, archive, size, modified, received, period in rows
    ]


def rebuild_months(con: duckdb.DuckDBPyConnection, first: date, last: date, tables: RereadTables) -> Changes:
    """Replace the months' submissions with the re-read ones in one transaction; return the changes.

    Only submissions re-read otherwise than stored are written: the rest stay as they are."""
    with staged(con, backfill_range=_months(first, last), backfill_files=tables.files):
        run_staged(con, {"new_submissions": tables.submissions, "new_values": tables.values}, [
            "backfill_scope", "backfill_changed", "backfill_before", "delete_backfill_values",
            "delete_backfill_submissions", "insert_submissions", "insert_submission_values",
        ])
        return _changes(con)


def _changes(con: duckdb.DuckDBPyConnection) -> Changes:
    """The differences between the kept 'before' tables and the warehouse now (computed in DuckDB)."""
    values = tuple(ValueChange(*row) for row in con.execute(statement("backfill_value_changes")).fetchall())
    accepted, rejected, otherwise = [], [], 0
    for name, unit, period, before, after, messages_changed in con.execute(
            statement("backfill_submission_changes")).fetchall():
        where = f"{name}（{unit or '未识别单位'}，{period:%Y-%m}）" if period else f"{name}（{unit or '未识别单位'}）"
        if after == "accepted" and before != "accepted":
            accepted.append(where)
        elif after == "rejected" and before != "rejected":
            rejected.append(where)
        elif before != after or messages_changed:
            otherwise += 1
    [(count,)] = con.execute(statement("backfill_submission_count")).fetchall()
    return Changes(values, tuple(sorted(accepted)), tuple(sorted(rejected)), otherwise, count)


def _months(first: date, last: date) -> pa.Table:
    """The months first..last as the one-row table the backfill statements read (backfill_range)."""
    return pa.table({"first": pa.array([first], pa.date32()), "last": pa.array([last], pa.date32())})
