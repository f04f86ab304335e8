"""The backfill flow: the backfill pipeline's steps as Prefect tasks (flows/backfill_tasks.py), under the
home's run lock."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from prefect import flow
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner

from countystat.sources.home import Home
from countystat.warehouse import backfill_pipeline as pipeline
from countystat.warehouse.archived_reads import READ_WORKERS
from countystat.warehouse.backfill_pipeline import BackfillSummary

from .backfill_tasks import backfill_artifact, backfill_steps
from countystat.sources.months import parse_month
from .ops.run_lock import SCHEDULED_WAIT, run_lock
from .ops.runners import started_read_pool
from .ops.run_log import failed_run


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
    try:
        where = Home(Path(home))
        start, end = parse_month(first), parse_month(last)
        with run_lock(where.root, "backfill", wait_for_lock), started_read_pool(runner, dask_address) as (pool, least):
            summary = pipeline.backfill(where, start, end, date.today(), include_locked,
                                        run=f"backfill {flow_run.id or ''}".strip(), steps=backfill_steps(pool, least))
    except Exception as exc:
        return failed_run("backfill", exc)  # type: ignore[return-value]
    backfill_artifact(summary)
    return summary
