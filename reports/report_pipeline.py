"""The report pipeline: the published warehouse's half-year tables -> workbook, summary draft
(.docx, .md) and its trace, under reports/<half>/.

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

from .data import HalfYearData, read_half_year
from .derived import load_derived
from .halves import Half
from .plan import Plan
from .summary import Draft, Review
from .trace import trace_rows, write_trace_csv
from .word_draft import summary_template, word_draft
from .workbook import write_workbook


@dataclass(frozen=True)
class ReportFiles:
    """Where a report run wrote its files, the numbers it could not compute, the sentences to review."""

    half: str
    workbook: Path
    docx: Path
    markdown: Path
    trace: Path
    missing: list[str]
    reviews: list[Review] = field(default_factory=list)  # sentences whose figure goes against their wording


def half_year_data(home: Home, half: Half) -> HalfYearData:
    """Read the half's tables from the published warehouse, by the home's catalog and derived figures."""
    catalog, definitions = reference(home)[0], load_derived(home.config(DERIVED))
    con = duckdb.connect(str(home.warehouse), read_only=True)
    try:
        return read_half_year(con, half, catalog, definitions)
    finally:
        con.close()


def summary_draft(data: HalfYearData, plan: Plan, template: Path) -> Draft:
    """Fill the summary's Word template with the half's figures."""
    return word_draft(template, data, plan)


def write_report_files(home: Home, data: HalfYearData, draft: Draft) -> ReportFiles:
    """Write the workbook, the .docx and .md drafts and trace.csv under reports/<half>/."""
    folder = home.reports / data.half.label
    folder.mkdir(parents=True, exist_ok=True)
    stem = data.half.name_zh
    markdown = folder / f"{stem}党的建设工作总结（草稿）.md"
    markdown.write_text(draft.markdown(), encoding="utf-8")
    docx = folder / f"{stem}党的建设工作总结（草稿）.docx"
    docx.write_bytes(draft.document)  # the filled Word template, in the office's own layout
    return ReportFiles(
        half=data.half.label,
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

    half_year_data: Callable[[Home, Half], HalfYearData] = half_year_data
    summary_draft: Callable[[HalfYearData, Plan, Path], Draft] = summary_draft
    write_report_files: Callable[[Home, HalfYearData, Draft], ReportFiles] = write_report_files


def report(home: Home, half: Half, plan: Plan, steps: ReportSteps = ReportSteps(),
           template: Path | None = None) -> ReportFiles:
    """Write the half-year indicator workbook and the summary draft with its trace; the draft fills
    the given Word template, else the home's for the half (`word_draft.summary_template`)."""
    data = steps.half_year_data(home, half)
    draft = steps.summary_draft(data, plan, summary_template(home, half, template))
    return steps.write_report_files(home, data, draft)
