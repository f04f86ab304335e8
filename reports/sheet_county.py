"""The workbook's 全县指标 sheet: every indicator for the county by section, then the derived ones."""
from __future__ import annotations

from openpyxl.comments import Comment
from openpyxl.worksheet.worksheet import Worksheet

from .data import CountyFigure, PeriodData
from .derived import DerivedFigure
from .sheet_cells import (
    CENTER, INT, PERCENT, SHORT_FILL, finish, fraction, header_row, indicator_format, indicator_rows, months_span,
    note, number, plain_format, put, section_row, subtitle, title,
)

COUNTY_HEADER = ("序号", "指标名称", "计量单位", "本期", "去年同期", "增减", "增减%", "报送单位数")


def write_county_sheet(ws: Worksheet, data: PeriodData) -> None:
    """This period beside the same period last year, the change and how many units reported."""
    last_col = len(COUNTY_HEADER)
    title(ws, f"{data.period.name_zh}党建工作主要指标（全县）", last_col)
    subtitle(ws, 2, f"统计期间：{months_span(data.period)}；去年同期：{data.period.previous_year.name_zh}", last_col)
    header_row(ws, 3, COUNTY_HEADER)
    row = 3
    for row, count, indicator in indicator_rows(ws, 4, data.catalog.indicators, last_col):
        _county_row(ws, row, count, data.county[indicator.code])
        _gap_note(ws, row, data, indicator.code)
    row += 1
    section_row(ws, row, "派生指标", last_col)
    row += 1
    for count, figure in enumerate(data.derived.values(), start=1):
        _derived_row(ws, row, count, figure)
        row += 1
    note(ws, row + 1, f"注：本期、去年同期为各单位{data.period.value_zh}之和；增减%为与去年同期相比；"
                      "报送单位数为报送该指标的单位数/应报单位数（未报齐的标黄）。", last_col)
    finish(ws, freeze="C4", title_rows="1:3", first_row=3)


def _county_row(ws: Worksheet, row: int, count: int, figure: CountyFigure) -> None:
    indicator = figure.indicator
    fmt = indicator_format(indicator)
    put(ws, row, 1, count, INT, align=CENTER)
    put(ws, row, 2, indicator.name_zh)
    put(ws, row, 3, indicator.unit_zh, align=CENTER)
    put(ws, row, 4, number(figure.value, indicator), fmt)
    put(ws, row, 5, number(figure.prev_value, indicator), fmt)
    put(ws, row, 6, number(figure.change, indicator), fmt)
    put(ws, row, 7, fraction(figure.change_pct), PERCENT)
    short = figure.units_reported < figure.units_expected
    put(ws, row, 8, f"{figure.units_reported}/{figure.units_expected}", align=CENTER,
        fill=SHORT_FILL if short else None)


def _gap_note(ws: Worksheet, row: int, data: PeriodData, code: str) -> None:
    """The empty 增减% of an indicator the catalog did not ask for throughout both halves says why in a note."""
    reason = data.gap(data.period.previous_year, [code]) or data.gap(data.period, [code])
    if reason:
        ws.cell(row, 7).comment = Comment(f"不作同比：{reason}", "countystat")


def _derived_row(ws: Worksheet, row: int, count: int, figure: DerivedFigure) -> None:
    definition = figure.definition
    percent = definition.unit_zh == "%"
    fmt = PERCENT if percent else plain_format(figure.value, figure.prev_value)
    scale = 100 if percent else 1
    change = None if figure.value is None or figure.prev_value is None else figure.value - figure.prev_value

    def scaled(value: float | None) -> float | None:  # a percentage is stored as the fraction
        return None if value is None else value / scale

    put(ws, row, 1, count, INT, align=CENTER)
    put(ws, row, 2, definition.name_zh)
    put(ws, row, 3, definition.unit_zh, align=CENTER)
    put(ws, row, 4, scaled(figure.value), fmt)
    put(ws, row, 5, scaled(figure.prev_value), fmt)
    put(ws, row, 6, scaled(change), fmt)
    put(ws, row, 7, None)
    put(ws, row, 8, None)
