"""Load read submissions into the warehouse in one transaction: all of a run, or nothing."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

import duckdb
import pyarrow as pa

from countystat.sources.inbox import ReceivedFile
from countystat.sources.submission import ACCEPTED, HELD, REJECTED, Submission

from .staging import run_staged

SUPERSEDED = "superseded"


@dataclass(frozen=True)
class ReadFile:
    """A received file, where it was archived, and the submissions read from it."""

    received: ReceivedFile
    archive_path: str
    submissions: list[Submission]


@dataclass(frozen=True)
class LoadResult:
    """What a load changed: the run's submissions by status, the earlier ones it superseded, and the
    months whose values changed. superseded counts both: the run's own replaced forms and those of
    earlier runs its forms replaced (superseded_earlier of them)."""

    accepted: int
    rejected: int
    superseded: int
    touched_periods: tuple[date, ...]
    held: int = 0
    superseded_earlier: int = 0


def load_read_files(
    con: duckdb.DuckDBPyConnection, read_files: list[ReadFile], received_at: datetime
) -> LoadResult:
    """Record the files, their submissions and accepted values; later ones supersede earlier."""
    ordered = in_received_order(read_files)
    statuses = statuses_in_order(ordered)
    when = {f.received.sha256: received_at for f in ordered}
    staged = {
        "new_files": _files_table(ordered, received_at),
        "new_submissions": submissions_table(ordered, statuses, when),
        "new_values": values_table(ordered, statuses),
    }
    changed = run_staged(con, staged, [
        "insert_received_files", "insert_submissions", "supersede_older", "insert_submission_values",
    ])
    counts = list(statuses.values())
    earlier = changed["supersede_older"]
    touched = sorted({
        s.period for f in ordered for s in f.submissions
        if statuses[s.submission_id] == ACCEPTED and s.period is not None
    })
    return LoadResult(
        accepted=counts.count(ACCEPTED), rejected=counts.count(REJECTED),
        superseded=counts.count(SUPERSEDED) + earlier, touched_periods=tuple(touched),
        held=counts.count(HELD), superseded_earlier=earlier,
    )


def in_received_order(read_files: list[ReadFile]) -> list[ReadFile]:
    """A run's files in the order they count as received: file modification time, then name."""
    return sorted(read_files, key=lambda f: (f.received.modified_at, f.received.name))


def statuses_in_order(ordered: list[ReadFile]) -> dict[str, str]:
    """Each submission's status, files taken in received order: the last accepted one per unit and month wins."""
    return supersede((s.submission_id, s.status, s.unit_code, s.period) for f in ordered for s in f.submissions)


def supersede(rows: Iterable[tuple[str, str, str | None, date | None]]) -> dict[str, str]:
    """Statuses of (submission_id, status, unit_code, period) rows in received order, an accepted
    one superseded by a later accepted one for the same unit and month."""
    statuses: dict[str, str] = {}
    latest: dict[tuple[str | None, date | None], str] = {}
    for submission_id, status, unit_code, period in rows:
        statuses[submission_id] = status
        if status == ACCEPTED:
            key = (unit_code, period)
            if key in latest:
                statuses[latest[key]] = SUPERSEDED
            latest[key] = submission_id
    return statuses


def _files_table(ordered: list[ReadFile], received_at: datetime) -> pa.Table:
    return pa.table({
        "sha256": [f.received.sha256 for f in ordered],
        "source_file": [f.received.name for f in ordered],
        "inbox_path": [str(f.received.path) for f in ordered],
        "archive_path": [f.archive_path for f in ordered],
        "size_bytes": pa.array([f.received.size for f in ordered], pa.int64()),
        "modified_at": pa.array([f.received.modified_at for f in ordered], pa.timestamp("us")),
        "received_at": pa.array([received_at] * len(ordered), pa.timestamp("us")),
    })


def submissions_table(ordered: list[ReadFile], statuses: dict[str, str], received_at: dict[str, datetime]) -> pa.Table:
    """The submissions rows to stage; received_at maps each file's sha256 to the run that first saw it."""
    subs = [(f, s) for f in ordered for s in f.submissions]
    return pa.table({
        "submission_id": [s.submission_id for _, s in subs],
        "source_file": [s.source_file for _, s in subs],
        "sha256": [s.sha256 for _, s in subs],
        "unit_code": pa.array([s.unit_code for _, s in subs], pa.string()),
        "period": pa.array([s.period for _, s in subs], pa.date32()),
        "status": [statuses[s.submission_id] for _, s in subs],
        "messages": pa.array([s.messages() for _, s in subs], pa.list_(pa.string())),
        "received_at": pa.array([received_at[f.received.sha256] for f, _ in subs], pa.timestamp("us")),
        "modified_at": pa.array([f.received.modified_at for f, _ in subs], pa.timestamp("us")),
    })


def values_table(ordered: list[ReadFile], statuses: dict[str, str]) -> pa.Table:
    """The submission_values rows to stage: every value of a submission that was not rejected."""
    kept = [s for read in ordered for s in read.submissions if statuses[s.submission_id] != "rejected"]
    ids = [s.submission_id for s in kept for _ in s.values]
    codes, values, sheets, cells = zip(*(v for s in kept for v in s.values)) if ids else ((), (), (), ())
    return pa.table({
        "submission_id": pa.array(ids, pa.string()),
        "indicator_code": pa.array(codes, pa.string()),
        "value": pa.array(values, pa.float64()),
        "source_sheet": pa.array(sheets, pa.string()),
        "source_cell": pa.array(cells, pa.string()),
    })
