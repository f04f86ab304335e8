"""The report flow: the report pipeline's steps as Prefect tasks, after publishing the deadline day."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NONE

from countystat.reports import report_pipeline as pipeline
from countystat.reports.county_markdown import county_markdown
from countystat.reports.data import PeriodData
from countystat.reports.halves import last_ended_half, parse_period
from countystat.reports.plan import Plan, load_plan
from countystat.reports.report_pipeline import ReportFiles, ReportSteps
from countystat.reports.summary import Draft
from countystat.sources.home import Home
from countystat.warehouse.deadline import publish_deadline_day, published_deadline_day

from .artifacts import report_files_markdown, report_lines
from .ops.run_lock import SCHEDULED_WAIT, run_lock
from .ops.run_log import failed_run, log_lines
from .tasks import IO_RETRIES, TaskStep, io_step


@task(cache_policy=NONE, **IO_RETRIES)
def settle_deadline_day(home: Home, plan: Plan, wait_for_lock: float) -> None:
    """Publish the office's deadline day if the warehouse has another: only then does a report take the run lock."""
    if published_deadline_day(home.warehouse) != plan.deadline_day:
        with run_lock(home.root, "report", wait_for_lock):
            publish_deadline_day(home.root, plan.deadline_day)


write_files = io_step(pipeline.write_report_files)


def write_report_files(home: Home, data: PeriodData, draft: Draft) -> ReportFiles:
    """Write the files (a task); say where they went in the run's log, and make the county's table with
    the files linked the run's Markdown artifact."""
    files: ReportFiles = write_files(home, data, draft)
    log_lines(report_lines(files))
    create_markdown_artifact(county_markdown(data) + "\n" + report_files_markdown(files),
                             key=f"report-{data.period.label.lower()}",
                             description="countystat county table and report files of a half-year or year")
    return files


STEPS = ReportSteps(
    period_data=TaskStep(pipeline.period_data),
    summary_draft=TaskStep(pipeline.summary_draft),
    write_report_files=write_report_files,
)


@flow(name="report")
def report(home: str, period: str | None = None, wait_for_lock: float = SCHEDULED_WAIT,
           template: str | None = None) -> ReportFiles:
    """Write the indicator workbook and the summary draft with its trace for a half-year or year.

    period is a half-year like 2020H1 or a year like 2020; without it, the latest half-year that has
    ended (what the schedule wants).
    The report reads the published warehouse; only a changed deadline day takes the run lock.
    template is a Word summary template to fill instead of the home's.
    """
    try:
        where = Home(Path(home))
        which = parse_period(period) if period else last_ended_half(date.today())
        plan = load_plan(where.plan_toml)
        settle_deadline_day(where, plan, wait_for_lock)
        return pipeline.report(where, which, plan, steps=STEPS, template=Path(template) if template else None)
    except Exception as exc:
        return failed_run("report", exc)  # type: ignore[return-value]
