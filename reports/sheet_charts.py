"""The workbook's 图表 sheet: bar charts of this period against last year and the monthly trend."""
from __future__ import annotations

from openpyxl.chart import BarChart, LineChart, Reference, Series
from openpyxl.chart.data_source import StrRef
from openpyxl.chart.series import SeriesLabel
from openpyxl.utils import quote_sheetname
from openpyxl.worksheet.worksheet import Worksheet

from .data import PeriodData
from .sheet_cells import (
    TITLE_FONT, finish, fit_columns, header_row, indicator_format, number, put, show_axes, text_categories,
)
from .sheet_months import FIRST_MONTH_COLUMN

# Bar charts of this period against last year, figures of one scale per chart.
BAR_GROUPS = (
    ("执纪审查主要指标同比", ("clues_disposed", "cases_filed", "punished_total", "grassroots_cases",
                           "eight_rules_cases", "poverty_cases")),
    ("干部培训、党员动员与为民办事同比", ("training_attendance", "party_members_mobilized",
                                  "difficulties_resolved")),
)
TREND = ("clues_disposed", "cases_filed", "punished_total", "grassroots_clues")
CHART_ROWS = 17  # rows a chart takes on the sheet


def write_charts_sheet(ws: Worksheet, data: PeriodData, months_ws: Worksheet, month_rows: dict[str, int]) -> None:
    """Each bar chart beside the small table it draws; the trend line reads the 逐月 sheet's rows."""
    ws.cell(1, 1, f"{data.period.name_zh}主要指标图表").font = TITLE_FONT
    ws.row_dimensions[1].height = 24
    row, anchor = 3, 3
    for chart_title, codes in BAR_GROUPS:
        codes = tuple(c for c in codes if c in data.county)
        if not codes:
            continue
        _bar_table(ws, row, data, codes)
        ws.add_chart(_bar(ws, row, chart_title, len(codes)), f"E{anchor}")
        row += max(len(codes) + 2, CHART_ROWS)
        anchor += CHART_ROWS
    trend = [c for c in TREND if c in month_rows]
    if trend:
        ws.add_chart(_trend(months_ws, [month_rows[c] for c in trend], len(data.period.months)), f"E{anchor}")
    fit_columns(ws, first_row=3, columns=range(1, 4))
    ws.column_dimensions["D"].width = 3
    finish(ws, freeze=None, title_rows="1:1", first_row=None)


def _bar_table(ws: Worksheet, row: int, data: PeriodData, codes: tuple[str, ...]) -> None:
    header_row(ws, row, ("指标", "本期", "去年同期"))
    for offset, code in enumerate(codes, start=1):
        figure = data.county[code]
        fmt = indicator_format(figure.indicator)
        put(ws, row + offset, 1, figure.indicator.name_zh)
        put(ws, row + offset, 2, number(figure.value, figure.indicator), fmt)
        put(ws, row + offset, 3, number(figure.prev_value, figure.indicator), fmt)


def _bar(ws: Worksheet, row: int, chart_title: str, count: int) -> BarChart:
    bar = BarChart()
    bar.type, bar.grouping = "col", "clustered"
    bar.title = chart_title
    bar.y_axis.title = "数量"
    bar.add_data(Reference(ws, min_col=2, max_col=3, min_row=row, max_row=row + count), titles_from_data=True)
    text_categories(bar, Reference(ws, min_col=1, min_row=row + 1, max_row=row + count))
    show_axes(bar)
    bar.legend.position = "b"
    bar.width, bar.height = 18, 8
    return bar


def _trend(months_ws: Worksheet, rows: list[int], months: int) -> LineChart:
    line = LineChart()
    line.title = "主要指标逐月走势（全县）"
    line.y_axis.title = "数量"
    first, last = FIRST_MONTH_COLUMN, FIRST_MONTH_COLUMN + months - 1
    for r in rows:
        series = Series(Reference(months_ws, min_col=first, max_col=last, min_row=r, max_row=r))
        series.tx = SeriesLabel(strRef=StrRef(f"{quote_sheetname(months_ws.title)}!$B${r}"))
        series.smooth = False
        series.marker.symbol = "circle"
        line.series.append(series)
    text_categories(line, Reference(months_ws, min_col=first, max_col=last, min_row=2, max_row=2))
    show_axes(line)
    line.legend.position = "b"
    line.width, line.height = 18, 8
    return line
