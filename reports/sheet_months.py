"""The workbook's 逐月 sheet: the county's figure of every indicator month by month, and the period's."""
from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from .data import PeriodData
from .sheet_cells import CENTER, INT, finish, header_row, indicator_format, indicator_rows, note, number, put, title

AGGREGATION_ZH = {"sum": "合计", "last": "期末", "max": "最大值"}
FIRST_MONTH_COLUMN = 5  # E: the months follow 序号, 指标名称, 计量单位, 汇总方式


def write_months_sheet(ws: Worksheet, data: PeriodData) -> dict[str, int]:
    """Each month's county figure (the units that reported it) and the period's county figure, which is
    the 全县指标 sheet's 本期 (county_period); returns the row of each indicator, for the charts."""
    months = data.period.months
    header = ("序号", "指标名称", "计量单位", "汇总方式", *(f"{m.month}月" for m in months), "合计/期末")
    last_col = len(header)
    title(ws, f"{data.period.name_zh}党建工作指标逐月情况（全县）", last_col)
    header_row(ws, 2, header)
    rows: dict[str, int] = {}
    row = 2
    for row, count, indicator in indicator_rows(ws, 3, data.catalog.indicators, last_col):
        fmt = indicator_format(indicator)
        put(ws, row, 1, count, INT, align=CENTER)
        put(ws, row, 2, indicator.name_zh)
        put(ws, row, 3, indicator.unit_zh, align=CENTER)
        put(ws, row, 4, AGGREGATION_ZH.get(indicator.aggregation, indicator.aggregation), align=CENTER)
        for col, month in enumerate(months, start=FIRST_MONTH_COLUMN):
            put(ws, row, col, number(data.county_months.get((month, indicator.code)), indicator), fmt)
        put(ws, row, last_col, number(data.county[indicator.code].value, indicator), fmt, bold=True)
        rows[indicator.code] = row
    note(ws, row + 2, f"注：各月为报送单位之和；合计/期末即全县指标表的本期：各单位先按指标汇总方式得出{data.period.value_zh}"
                      f"（合计为{data.period.months_zh}之和，期末为最后一个有数据的月份，最大值为各月最大），再相加。", last_col)
    finish(ws, freeze="C3", title_rows="1:2", first_row=2)
    return rows
