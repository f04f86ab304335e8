"""The indicator workbook of a half-year or year (.xlsx): one sheet per view of the period, each written by its own
module (reports/sheet_*.py) from what reports/data.py read from the warehouse."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from countystat.sources.xlsx_writing import save_atomically

from .data import PeriodData
from .halves import Period
from .sheet_charts import write_charts_sheet
from .sheet_completeness import write_completeness_sheet
from .sheet_county import write_county_sheet
from .sheet_forms import write_forms_sheet
from .sheet_months import write_months_sheet
from .sheet_trace import write_trace_sheet
from .sheet_units import write_units_sheet

SHEETS = ("全县指标", "分单位", "逐月", "报送情况", "四种形态", "图表", "追溯")


def workbook_filename(period: Period) -> str:
    """'2020年上半年党建工作指标表.xlsx', '2020年党建工作指标表.xlsx'."""
    return f"{period.name_zh}党建工作指标表.xlsx"


def write_workbook(data: PeriodData, path: Path, trace_rows: list[dict[str, object]] | None = None) -> Path:
    """Write the period's workbook to path (a folder gets the standard file name); return the file."""
    target = path / workbook_filename(data.period) if path.is_dir() or not path.suffix else path
    target.parent.mkdir(parents=True, exist_ok=True)
    save_atomically(build_workbook(data, trace_rows), target)
    return target


def build_workbook(data: PeriodData, trace_rows: list[dict[str, object]] | None = None) -> Workbook:
    """The workbook in memory: one sheet per view of the period, charts included, first sheet active."""
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = f"{data.period.name_zh}党建工作指标表"
    wb.properties.creator = "countystat"
    county, units, months, completeness, forms, charts, trace = (wb.create_sheet(name) for name in SHEETS)
    write_county_sheet(county, data)
    write_units_sheet(units, data)
    month_rows = write_months_sheet(months, data)
    write_completeness_sheet(completeness, data)
    write_forms_sheet(forms, data)
    write_charts_sheet(charts, data, months, month_rows)
    write_trace_sheet(trace, data, trace_rows)
    wb.active = 0
    wb.worksheets[0].sheet_view.tabSelected = True
    return wb
