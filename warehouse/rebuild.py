"""Rebuild months of the warehouse from re-read archived files, and say what changed."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from countystat.sources.inbox import ReceivedFile

from .load import ReadFile, statuses_in_order, submissions_table, values_table
from .sql import statement
from .staging import run_staged


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
    rows = _with_range(con, first, last, lambda: con.execute(statement("backfill_files")).fetchall())
    return [
        ArchivedFile(ReceivedFile(Path(inbox), name, sha, size, modified), archive, received, period)
        for sha, name, inbox, archive, size, modified, received, period in rows
    ]


def rebuild_months(
    con: duckdb.DuckDBPyConnection, first: date, last: date, files: list[ArchivedFile], read_files: list[ReadFile]
) -> Changes:
    """Replace the months' submissions with the re-read ones in one transaction; return the changes.

    Submissions the re-read files now place outside first..last are left out: a backfill over
    those months takes them.
    """
    received_at = {f.received.sha256: f.received_at for f in files}
    order = {f.received.sha256: n for n, f in enumerate(files)}  # received order, as archived_files gives
    ordered = sorted(read_files, key=lambda r: order[r.received.sha256])
    scoped = [
        ReadFile(r.received, r.archive_path,
                 [s for s in r.submissions if s.period is None or first <= s.period <= last])
        for r in ordered
    ]
    statuses = statuses_in_order(scoped)
    staged_files = pa.table({"sha256": pa.array([f.received.sha256 for f in files], pa.string())})

    def replace() -> tuple[dict, dict, dict, dict]:
        con.register("backfill_files", staged_files)
        try:
            values_before, subs_before = _snapshot(con)
            run_staged(con, {
                "new_submissions": submissions_table(scoped, statuses, received_at),
                "new_values": values_table(scoped, statuses),
            }, ["backfill_scope", "delete_backfill_values", "delete_backfill_submissions",
                "insert_submissions", "insert_submission_values"])
            return values_before, subs_before, *_snapshot(con)
        finally:
            con.unregister("backfill_files")

    values_before, subs_before, values_after, subs_after = _with_range(con, first, last, replace)
    return _changes(values_before, values_after, subs_before, subs_after)


def _snapshot(con: duckdb.DuckDBPyConnection) -> tuple[dict, dict]:
    values = {(u, p, c): v for u, p, c, v in con.execute(statement("backfill_snapshot_values")).fetchall()}
    subs = {row[0]: row[1:] for row in con.execute(statement("backfill_snapshot_submissions")).fetchall()}
    return values, subs


def _changes(values_before: dict, values_after: dict, subs_before: dict, subs_after: dict) -> Changes:
    changed = tuple(
        ValueChange(*key, values_before.get(key), values_after.get(key))
        for key in sorted(values_before.keys() | values_after.keys(), key=repr)
        if values_before.get(key) != values_after.get(key)
    )

    def status(subs: dict, sid: str) -> str | None:
        return subs[sid][3] if sid in subs else None

    def described(sid: str) -> str:
        name, unit, period, _status, _messages = subs_after[sid]
        return f"{name}（{unit or '未识别单位'}，{period:%Y-%m}）" if period else f"{name}（{unit or '未识别单位'}）"

    accepted = tuple(described(s) for s in subs_after
                     if status(subs_after, s) == "accepted" and status(subs_before, s) != "accepted")
    rejected = tuple(described(s) for s in subs_after
                     if status(subs_after, s) == "rejected" and status(subs_before, s) != "rejected")
    messages = sum(1 for s, row in subs_after.items()
                   if s in subs_before and status(subs_before, s) == row[3] and list(subs_before[s][4]) != list(row[4]))
    added_or_gone = len(subs_before.keys() ^ subs_after.keys())
    return Changes(changed, tuple(sorted(accepted)), tuple(sorted(rejected)), messages + added_or_gone,
                   len(subs_after))


def _with_range(con: duckdb.DuckDBPyConnection, first: date, last: date, work):  # type: ignore[no-untyped-def]
    """Run work() with the months staged as backfill_range."""
    con.register("backfill_range", pa.table({"first": pa.array([first], pa.date32()),
                                             "last": pa.array([last], pa.date32())}))
    try:
        return work()
    finally:
        con.unregister("backfill_range")
