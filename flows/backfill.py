"""The backfill flow: re-read the archived files of some months with today's code, rebuild them."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NONE
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from countystat.sources.catalog import Catalog
from countystat.sources.inbox import ReceivedFile
from countystat.sources.receipts import append_events, backfill_event
from countystat.sources.units import UnitRegistry
from countystat.warehouse.parquet_export import export_months
from countystat.warehouse.past_log import ensure_log
from countystat.warehouse.publish import Build, building
from countystat.warehouse.rebuild import ArchivedFile, Changes, archived_files, rebuild_months
from countystat.warehouse.reread import RereadBatch, RereadTables, reread_batch, reread_tables, with_history_warnings
from countystat.warehouse.store import open_warehouse, refresh_reference

from .collect import BATCH_SIZE, READ_WORKERS, batches, publish, read_archived, start_build
from .home import Home
from .months import parse_month
from .period_locks import refuse_locked
from .reference import reference
from .run_lock import SCHEDULED_WAIT, run_lock
from .runners import task_runner
from .summary import backfill_markdown

BATCH_SIZES = {"dask": 600}  # files per read task by runner: a Dask task run costs more than a thread's
Progress = Callable[[int, int], None]  # (files read so far, files in all)
_progress: list[Progress] = []  # set by the command line around an in-process run; nothing else reads it


@dataclass(frozen=True)
class BackfillSummary:
    """What a backfill re-read and what it changed."""

    first: date
    last: date
    files: int
    changes: Changes
    published: bool


def report_progress(callback: Progress | None) -> None:
    """Have in-process backfill runs call back as files are read (the CLI's progress bar); None stops it."""
    _progress.clear()
    if callback is not None:
        _progress.append(callback)


@task(cache_policy=NONE)
def files_to_reread(home: Home, build: Build, first: date, last: date, include_locked: bool) -> list[ArchivedFile]:
    """The archived files of the months, refusing locked months unless they are included (a home from
    before the archive's log first has it written from the warehouse's record)."""
    with open_warehouse(build.db) as con:
        refuse_locked(con, first, last, include_locked)
        ensure_log(home.archive, con, home.inbox)
        return archived_files(con, first, last)


@task(cache_policy=NONE)
def reread(batch: list[tuple[ReceivedFile, Path]], home: Home, today: date) -> RereadBatch:
    """Read and validate a batch of archived files, handed back as Arrow tables (deterministic: no retries)."""
    return reread_batch(read_archived(batch, home, today))


@task(cache_policy=NONE)
def stage(files: list[ArchivedFile], read: list[RereadBatch], first: date, last: date) -> RereadTables:
    """The batches' tables in received order, scoped to the months, superseded submissions marked."""
    return reread_tables([(f.received.sha256, f.received_at, f.received.modified_at) for f in files], read, first, last)


@task(cache_policy=NONE)
def check_history(build: Build, tables: RereadTables, catalog: Catalog, months: tuple[date, date]) -> RereadTables:
    """Add the spike and 本年累计 warnings, judging the months by what was re-read."""
    with open_warehouse(build.db) as con:
        return with_history_warnings(con, tables, catalog, months)


@task(cache_policy=NONE)
def rebuild(build: Build, first: date, last: date, tables: RereadTables, catalog: Catalog,
            registry: UnitRegistry) -> Changes:
    """Replace the months in the new version and rewrite the Parquet months whose values changed."""
    with open_warehouse(build.db) as con:
        refresh_reference(con, catalog, registry)
        changes = rebuild_months(con, first, last, tables)
        export_months(con, build.parquet, list(changes.months))
    return changes


@flow(name="backfill", task_runner=ThreadPoolTaskRunner(max_workers=READ_WORKERS))
def backfill(
    home: str, first: str, last: str, include_locked: bool = False, runner: str = "threads",
    dask_address: str | None = None, wait_for_lock: float = SCHEDULED_WAIT,
) -> BackfillSummary:
    """Re-read the archived files of months first..last (YYYY-MM) with today's catalog, registry and
    code, rebuild those months and their Parquet partitions, and report what changed.

    Running it twice changes nothing the second time. runner is "threads" (this machine) or "dask"
    (a LocalCluster, or the cluster at dask_address).
    """
    where = Home(Path(home))
    start, end = parse_month(first), parse_month(last)
    catalog, registry = reference(where)
    logger = get_run_logger()
    with run_lock(where.root, "backfill", wait_for_lock):
        with building(where.root, start_build) as build:
            files = files_to_reread(where, build, start, end, include_locked)
            read = _read_all(files, where, runner, dask_address, logger)
            tables = stage(quote(files), quote(read), start, end)
            del read
            tables = check_history(build, quote(tables), quote(catalog), (start, end))
            changes = rebuild(build, start, end, quote(tables), quote(catalog), quote(registry))
            if not changes.nothing:  # idempotent: an unchanged warehouse is not republished
                # logged before publishing: the months' held forms load now, and a rebuild must know it
                append_events(where.archive, [backfill_event(start, end, include_locked,
                                                             f"backfill {flow_run.id or ''}".strip())])
                publish(build)
    summary = BackfillSummary(start, end, len(files), changes, not changes.nothing)
    create_markdown_artifact(backfill_markdown(summary), key=f"backfill-{start:%Y-%m}-{end:%Y-%m}",
                             description="countystat backfill changes")
    return summary


def _read_all(files: list[ArchivedFile], home: Home, runner: str, dask_address: str | None,
              logger: logging.Logger | logging.LoggerAdapter) -> list[RereadBatch]:
    """Read every file in batches on the chosen runner, logging each month as its files are read."""
    by_month: dict[str, list[tuple[ReceivedFile, Path]]] = {}
    for f in files:
        month = f"{f.period:%Y-%m}" if f.period else "未识别月份"
        by_month.setdefault(month, []).append((f.received, Path(f.archive_path)))
    today, total, done, read = date.today(), len(files), 0, []
    with task_runner(runner, dask_address) as pool:
        submitted = [
            (month, len(pairs), [(pool.submit(reread, {"batch": b, "home": home, "today": today}), len(b))
                                 for b in batches(pairs, size=BATCH_SIZES.get(runner, BATCH_SIZE))])
            for month, pairs in sorted(by_month.items())
        ]
        for month, count, futures in submitted:
            for future, size in futures:
                read.append(future.result())
                done += size
                for callback in _progress:
                    callback(done, total)
            logger.info("%s: re-read %d files (%d of %d)", month, count, done, total)
    return read
