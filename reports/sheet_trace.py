"""The workbook's 追溯 sheet: the summary's trace when given, else the monthly cells behind the period."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .data import PeriodData
from .sheet_cells import finish, header_row, indicator_format, number, put, title

TRACE_HEADER = ("指标代码", "指标名称", "单位代码", "单位", "月份", "数值", "文件", "工作表", "单元格")

Row = tuple[tuple[object, str | None], ...]  # (value, number format) per cell


def write_trace_sheet(ws: Worksheet, data: PeriodData, trace_rows: list[dict[str, object]] | None) -> None:
    """The trace rows under their own keys, or every source cell of the period (period_sources); filtered."""
    if trace_rows is not None:
        header = tuple(_keys(trace_rows))
        table: Iterable[Row] = (tuple((_scalar(r.get(k)), None) for k in header) for r in trace_rows)
        heading = f"{data.period.name_zh}总结数据追溯"
    else:
        header = TRACE_HEADER
        table = _source_rows(data)
        heading = f"{data.period.name_zh}指标数据来源（逐月报表单元格）"
    last_col = max(len(header), 1)
    title(ws, heading, last_col)
    header_row(ws, 2, header)
    row = 3
    for row, cells in enumerate(table, start=3):
        for col, (value, fmt) in enumerate(cells, start=1):
            put(ws, row, col, value, fmt)
    if header:
        ws.auto_filter.ref = f"A2:{get_column_letter(last_col)}{max(row, 2)}"
    finish(ws, freeze="A3", title_rows="1:2", first_row=2, maximum=60)


def _source_rows(data: PeriodData) -> Iterable[Row]:
    for indicator in data.catalog.indicators:
        fmt = indicator_format(indicator)
        for cell in data.sources.get((data.period.label, indicator.code), []):
            yield ((indicator.code, None), (indicator.name_zh, None), (cell.unit_code, None),
                   (cell.unit_name, None), (cell.period, "yyyy-mm"), (number(cell.value, indicator), fmt),
                   (cell.source_file, None), (cell.source_sheet, None), (cell.source_cell, None))


def _keys(rows: list[dict[str, object]]) -> list[str]:
    keys: dict[str, None] = {}
    for row in rows:
        keys.update(dict.fromkeys(str(k) for k in row))
    return list(keys)


def _scalar(value: object) -> object:
    if value is None or isinstance(value, (bool, int, float, str, date, datetime)):
        return value
    if isinstance(value, (list, tuple, set)):
        return "；".join(str(v) for v in value)
    return str(value)
