"""The report flow: half-year tables -> workbook, summary draft (.docx, .md) and its trace."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NONE
from prefect.utilities.annotations import quote

from countystat.reports.county_markdown import county_markdown
from countystat.reports.data import HalfYearData, read_half_year
from countystat.reports.halves import Half, last_ended_half, parse_half
from countystat.reports.official_docx import write_official_docx
from countystat.reports.plan import Plan, load_plan
from countystat.reports.summary import Draft, draft_summary
from countystat.reports.trace import trace_rows, write_trace_csv
from countystat.reports.workbook import write_workbook
from countystat.sources.catalog import load_catalog
from countystat.warehouse.publish import building, commit_build
from countystat.warehouse.store import deadline_day, open_warehouse, read_only_warehouse, set_deadline_day

from .home import Home
from .prefect_env import IO_RETRIES
from .run_lock import SCHEDULED_WAIT, run_lock



@dataclass(frozen=True)
class ReportFiles:
    """Where a report run wrote its files, and the numbers it could not compute."""

    half: str
    workbook: Path
    docx: Path
    markdown: Path
    trace: Path
    missing: list[str]


@task(cache_policy=NONE, **IO_RETRIES)
def settle_deadline_day(home: Home, plan: Plan, wait_for_lock: float) -> None:
    """Publish the office's deadline day (which completeness is judged by) if the warehouse has another."""
    with read_only_warehouse(home.warehouse) as con:
        if deadline_day(con) == plan.deadline_day:
            return
    with run_lock(home.root, "report", wait_for_lock):
        with building(home.root) as build:
            with open_warehouse(build.db) as con:
                set_deadline_day(con, plan.deadline_day)
            commit_build(build)


@task(cache_policy=NONE)
def half_year_data(home: Home, half: Half) -> HalfYearData:
    """Read the half's tables from the published warehouse."""
    with read_only_warehouse(home.warehouse) as con:
        return read_half_year(con, half, load_catalog())


@task(cache_policy=NONE)
def summary_draft(data: HalfYearData, plan: Plan) -> Draft:
    """Fill the summary template with the half's figures."""
    return draft_summary(data, plan)


@task(cache_policy=NONE, **IO_RETRIES)
def write_report_files(home: Home, data: HalfYearData, draft: Draft) -> ReportFiles:
    """Write the workbook, the .docx and .md drafts and trace.csv under reports/<half>/."""
    folder = home.reports / data.half.label
    folder.mkdir(parents=True, exist_ok=True)
    stem = data.half.name_zh
    markdown = folder / f"{stem}党的建设工作总结（草稿）.md"
    markdown.write_text(draft.markdown(), encoding="utf-8")
    return ReportFiles(
        half=data.half.label,
        workbook=write_workbook(data, folder / f"{stem}党建工作指标表.xlsx", trace_rows(draft.trace)),
        docx=write_official_docx(folder / f"{stem}党的建设工作总结（草稿）.docx", draft.title, draft.paragraphs),
        markdown=markdown,
        trace=write_trace_csv(folder / "trace.csv", draft.trace),
        missing=draft.missing,
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
    data = half_year_data(where, which)
    draft = summary_draft(quote(data), plan)
    files = write_report_files(where, quote(data), quote(draft))  # quote(): Prefect need not walk them
    create_markdown_artifact(county_markdown(data), key=f"report-{which.label.lower()}",
                             description="countystat half-year county table")
    return files
