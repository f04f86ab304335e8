"""The backfill pipeline: re-read the archived files of some months with today's code, rebuild them.

`backfill` runs the steps in order, as plain functions unless given `BackfillSteps` that run them
otherwise (the flow passes Prefect tasks, and reads on threads or Dask): one sequence, wherever it
runs. It takes no run lock: its caller holds the home (the flow does).
"""
from __future__ import annotations

import pickle
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from countystat.sources.catalog import Catalog
from countystat.sources.home import Home, reference
from countystat.sources.receipts import append_events, backfill_event
from countystat.sources.units import UnitRegistry

from .archived_reads import BATCH_SIZE, READ_WORKERS, Batch, batches, read_archived
from .locks import refuse_locked
from .parquet_export import export_months, partition_path
from .past_log import ensure_log
from .publish import Build, begin_build, building, commit_build
from .rebuild import ArchivedFile, Changes, archived_files, rebuild_months
from .reread import RereadBatch, RereadTables, reread_batch, reread_tables
from .reread_history import with_history_warnings
from .store import open_warehouse, refresh_reference
from .worker_processes import spawned_pool

MonthBatches = list[tuple[str, list[Batch]]]  # ("2020-06", its files in batches), months in order
ReadBatches = Callable[[MonthBatches, Home, date], list[RereadBatch]]  # every batch read, in order
PROCESSES_FROM = 400  # files: fewer are read here, sparing the workers' start (imports, catalog, registry)
BatchRead = Callable[[str, int], None]  # (its month, its files): called as each batch is read, in order
Pool = Callable[[int], AbstractContextManager[Executor]]  # (workers wanted) -> worker processes, shut down on exit


@dataclass(frozen=True)
class BackfillSummary:
    """What a backfill re-read and what it changed."""

    first: date
    last: date
    files: int
    changes: Changes
    published: bool
    written: tuple[Path, ...] = ()  # what was published: the warehouse and the Parquet months rewritten


def check_locks(build: Build, first: date, last: date, include_locked: bool) -> None:
    """BackfillRefused if months first..last include locked ones and they are not included."""
    with open_warehouse(build.db) as con:
        refuse_locked(con, first, last, include_locked)


def files_to_reread(home: Home, build: Build, first: date, last: date) -> list[ArchivedFile]:
    """The archived files of the months (a home from before the archive's log first has it written
    from the warehouse's record)."""
    with open_warehouse(build.db) as con:
        ensure_log(home.archive, con, home.inbox)
        return archived_files(con, first, last)


def month_batches(files: list[ArchivedFile], size: int = BATCH_SIZE) -> MonthBatches:
    """The files by month (in month order), each month's in batches of at most `size`."""
    by_month: dict[str, Batch] = {}
    for f in files:
        month = f"{f.period:%Y-%m}" if f.period else "未识别月份"
        by_month.setdefault(month, []).append((f.received, Path(f.archive_path)))
    return [(month, batches(pairs, size=size)) for month, pairs in sorted(by_month.items())]


def reread(batch: Batch, home: Home, today: date) -> RereadBatch:
    """Read and validate a batch of archived files, handed back as Arrow tables (deterministic)."""
    return reread_batch(read_archived(batch, home, today))


def reread_packed(packed: bytes) -> RereadBatch:
    """reread() of (batch, home, today) handed over pickled as one bytes object: a Dask scheduler, which
    unpickles what it is given, passes bytes on as they are instead of rebuilding every file's paths."""
    return reread(*pickle.loads(packed))


def read_in_process(months: MonthBatches, home: Home, today: date) -> list[RereadBatch]:
    """Read every batch one after another, in this process."""
    return [reread(batch, home, today) for _, month in months for batch in month]


def read_in_processes(months: MonthBatches, home: Home, today: date, batch_read: BatchRead | None = None,
                      workers: int = READ_WORKERS, least: int = PROCESSES_FROM,
                      pool: Pool = spawned_pool) -> list[RereadBatch]:
    """Read every batch in `workers` processes (the read is Python-bound: threads would share one
    core), each handing its batch back as Arrow tables; batch_read is called as each is in, in order.

    Each process reads the catalog and registry once; fewer than `least` files are read here. pool
    gives the processes (spawned here, or a Dask cluster's workers: see flows/ops/runners.py).
    """
    work = [(name, batch) for name, month in months for batch in month]
    if workers < 2 or len(work) < 2 or sum(len(batch) for _, batch in work) < least:
        return _in_order(work, (reread(batch, home, today) for _, batch in work), batch_read)
    with pool(min(workers, len(work))) as executor:
        futures = [executor.submit(reread_packed, pickle.dumps((batch, home, today))) for _, batch in work]
        return _in_order(work, (future.result() for future in futures), batch_read)


