"""The report command: the half-year workbook, summary drafts and trace."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from countystat.sources.home import Home

from .common import HalfType, console, half_with_data, home_option, lock_free, plan_of, preflight, start_prefect, wait_option


@click.command()
@home_option
@click.option("--half", type=HalfType(), required=True, help="The half-year, e.g. 2020H1.")
@click.option("--template", "template_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Fill this Word template instead of the home's summary/<half>.docx or summary.docx.")
@wait_option
def report(home: Home, half: str, wait: float, template_path: Path | None) -> None:
    """Write the half-year indicator workbook and summary draft (.docx, .md) with its trace.

    Example: countystat report --half 2020H1
    """
    from countystat.warehouse.deadline import published_deadline_day

    preflight(home, "write", configuration=True, warehouse=True, prefect=True, folders=[home.reports])
    plan = plan_of(home)
    half_with_data(home, half)
    template = fillable_template(home, half, plan, template_path)
    if published_deadline_day(home.warehouse) != plan.deadline_day:  # only then does a report take the run lock
        lock_free(home, wait)
    start_prefect(home)
    from ..report import report as report_flow

    files = report_flow(home=str(home.root), half=half, wait_for_lock=wait, template=str(template))
    console.print(f"{half} report written to {files.workbook.parent}:")
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


def fillable_template(home: Home, half: str, plan: Any, chosen: Path | None) -> Path:
    """The Word template the report fills, filled once in memory first: one line naming what in it is wrong."""
    from countystat.reports.halves import parse_half
    from countystat.reports.report_pipeline import half_year_data
    from countystat.reports.word_draft import summary_template
    from countystat.reports.word_template import TemplateError, filled_document

    template = summary_template(home, parse_half(half), chosen)
    try:
        filled_document(template, half_year_data(home, parse_half(half)), plan)
    except TemplateError as exc:
        raise click.ClickException(str(exc)) from None
    return template
