"""The report command: the workbook, summary drafts and trace of a half-year or year."""
from __future__ import annotations

import click

from countystat.sources.home import Home

from .common import (console, home_option, lock_free, period_options, period_with_data, plan_of, preflight,
                     start_prefect, wait_option)


@click.command()
@home_option
@period_options
@wait_option
def report(home: Home, period: str, wait: float) -> None:
    """Write the indicator workbook and summary draft (.docx, .md) with its trace for a half-year or year.

    Example: countystat report --year 2020 (or --half 2020H1)
    """
    from countystat.warehouse.deadline import published_deadline_day

    preflight(home, "write", warehouse=True, prefect=True, folders=[home.reports])
    plan = plan_of(home)
    period_with_data(home, period)
    if published_deadline_day(home.warehouse) != plan.deadline_day:  # only then does a report take the run lock
        lock_free(home, wait)
    start_prefect(home)
    from ..report import report as report_flow

    files = report_flow(home=str(home.root), period=period, wait_for_lock=wait)
    console.print(f"{period} report written to {files.workbook.parent}:")
    for path in (files.workbook, files.docx, files.markdown, files.trace):
        console.print(f"  {path.name}")
    if files.missing:
        console.print(f"[yellow]{len(files.missing)} figure(s) could not be computed and are marked in the draft:[/]")
        for marker in files.missing:
            console.print(f"  {marker}")
    if files.reviews:
        console.print(f"[red]{len(files.reviews)} sentence(s) go against their figure and are marked 【请核对】 in the draft:[/]")
        for review in files.reviews:
            console.print(f"  {review.marker}  {review.sentence[:30]}…", markup=False)