def _in_order(work: list[tuple[str, Batch]], results: Iterator[RereadBatch],
              batch_read: BatchRead | None) -> list[RereadBatch]:
    read = []
    for (name, batch), result in zip(work, results):
        read.append(result)
        if batch_read:
            batch_read(name, len(batch))
    return read


def stage(files: list[ArchivedFile], read: list[RereadBatch], first: date, last: date) -> RereadTables:
    """The batches' tables in received order, scoped to the months, superseded submissions marked."""
    return reread_tables([(f.received.sha256, f.received_at, f.received.modified_at) for f in files], read, first, last)


def check_history(build: Build, tables: RereadTables, catalog: Catalog, months: tuple[date, date]) -> RereadTables:
    """The tables with the spike and 本年累计 warnings added, judging the months by what was re-read."""
    with open_warehouse(build.db) as con:
        return with_history_warnings(con, tables, catalog, months)


def rebuild(build: Build, first: date, last: date, tables: RereadTables, catalog: Catalog,
            registry: UnitRegistry) -> Changes:
    """Replace the months in the new version and rewrite the Parquet months whose values changed."""
    with open_warehouse(build.db) as con:
        refresh_reference(con, catalog, registry)
        changes = rebuild_months(con, first, last, tables)
        export_months(con, build.parquet, list(changes.months))
    return changes


def log_backfill(home: Home, first: date, last: date, include_locked: bool, run: str) -> int:
    """Record the backfill in the archive's log: the months' held forms load now, and a rebuild must know it."""
    return append_events(home.archive, [backfill_event(first, last, include_locked, run)])


@dataclass(frozen=True)
class BackfillSteps:
    """How each step of a backfill runs: the plain functions, unless replaced (by Prefect tasks)."""

    start_build: Callable[[Path], Build] = begin_build
    check_locks: Callable[[Build, date, date, bool], None] = check_locks
    files_to_reread: Callable[[Home, Build, date, date], list[ArchivedFile]] = files_to_reread
    batch_size: int = BATCH_SIZE
    read_batches: ReadBatches = read_in_process
    stage: Callable[[list[ArchivedFile], list[RereadBatch], date, date], RereadTables] = stage
    check_history: Callable[[Build, RereadTables, Catalog, tuple[date, date]], RereadTables] = check_history
    rebuild: Callable[..., Changes] = rebuild
    log_backfill: Callable[[Home, date, date, bool, str], int] = log_backfill
    publish: Callable[[Build], Any] = commit_build


def backfill(home: Home, first: date, last: date, today: date, include_locked: bool = False,
             run: str = "backfill", steps: BackfillSteps = BackfillSteps()) -> BackfillSummary:
    """Re-read the archived files of months first..last with today's catalog, registry and code,
    rebuild those months and their Parquet partitions, and report what changed.

    Running it twice changes nothing the second time: an unchanged warehouse is not republished.
    """
    catalog, registry = reference(home)
    with building(home.root, steps.start_build) as build:
        steps.check_locks(build, first, last, include_locked)
        files = steps.files_to_reread(home, build, first, last)
        read = steps.read_batches(month_batches(files, steps.batch_size), home, today)
        tables = steps.stage(files, read, first, last)
        del read
        tables = steps.check_history(build, tables, catalog, (first, last))
        changes = steps.rebuild(build, first, last, tables, catalog, registry)
        if not changes.nothing:
            steps.log_backfill(home, first, last, include_locked, run)  # before publishing
            steps.publish(build)
    written = () if changes.nothing else published_files(home, changes.months)
    return BackfillSummary(first, last, len(files), changes, not changes.nothing, written)


def published_files(home: Home, months: tuple[date, ...]) -> tuple[Path, ...]:
    """The published warehouse file and the Parquet files of these months that hold values, under the home's
    published names (what readers open)."""
    parts = (partition_path(home.parquet, m) for m in months)
    return (home.warehouse, *(p for p in parts if p.exists()))
