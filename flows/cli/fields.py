"""The fields command: every placeholder a Word summary template can use for a half-year or year, and how it reads."""
from __future__ import annotations

import tempfile
from pathlib import Path

import click
from rich.table import Table

from countystat.sources.home import Home

from .common import console, home_option, period_options, plan_of, preflight


@click.command()
@home_option
@period_options
@click.option("--template", "template_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Also fill this Word template for the period and say what in it is wrong.")
def fields(home: Home, period: str, template_path: Path | None) -> None:
    """List every placeholder of a Word summary template ({{ 立案 }}, {{ 立案.同比 }} …) with how it reads.

    Example: countystat fields --half 2020H1 --template 2020年上半年总结模板.docx (or --year 2020)
    """
    from countystat.reports.halves import parse_period
    from countystat.reports.report_pipeline import period_data
    from countystat.reports.summary_fields import field_list, plan_readings
    from countystat.reports.word_template import TemplateError, fill_word_template
    from countystat.sources.number_text import plain_number

    preflight(home, "config", configuration=True, warehouse=True)
    plan = plan_of(home)
    data = period_data(home, parse_period(period))
    table = Table("占位符", "数值", "写出来是", title=f"{data.period.name_zh}可用的占位符")
    for reading in [*field_list(data), *plan_readings(plan, data.period)]:
        value = "" if not isinstance(reading.value, (int, float)) else plain_number(reading.value, reading.decimals or 0)
        table.add_row(f"{{{{ {reading.placeholder} }}}}", value, reading.text)
    console.print(table)
    if template_path is None:
        return
    with tempfile.TemporaryDirectory() as scratch:
        try:
            filled = fill_word_template(template_path, Path(scratch) / template_path.name, data, plan)
        except TemplateError as exc:
            raise click.ClickException(str(exc)) from None
    console.print(f"{template_path.name}：{len(filled.trace)} 个占位符都能填写"
                  + (f"，其中 {len(filled.missing)} 个缺数：{'、'.join(filled.missing)}" if filled.missing else ""),
                  soft_wrap=True)
