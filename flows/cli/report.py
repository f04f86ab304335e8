"""The report command: the half-year workbook, summary drafts and trace."""
from __future__ import annotations

from datetime import date

import click

from countystat.sources.home import Home

from .common import HalfType, console, home_option, need_warehouse, start_prefect, wait_option


@click.command()
@home_option
@click.option("--half", type=HalfType(), required=True, help="The half-year, e.g. 2020H1.")
@wait_option
def report(home: Home, half: str, wait: float) -> None:
    """Write the half-year indicator workbook and summary draft (.docx, .md) with its trace.

    Example: countystat report --half 2020H1
    """
    from countystat.reports.halves import parse_half
    from countystat.reports.period_refusal import report_refusal
    from countystat.reports.plan import PlanError, load_plan

    need_warehouse(home)
    try:
        load_plan(home.plan_toml)
    except PlanError as exc:
        raise click.ClickException(str(exc)) from None
    refused = report_refusal(home, parse_half(half), date.today())
    if refused:
        raise click.ClickException(refused)
    start_prefect(home)
    from ..report import report as report_flow

    files = report_flow(home=str(home.root), half=half, wait_for_lock=wait)
    console.print(f"{half} report written to {files.workbook.parent}:")
    for path in (files.workbook, files.docx, files.markdown, files.trace):
        console.print(f"  {path.name}")
    if files.missing:
        console.print(f"[yellow]{len(files.missing)} figure(s) could not be computed and are marked in the draft:[/]")
        for marker in files.missing:
            console.print(f"  {marker}")
