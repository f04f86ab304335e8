"""The workbook's 分单位 sheet: each unit's value for the half-year or year of every indicator, and the county's."""
from __future__ import annotations

import math

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from countystat.sources.units import KIND_ZH

from .data import PeriodData
from .sheet_cells import (
    CENTER, HEADER_FILL, NOT_APPLICABLE_FILL, SECTION_FILL, TITLE_FONT, finish, fit_columns, indicator_format, note,
    number, put, sections, wrapped_height,
)

FIRST_FIGURE_COLUMN = 4  # columns A-C name the unit
FIGURE_WIDTH = 12


def write_units_sheet(ws: Worksheet, data: PeriodData) -> None:
    """Units down, indicators across under their sections; blank where a unit did not report."""
    indicators = data.catalog.indicators
    first = FIRST_FIGURE_COLUMN
    last_col = first + len(indicators) - 1
    ws.cell(1, 1, f"{data.period.name_zh}党建工作指标（分单位）").font = TITLE_FONT
    ws.row_dimensions[1].height = 24
    for col, label in enumerate(("单位代码", "单位名称", "类别"), start=1):
        put(ws, 2, col, label, bold=True, fill=HEADER_FILL, align=CENTER)
        ws.merge_cells(start_row=2, start_column=col, end_row=4, end_column=col)
    col = first
    for section, members in sections(indicators):
        put(ws, 2, col, section, bold=True, fill=HEADER_FILL, align=CENTER)
        if len(members) > 1:
            ws.merge_cells(start_row=2, start_column=col, end_row=2, end_column=col + len(members) - 1)
        col += len(members)
    for col, indicator in enumerate(indicators, start=first):
        put(ws, 3, col, indicator.name_zh, bold=True, fill=HEADER_FILL, align=CENTER)
        put(ws, 4, col, indicator.unit_zh, fill=HEADER_FILL, align=CENTER)
    row = 5
    for code, name, kind in data.units:
        put(ws, row, 1, code, align=CENTER)
        put(ws, row, 2, name)
        put(ws, row, 3, KIND_ZH.get(kind, kind), align=CENTER)
        for col, indicator in enumerate(indicators, start=first):
            value = data.unit_values.get((code, indicator.code))
            fill = None if indicator.reported_by_kind(kind) else NOT_APPLICABLE_FILL
            put(ws, row, col, number(value, indicator), indicator_format(indicator), fill=fill)
        row += 1
    put(ws, row, 1, None, fill=SECTION_FILL)
    put(ws, row, 2, "全县合计", bold=True, fill=SECTION_FILL)
    put(ws, row, 3, None, fill=SECTION_FILL)
    for col, indicator in enumerate(indicators, start=first):
        put(ws, row, col, number(data.county[indicator.code].value, indicator), indicator_format(indicator),
            bold=True, fill=SECTION_FILL)
    note(ws, row + 2, "注：空白为未报送（不作0计）；灰色为该类单位不报送的指标。", 12)
    for col in range(first, last_col + 1):
        ws.column_dimensions[get_column_letter(col)].width = FIGURE_WIDTH
    fit_columns(ws, first_row=5, columns=range(1, first), minimum=8)
    ws.row_dimensions[3].height = wrapped_height(ws, 3, range(first, last_col + 1))
    pages = max(1, math.ceil(FIGURE_WIDTH * len(indicators) / 180))
    finish(ws, freeze="D5", title_rows="1:4", title_cols="A:C", first_row=None, pages_wide=pages)
