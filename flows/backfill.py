"""The backfill flow: the backfill pipeline's steps as Prefect tasks, read on threads or Dask."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner

from countystat.sources.home import Home
from countystat.warehouse import backfill_pipeline as pipeline
from countystat.warehouse.archived_reads import BATCH_SIZE, READ_WORKERS
from countystat.warehouse.backfill_pipeline import BackfillSteps, BackfillSummary, MonthBatches, ReadBatches
from countystat.warehouse.publish import begin_build, commit_build
from countystat.warehouse.reread import RereadBatch

from .artifacts import backfill_markdown
from .months import parse_month
from .ops.run_lock import SCHEDULED_WAIT, run_lock
from .ops.runners import task_runner
from .tasks import TaskStep, io_step

BATCH_SIZES = {"dask": 600}  # files per read task by runner: a Dask task run costs more than a thread's
Progress = Callable[[int, int], None]  # (files read so far, files in all)
_progress: list[Progress] = []  # set by the command line around an in-process run; nothing else reads it

start_build = io_step(begin_build, "start_build")
publish = io_step(commit_build, "publish")
reread = TaskStep(pipeline.reread)


def report_progress(callback: Progress | None) -> None:
    """Have in-process backfill runs call back as files are read (the CLI's progress bar); None stops it."""
    _progress.clear()
    if callback is not None:
        _progress.append(callback)


def read_on(runner: str, dask_address: str | None) -> ReadBatches:
    """Read every batch as a task on the chosen runner, logging each month as its files are read."""
    def read_all(months: MonthBatches, home: Home, today: date) -> list[RereadBatch]:
        logger = get_run_logger()
        total = sum(len(b) for _, month in months for b in month)
        done, read = 0, []
        with task_runner(runner, dask_address) as pool:
            submitted = [(name, [(reread.submit_to(pool, b, home, today), len(b)) for b in month])
                         for name, month in months]
            for name, futures in submitted:
                for future, size in futures:
                    read.append(future.result())
                    done += size
                    for callback in _progress:
                        callback(done, total)
                logger.info("%s: re-read %d files (%d of %d)", name, sum(n for _, n in futures), done, total)
        return read
    return read_all


def backfill_steps(runner: str, dask_address: str | None) -> BackfillSteps:
    """The backfill's steps as tasks of the current flow run, reading on `runner`."""
    return BackfillSteps(
        start_build=start_build,
        check_locks=pipeline.check_locks,  # not a task: a refusal is the command's one line, not a failed task
        files_to_reread=TaskStep(pipeline.files_to_reread),
        batch_size=BATCH_SIZES.get(runner, BATCH_SIZE),
        read_batches=read_on(runner, dask_address),
        stage=TaskStep(pipeline.stage),
        check_history=TaskStep(pipeline.check_history),
        rebuild=TaskStep(pipeline.rebuild),
        log_backfill=pipeline.log_backfill,
        publish=publish,
    )


@flow(name="backfill", task_runner=ThreadPoolTaskRunner(max_workers=READ_WORKERS))
def backfill(
    home: str, first: str, last: str, include_locked: bool = False, runner: str = "threads",
    dask_address: str | None = None, wait_for_lock: float = SCHEDULED_WAIT,
) -> BackfillSummary:
    """Re-read the archived files of months first..last (YYYY-MM) with today's catalog, registry and
    code, rebuild those months and their Parquet partitions, and report what changed.

    Running it twice changes nothing the second time. runner is "threads" (this machine) or "dask"
    (a LocalCluster, or the cluster at dask_address). The run holds the home's run lock.
    """
    where = Home(Path(home))
    start, end = parse_month(first), parse_month(last)
    with run_lock(where.root, "backfill", wait_for_lock):
        summary = pipeline.backfill(where, start, end, date.today(), include_locked,
                                    run=f"backfill {flow_run.id or ''}".strip(),
                                    steps=backfill_steps(runner, dask_address))
    backfill_artifact(summary)
    return summary


def backfill_artifact(summary: BackfillSummary) -> None:
    """What the backfill changed, as the run's Markdown artifact."""
    create_markdown_artifact(backfill_markdown(summary), key=f"backfill-{summary.first:%Y-%m}-{summary.last:%Y-%m}",
                             description="countystat backfill changes")
