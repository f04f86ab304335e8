"""The backfill pipeline's steps as Prefect tasks, reading in worker processes here or on Dask: for the
backfill flow, and for the collect flow when it re-reads months for approved labels."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from prefect import get_run_logger
from prefect.artifacts import create_markdown_artifact

from countystat.sources.home import Home
from countystat.warehouse import backfill_pipeline as pipeline
from countystat.warehouse.archived_reads import READ_WORKERS
from countystat.warehouse.backfill_pipeline import BackfillSteps, BackfillSummary, MonthBatches, Pool, ReadBatches
from countystat.warehouse.reread import RereadBatch

from .artifacts import backfill_lines, backfill_markdown
from .ops.run_log import log_lines
from .tasks import TaskStep, publish, start_build

Progress = Callable[[int, int], None]  # (files read so far, files in all)
_progress: list[Progress] = []  # set by the command line around an in-process run; nothing else reads it

read_here = TaskStep(pipeline.read_in_processes, "read_batches")  # this machine: one task, worker processes


def report_progress(callback: Progress | None) -> None:
    """Have in-process backfill runs call back as files are read (the CLI's progress bar); None stops it."""
    _progress.clear()
    if callback is not None:
        _progress.append(callback)


def read_on(pool: Pool, least: int) -> ReadBatches:
    """Read every batch in one task, in pool's processes from `least` files (flows/ops/runners.py:read_pool),
    logging each month as its files are read."""

    def read_all(months: MonthBatches, home: Home, today: date) -> list[RereadBatch]:
        logger = get_run_logger()
        total = sum(len(b) for _, month in months for b in month)
        files = {name: sum(len(b) for b in month) for name, month in months}
        left, done = dict(files), 0

        def batch_read(name: str, size: int) -> None:
            nonlocal done
            done += size
            left[name] -= size
            for callback in _progress:
                callback(done, total)
            if not left[name]:
                logger.info("%s: re-read %d files (%d of %d)", name, files[name], done, total)

        return read_here(months, home, today, batch_read, READ_WORKERS, least, pool)
    return read_all


def backfill_steps(pool: Pool, least: int) -> BackfillSteps:
    """The backfill's steps as tasks of the current flow run, reading in pool's processes from `least` files."""
    return BackfillSteps(
        start_build=start_build,
        check_locks=pipeline.check_locks,  # not a task: a refusal is the command's one line, not a failed task
        files_to_reread=TaskStep(pipeline.files_to_reread),
        read_batches=read_on(pool, least),
        stage=TaskStep(pipeline.stage),
        check_history=TaskStep(pipeline.check_history),
        rebuild=TaskStep(pipeline.rebuild),
        log_backfill=pipeline.log_backfill,
        publish=publish,
    )


def backfill_artifact(summary: BackfillSummary) -> None:
    """What the backfill changed, in the run's log and as its Markdown artifact."""
    log_lines(backfill_lines(summary))
    create_markdown_artifact(backfill_markdown(summary), key=f"backfill-{summary.first:%Y-%m}-{summary.last:%Y-%m}",
                             description="countystat backfill changes")
