"""The report command: the workbook, summary drafts and trace of a half-year or year."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from countystat.sources.home import Home

from .common import (console, home_option, lock_free, period_options, period_with_data, plan_of, preflight,
                     start_prefect, wait_option)


@click.command()
@home_option
@period_options
@click.option("--template", "template_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Fill this Word template instead of the home's summary/<period>.docx or summary.docx.")
@wait_option
def report(home: Home, period: str, wait: float, template_path: Path | None) -> None:
    """Write the indicator workbook and summary draft (.docx, .md) with its trace for a half-year or year.

    Example: countystat report --year 2020 (or --half 2020H1)
    """
    from countystat.warehouse.deadline import published_deadline_day

    preflight(home, "write", configuration=True, warehouse=True, prefect=True, folders=[home.reports])
    plan = plan_of(home)
    period_with_data(home, period)
    template = fillable_template(home, period, plan, template_path)
    if published_deadline_day(home.warehouse) != plan.deadline_day:  # only then does a report take the run lock
        lock_free(home, wait)
    start_prefect(home)
    from ..report import report as report_flow

    files = report_flow(home=str(home.root), period=period, wait_for_lock=wait, template=str(template))
    console.print(f"{period} report written to {files.workbook.parent}:")
    for path in (files.workbook, files.docx, files.markdown, files.trace):
        console.print(f"  {path.name}")
    console.print(f"the draft fills {template}", markup=False)
    if files.missing:
        console.print(f"[yellow]{len(files.missing)} figure(s) could not be computed and are marked in the draft:[/]")
        for marker in files.missing:
            console.print(f"  {marker}")
    if files.reviews:
        console.print(f"[red]{len(files.reviews)} sentence(s) go against their figure and are marked 【请核对】 in the draft:[/]")
        for review in files.reviews:
            console.print(f"  {review.marker}  {review.sentence[:30]}…", markup=False)


def fillable_template(home: Home, period: str, plan: Any, chosen: Path | None) -> Path:
    """The Word template the report fills, filled once in memory first: one line naming what in it is wrong."""
    from countystat.reports.halves import parse_period
    from countystat.reports.report_pipeline import period_data
    from countystat.reports.word_draft import summary_template
    from countystat.reports.word_template import TemplateError, filled_document

    which = parse_period(period)
    template = summary_template(home, which, chosen)
    try:
        filled_document(template, period_data(home, which), plan)
    except TemplateError as exc:
        raise click.ClickException(str(exc)) from None
    return template
