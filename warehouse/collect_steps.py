"""The steps of a collect, each a plain function taking its inputs and returning its result.

The flow runs each as a Prefect task (retries, logs); `collect_pipeline.collect` runs them in order.
None changes what it is given: the steps that add warnings or holds return new read files.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from countystat.sources.archive import archive_file
from countystat.sources.catalog import Catalog
from countystat.sources.history_rules import add_past_warnings
from countystat.sources.home import Home
from countystat.sources.inbox import ReceivedFile, distinct_new, scan_inbox
from countystat.sources.inbox_memo import MEMO_NAME, HashMemo
from countystat.sources.receipts import append_events, receipt
from countystat.sources.run_report import problem_rows, write_run_report
from countystat.sources.sendback import write_sendback
from countystat.sources.submission import HELD, REJECTED
from countystat.sources.units import UnitRegistry

from .archived_reads import Batch
from .history import suspects_on_record
from .load import LoadResult, ReadFile, in_received_order, load_read_files
from .locks import locked_periods
from .parquet_export import export_months
from .past_log import ensure_log
from .publish import Build
from .status import UnattributedFile, UnitStatus, month_status, unattributed_rejections
from .store import known_sha256, open_warehouse, read_only_warehouse, refresh_reference
from .unresolved_labels import months_now_resolved, unresolved_labels


def find_new_files(home: Home, build: Build) -> tuple[int, list[ReceivedFile]]:
    """How many files the inbox holds, and those whose content the warehouse has not received before
    (a home from before the archive's log first has it written from the warehouse's record). Files the
    memo knows unchanged since a run hashed them are not read again (sources/inbox_memo.py)."""
    files = scan_inbox(home.inbox, HashMemo(home.root / MEMO_NAME))
    with open_warehouse(build.db) as con:
        ensure_log(home.archive, con, home.inbox)
        known = known_sha256(con)
    return len(files), distinct_new(files, known)


def archive_files(home: Home, files: list[ReceivedFile]) -> Batch:
    """Copy each new file into the archive, untouched."""
    archive = home.archive
    return [(f, archive_file(archive, f)) for f in files]


def check_against_history(build: Build, read_files: list[ReadFile], catalog: Catalog) -> list[ReadFile]:
    """The read files with warnings where a month is far above the unit's own recent months (the spike
    rule), or where its 本年累计 differs from the months on record. The warehouse computes the rules'
    figures for the batch's months and which submissions they might warn about; only those are judged
    here. The check costs what the batch holds, not the history."""
    checked = _copied(read_files)
    subs = [s for r in in_received_order(checked) for s in r.submissions]
    with read_only_warehouse(build.db) as con:  # migrated by find_new_files
        suspects, figures = suspects_on_record(con, subs)
    add_past_warnings(suspects, figures, catalog)  # on the copies
    return checked


def hold_locked_months(build: Build, read_files: list[ReadFile]) -> list[ReadFile]:
    """The read files with the accepted submissions for locked months held: archived and recorded, not loaded.
    Only a file with a submission for a locked month is copied to hold it; the others are handed on as given."""
    with read_only_warehouse(build.db) as con:  # migrated by find_new_files
        locked = locked_periods(con)
    held = []
    for read in read_files:
        if any(s.period in locked for s in read.submissions):
            read = _copied([read])[0]
            for sub in read.submissions:
                sub.hold(locked)  # on the copy
        held.append(read)
    return held


def load_warehouse(
    build: Build, read_files: list[ReadFile], received_at: datetime, catalog: Catalog, registry: UnitRegistry,
) -> LoadResult:
    """Load every read file in one transaction and refresh the reference tables."""
    with open_warehouse(build.db) as con:
        refresh_reference(con, catalog, registry)
        return load_read_files(con, read_files, received_at)


def export_parquet(build: Build, periods: tuple[date, ...]) -> int:
    """Rewrite the Parquet partitions of the months this run changed, in the new version."""
    with read_only_warehouse(build.db) as con:  # loaded by load_warehouse; only read here
        return len(export_months(con, build.parquet, list(periods)))


def write_sendbacks(home: Home, read_files: list[ReadFile], registry: UnitRegistry) -> list[Path]:
    """A send-back workbook for each rejected submission, in reports/sendback/<YYYY-MM>/<unit>/."""
    written = []
    for read in read_files:
        for sub in read.submissions:
            if sub.status != REJECTED:
                continue
            month = f"{sub.period:%Y-%m}" if sub.period else "unknown"
            unit = registry.get(sub.unit_code) if sub.unit_code else None
            folder = home.reports / "sendback" / month / (unit.name_zh if unit else "未识别单位")
            written.append(write_sendback(Path(read.archive_path), sub, folder, unit.name_zh if unit else None))
    return written


def log_receipts(home: Home, read_files: list[ReadFile], received_at: datetime, run: str) -> int:
    """Append a line per new file to the archive's log, with the months held for it (locked), fsync'ed,
    before the run publishes; return how many."""
    inbox = home.inbox
    return append_events(home.archive, [
        receipt(r.received, inbox, received_at, run)
        | {"held": sorted({f"{s.period:%Y-%m}" for s in r.submissions if s.status == HELD})}
        for r in read_files
    ])


def write_problem_report(home: Home, read_files: list[ReadFile], registry: UnitRegistry, run: str) -> Path | None:
    """Every problem of the forms read, by unit and cell, in a new CSV under reports/runs/ (none when
    nothing was read): the command line names it and prints only the first few."""
    if not read_files:
        return None
    subs = [s for r in in_received_order(read_files) for s in r.submissions]
    return write_run_report(home.reports / "runs", run, datetime.now(), problem_rows(subs, registry))


def completeness(home: Home, month: date) -> tuple[list[UnitStatus], list[UnattributedFile]]:
    """Each unit's status for the month, and rejected files tied to no unit, as published."""
    if not home.warehouse.exists():
        return [], []
    with read_only_warehouse(home.warehouse) as con:
        return month_status(con, month), unattributed_rejections(con, month)


def months_to_reread(home: Home, catalog: Catalog) -> tuple[list[date], list[date]]:
    """The months whose rejected submissions a label approved since (`countystat labels approve`) now
    resolves, as (unlocked, locked), as published."""
    if not home.warehouse.exists():
        return [], []
    with read_only_warehouse(home.warehouse) as con:
        months = months_now_resolved(unresolved_labels(con), catalog)
        locked = locked_periods(con) if months else set()
    return [m for m in months if m not in locked], [m for m in months if m in locked]


def month_runs(months: list[date]) -> list[tuple[date, date]]:
    """Sorted months as (first, last) runs of consecutive months: 2020-01, 02, 05 -> (01, 02), (05, 05)."""
    runs: list[tuple[date, date]] = []
    for month in months:
        if runs and (runs[-1][1].year * 12 + runs[-1][1].month + 1) == month.year * 12 + month.month:
            runs[-1] = (runs[-1][0], month)
        else:
            runs.append((month, month))
    return runs


def _copied(read_files: list[ReadFile]) -> list[ReadFile]:
    """The read files with copies of their submissions (and of their problem lists) to add to."""
    return [replace(r, submissions=[replace(s, problems=list(s.problems)) for s in r.submissions])
            for r in read_files]
