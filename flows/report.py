"""The report flow: the report pipeline's steps as Prefect tasks, after publishing the deadline day."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NONE

from countystat.reports import report_pipeline as pipeline
from countystat.reports.county_markdown import county_markdown
from countystat.reports.data import HalfYearData
from countystat.reports.halves import Half, last_ended_half, parse_half
from countystat.reports.plan import Plan, load_plan
from countystat.reports.report_pipeline import ReportFiles, ReportSteps
from countystat.sources.home import Home
from countystat.warehouse.deadline import publish_deadline_day, published_deadline_day

from .ops.run_lock import SCHEDULED_WAIT, run_lock
from .tasks import IO_RETRIES, TaskStep, io_step

read_half_year_data = TaskStep(pipeline.half_year_data)


@task(cache_policy=NONE, **IO_RETRIES)
def settle_deadline_day(home: Home, plan: Plan, wait_for_lock: float) -> None:
    """Publish the office's deadline day if the warehouse has another: only then does a report take the run lock."""
    if published_deadline_day(home.warehouse) != plan.deadline_day:
        with run_lock(home.root, "report", wait_for_lock):
            publish_deadline_day(home.root, plan.deadline_day)


def half_year_data(home: Home, half: Half) -> HalfYearData:
    """The half's tables (a task), and the county's table as the run's Markdown artifact."""
    data: HalfYearData = read_half_year_data(home, half)
    create_markdown_artifact(county_markdown(data), key=f"report-{half.label.lower()}",
                             description="countystat half-year county table")
    return data


STEPS = ReportSteps(
    half_year_data=half_year_data,
    summary_draft=TaskStep(pipeline.summary_draft),
    write_report_files=io_step(pipeline.write_report_files),
)


@flow(name="report")
def report(home: str, half: str | None = None, wait_for_lock: float = SCHEDULED_WAIT) -> ReportFiles:
    """Write the half-year indicator workbook and the summary draft with its trace.

    half is like 2020H1; without it, the latest half-year that has ended (what the schedule wants).
    The report reads the published warehouse; only a changed deadline day takes the run lock.
    """
    where = Home(Path(home))
    which = parse_half(half) if half else last_ended_half(date.today())
    plan = load_plan(where.plan_toml)
    settle_deadline_day(where, plan, wait_for_lock)
    return pipeline.report(where, which, plan, steps=STEPS)
