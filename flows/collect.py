"""The collect flow: the collect pipeline's steps as Prefect tasks, under the home's run lock."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from prefect import flow
from prefect.artifacts import create_markdown_artifact
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner

from countystat.sources.home import Home
from countystat.warehouse import collect_steps
from countystat.warehouse.archived_reads import READ_WORKERS, Batch, read_archived
from countystat.warehouse.backfill_pipeline import BackfillSummary, backfill
from countystat.warehouse.collect_pipeline import CollectSteps, CollectSummary, collect as collect_pipeline
from countystat.warehouse.load import ReadFile

from .artifacts import collect_lines, collect_markdown
from .backfill_tasks import backfill_artifact, backfill_steps
from countystat.sources.months import parse_month, previous_month
from .ops.run_lock import SCHEDULED_WAIT, run_lock
from .ops.runners import read_pool
from .ops.run_log import failed_run, log_lines
from .tasks import TaskStep, io_step, publish, start_build

read_batch = TaskStep(read_archived, "read_batch")  # deterministic: no retries


def read_on_threads(batches: list[Batch], home: Home, today: date) -> list[ReadFile]:
    """Read the batches as tasks on the flow's two threads; the files in batch order."""
    futures = [read_batch.submit(batch, home, today) for batch in batches]
    return [r for future in futures for r in future.result()]


def backfill_months(home: Home, first: date, last: date) -> BackfillSummary:
    """Rebuild months first..last as this run's tasks (the run already holds the home), with its artifact."""
    summary = backfill(home, first, last, date.today(), run=f"backfill {flow_run.id or ''}".strip(),
                       steps=backfill_steps(*read_pool("threads", None)))
    backfill_artifact(summary)
    return summary


STEPS = CollectSteps(
    start_build=start_build,
    find_new_files=io_step(collect_steps.find_new_files),
    archive_files=io_step(collect_steps.archive_files),
    read_batches=read_on_threads,
    check_against_history=TaskStep(collect_steps.check_against_history),
    hold_locked_months=TaskStep(collect_steps.hold_locked_months),
    load_warehouse=TaskStep(collect_steps.load_warehouse),
    export_parquet=io_step(collect_steps.export_parquet),
    write_sendbacks=io_step(collect_steps.write_sendbacks),
    log_receipts=TaskStep(collect_steps.log_receipts),
    publish=publish,
    backfill=backfill_months,
    completeness=TaskStep(collect_steps.completeness),
)


@flow(name="collect", task_runner=ThreadPoolTaskRunner(max_workers=READ_WORKERS))
def collect(
    home: str, month: str | None = None, received_at: datetime | None = None,
    wait_for_lock: float = SCHEDULED_WAIT,
) -> CollectSummary:
    """Collect every new inbox file into the warehouse and report the month's completeness.

    received_at is when the files arrived: now, unless history is being replayed (the demo).
    The run holds the home's run lock (waiting up to wait_for_lock seconds for another run) and
    publishes the new warehouse and Parquet together, atomically, or not at all.
    """
    try:
        where = Home(Path(home))
        period = parse_month(month) if month else previous_month(date.today())
        arrived = (received_at or datetime.now()).replace(microsecond=0)
        with run_lock(where.root, "collect", wait_for_lock):
            summary = collect_pipeline(where, period, arrived, date.today(),
                                       run=f"collect {flow_run.id or ''}".strip(), steps=STEPS)
    except Exception as exc:
        return failed_run("collect", exc)  # type: ignore[return-value]
    log_lines(collect_lines(summary))
    create_markdown_artifact(collect_markdown(summary), key=f"collect-{period:%Y-%m}",
                             description="countystat collect summary")
    return summary
