"""The report pipeline: the published warehouse's tables for a half-year or year -> workbook, summary
draft (.docx, .md) and its trace, under reports/<period>/ ('2020H1', '2020').

`report` runs the steps in order, as plain functions unless given `ReportSteps` that run them
otherwise (the flow passes Prefect tasks). It only reads the warehouse: the deadline day it judges
completeness by is published beforehand (`warehouse/deadline.py`).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from countystat.sources.config_files import DERIVED
from countystat.sources.home import Home, reference

from .data import PeriodData, read_period
from .derived import load_derived
from .halves import Period
from .plan import Plan
from .summary import Draft, Review
from .trace import trace_rows, write_trace_csv
from .word_draft import summary_template, word_draft
from .workbook import write_workbook


@dataclass(frozen=True)
class ReportFiles:
    """Where a report run wrote its files, the numbers it could not compute, the sentences to review."""

    period: str  # '2020H1' or '2020'
    workbook: Path
    docx: Path
    markdown: Path
    trace: Path
    missing: list[str]
    reviews: list[Review] = field(default_factory=list)  # sentences whose figure goes against their wording


def period_data(home: Home, period: Period) -> PeriodData:
    """Read the half-year's or year's tables from the published warehouse, by the home's catalog and derived figures."""
    catalog, definitions = reference(home)[0], load_derived(home.config(DERIVED))
    con = duckdb.connect(str(home.warehouse), read_only=True)
    try:
        return read_period(con, period, catalog, definitions)
    finally:
        con.close()


def summary_draft(data: PeriodData, plan: Plan, template: Path) -> Draft:
    """Fill the summary's Word template with the period's figures."""
    return word_draft(template, data, plan)


def write_report_files(home: Home, data: PeriodData, draft: Draft) -> ReportFiles:
    """Write the workbook, the .docx and .md drafts and trace.csv under reports/<period>/."""
    folder = home.reports / data.period.label
    folder.mkdir(parents=True, exist_ok=True)
    stem = data.period.name_zh
    markdown = folder / f"{stem}党的建设工作总结（草稿）.md"
    markdown.write_text(draft.markdown(), encoding="utf-8")
    docx = folder / f"{stem}党的建设工作总结（草稿）.docx"
    docx.write_bytes(draft.document)  # the filled Word template, in the office's own layout
    return ReportFiles(
        period=data.period.label,
        workbook=write_workbook(data, folder / f"{stem}党建工作指标表.xlsx", trace_rows(draft.trace)),
        docx=docx,
        markdown=markdown,
        trace=write_trace_csv(folder / "trace.csv", draft.trace),
        missing=draft.missing,
        reviews=draft.reviews,
    )


@dataclass(frozen=True)
class ReportSteps:
    """How each step of a report runs: the plain functions, unless replaced (by Prefect tasks)."""

    period_data: Callable[[Home, Period], PeriodData] = period_data
    summary_draft: Callable[[PeriodData, Plan, Path], Draft] = summary_draft
    write_report_files: Callable[[Home, PeriodData, Draft], ReportFiles] = write_report_files


def report(home: Home, period: Period, plan: Plan, steps: ReportSteps = ReportSteps(),
           template: Path | None = None) -> ReportFiles:
    """Write the half-year's or year's indicator workbook and the summary draft with its trace; the draft
    fills the given Word template, else the home's for the period (`word_draft.summary_template`)."""
    data = steps.period_data(home, period)
    draft = steps.summary_draft(data, plan, summary_template(home, period, template))
    return steps.write_report_files(home, data, draft)
