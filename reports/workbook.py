"""The half-year indicator workbook (.xlsx): county table, units, months, completeness, four forms, charts, trace."""
from __future__ import annotations

import math
import os
import unicodedata
import weakref
from copy import copy
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.chart import BarChart, LineChart, PieChart, Reference, Series
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.series import SeriesLabel
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.worksheet import Worksheet

from countystat.sources.catalog import Indicator
from countystat.sources.xlsx_writing import fit_a4
from countystat.sources.units import KIND_ZH

from .data import CountyFigure, HalfYearData
from .derived import DerivedFigure
from .halves import Half

SHEETS = ("全县指标", "分单位", "逐月", "报送情况", "四种形态", "图表", "追溯")
STATUS_ZH = {"accepted": "按时", "late": "逾期", "rejected": "退回", "missing": "未报"}
STATUS_FILL = {"accepted": "C6EFCE", "late": "FFEB9C", "rejected": "FFC7CE", "missing": "D9D9D9"}
AGGREGATION_ZH = {"sum": "合计", "last": "期末", "max": "最大值"}
FORMS = ("form1_cases", "form2_cases", "form3_cases", "form4_cases")
FORM_NAMES = ("第一种形态", "第二种形态", "第三种形态", "第四种形态")
# Bar charts of this half against last year, figures of one scale per chart.
BAR_GROUPS = (
    ("执纪审查主要指标同比", ("clues_disposed", "cases_filed", "punished_total", "grassroots_cases",
                           "eight_rules_cases", "poverty_cases")),
    ("干部培训、党员动员与为民办事同比", ("training_attendance", "party_members_mobilized",
                                  "difficulties_resolved")),
)
TREND = ("clues_disposed", "cases_filed", "punished_total", "grassroots_clues")

INT, DECIMAL, PERCENT = "0", "0.00", "0.0%"
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
NOT_APPLICABLE_FILL = PatternFill("solid", fgColor="EDEDED")
SHORT_FILL = PatternFill("solid", fgColor="FFEB9C")
BOLD = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center")
WIDEST_TEXT = 200  # characters enough to size a column capped at 44
_STYLES: weakref.WeakKeyDictionary[Workbook, dict[tuple[object, ...], StyleArray]] = weakref.WeakKeyDictionary()


def workbook_filename(half: Half) -> str:
    """'2020年上半年党建工作指标表.xlsx'."""
    return f"{half.name_zh}党建工作指标表.xlsx"


def write_workbook(data: HalfYearData, path: Path, trace_rows: list[dict[str, object]] | None = None) -> Path:
    """Write the half-year workbook to path (a folder gets the standard file name); return the file."""
    target = path / workbook_filename(data.half) if path.is_dir() or not path.suffix else path
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    try:
        build_workbook(data, trace_rows).save(partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def build_workbook(data: HalfYearData, trace_rows: list[dict[str, object]] | None = None) -> Workbook:
    """The workbook in memory: one sheet per view of the half, charts included, first sheet active."""
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.title = f"{data.half.name_zh}党建工作指标表"
    wb.properties.creator = "countystat"
    _county_sheet(wb.create_sheet(SHEETS[0]), data)
    _units_sheet(wb.create_sheet(SHEETS[1]), data)
    month_rows = _months_sheet(wb.create_sheet(SHEETS[2]), data)
    _completeness_sheet(wb.create_sheet(SHEETS[3]), data)
    _forms_sheet(wb.create_sheet(SHEETS[4]), data)
    _charts_sheet(wb.create_sheet(SHEETS[5]), data, wb[SHEETS[2]], month_rows)
    _trace_sheet(wb.create_sheet(SHEETS[6]), data, trace_rows)
    wb.active = 0
    wb.worksheets[0].sheet_view.tabSelected = True
    return wb


# --- sheets -------------------------------------------------------------------------------------

COUNTY_HEADER = ("序号", "指标名称", "计量单位", "本期", "去年同期", "增减", "增减%", "报送单位数")


def _county_sheet(ws: Worksheet, data: HalfYearData) -> None:
    last_col = len(COUNTY_HEADER)
    _title(ws, f"{data.half.name_zh}党建工作主要指标（全县）", last_col)
    _subtitle(ws, 2, f"统计期间：{_months_span(data.half)}；去年同期：{data.half.previous_year.name_zh}", last_col)
    _header_row(ws, 3, COUNTY_HEADER)
    row, number = 4, 0
    for section, indicators in _sections(data.catalog.indicators):
        _section_row(ws, row, section, last_col)
        row += 1
        for indicator in indicators:
            number += 1
            _county_row(ws, row, number, data.county[indicator.code])
            row += 1
    _section_row(ws, row, "派生指标", last_col)
    row += 1
    for number, figure in enumerate(data.derived.values(), start=1):
        _derived_row(ws, row, number, figure)
        row += 1
    _note(ws, row + 1, "注：本期、去年同期为各单位半年值之和；增减%为与去年同期相比；"
                       "报送单位数为报送该指标的单位数/应报单位数（未报齐的标黄）。", last_col)
    _finish(ws, freeze="C4", title_rows="1:3", first_row=3)


def _county_row(ws: Worksheet, row: int, number: int, figure: CountyFigure) -> None:
    indicator = figure.indicator
    fmt = _indicator_format(indicator)
    _put(ws, row, 1, number, INT, align=CENTER)
    _put(ws, row, 2, indicator.name_zh)
    _put(ws, row, 3, indicator.unit_zh, align=CENTER)
    _put(ws, row, 4, _number(figure.value, indicator), fmt)
    _put(ws, row, 5, _number(figure.prev_value, indicator), fmt)
    _put(ws, row, 6, _number(figure.change, indicator), fmt)
    _put(ws, row, 7, None if figure.change_pct is None else figure.change_pct / 100, PERCENT)
    short = figure.units_reported < figure.units_expected
    _put(ws, row, 8, f"{figure.units_reported}/{figure.units_expected}", align=CENTER,
         fill=SHORT_FILL if short else None)


def _derived_row(ws: Worksheet, row: int, number: int, figure: DerivedFigure) -> None:
    definition = figure.definition
    percent = definition.unit_zh == "%"
    fmt = PERCENT if percent else _plain_format(figure.value, figure.prev_value)
    scale = 100 if percent else 1
    change = None if figure.value is None or figure.prev_value is None else figure.value - figure.prev_value

    def shown(value: float | None) -> float | None:
        return None if value is None else value / scale

    _put(ws, row, 1, number, INT, align=CENTER)
    _put(ws, row, 2, definition.name_zh)
    _put(ws, row, 3, definition.unit_zh, align=CENTER)
    _put(ws, row, 4, shown(figure.value), fmt)
    _put(ws, row, 5, shown(figure.prev_value), fmt)
    _put(ws, row, 6, shown(change), fmt)
    _put(ws, row, 7, None)
    _put(ws, row, 8, None)


def _units_sheet(ws: Worksheet, data: HalfYearData) -> None:
    indicators = data.catalog.indicators
    first = 4  # columns A-C name the unit
    last_col = first + len(indicators) - 1
    ws.cell(1, 1, f"{data.half.name_zh}党建工作指标（分单位）").font = TITLE_FONT
    ws.row_dimensions[1].height = 24
    for col, label in enumerate(("单位代码", "单位名称", "类别"), start=1):
        _put(ws, 2, col, label, bold=True, fill=HEADER_FILL, align=CENTER)
        ws.merge_cells(start_row=2, start_column=col, end_row=4, end_column=col)
    col = first
    for section, members in _sections(indicators):
        _put(ws, 2, col, section, bold=True, fill=HEADER_FILL, align=CENTER)
        if len(members) > 1:
            ws.merge_cells(start_row=2, start_column=col, end_row=2, end_column=col + len(members) - 1)
        col += len(members)
    for col, indicator in enumerate(indicators, start=first):
        _put(ws, 3, col, indicator.name_zh, bold=True, fill=HEADER_FILL, align=CENTER)
        _put(ws, 4, col, indicator.unit_zh, fill=HEADER_FILL, align=CENTER)
    row = 5
    for code, name, kind in data.units:
        _put(ws, row, 1, code, align=CENTER)
        _put(ws, row, 2, name)
        _put(ws, row, 3, KIND_ZH.get(kind, kind), align=CENTER)
        for col, indicator in enumerate(indicators, start=first):
            value = data.unit_values.get((code, indicator.code))
            fill = None if indicator.reported_by_kind(kind) else NOT_APPLICABLE_FILL
            _put(ws, row, col, _number(value, indicator), _indicator_format(indicator), fill=fill)
        row += 1
    _put(ws, row, 1, None, fill=SECTION_FILL)
    _put(ws, row, 2, "全县合计", bold=True, fill=SECTION_FILL)
    _put(ws, row, 3, None, fill=SECTION_FILL)
    for col, indicator in enumerate(indicators, start=first):
        _put(ws, row, col, _number(data.county[indicator.code].value, indicator), _indicator_format(indicator),
             bold=True, fill=SECTION_FILL)
    _note(ws, row + 2, "注：空白为未报送（不作0计）；灰色为该类单位不报送的指标。", 12)
    for col in range(first, last_col + 1):
        ws.column_dimensions[get_column_letter(col)].width = 12
    _fit_columns(ws, first_row=5, columns=range(1, first), minimum=8)
    ws.row_dimensions[3].height = _wrapped_height(ws, 3, range(first, last_col + 1))
    pages = max(1, math.ceil(12 * len(indicators) / 180))
    _finish(ws, freeze="D5", title_rows="1:4", title_cols="A:C", first_row=None, pages_wide=pages)


def _months_sheet(ws: Worksheet, data: HalfYearData) -> dict[str, int]:
    months = data.half.months
    header = ("序号", "指标名称", "计量单位", "汇总方式", *(f"{m.month}月" for m in months), "合计/期末")
    last_col = len(header)
    _title(ws, f"{data.half.name_zh}党建工作指标逐月情况（全县）", last_col)
    _header_row(ws, 2, header)
    rows: dict[str, int] = {}
    row, number = 3, 0
    for section, indicators in _sections(data.catalog.indicators):
        _section_row(ws, row, section, last_col)
        row += 1
        for indicator in indicators:
            number += 1
            fmt = _indicator_format(indicator)
            series = [data.county_months.get((month, indicator.code)) for month in months]
            _put(ws, row, 1, number, INT, align=CENTER)
            _put(ws, row, 2, indicator.name_zh)
            _put(ws, row, 3, indicator.unit_zh, align=CENTER)
            _put(ws, row, 4, AGGREGATION_ZH.get(indicator.aggregation, indicator.aggregation), align=CENTER)
            for col, value in enumerate(series, start=5):
                _put(ws, row, col, _number(value, indicator), fmt)
            _put(ws, row, last_col, _number(aggregate(series, indicator.aggregation), indicator), fmt, bold=True)
            rows[indicator.code] = row
            row += 1
    _note(ws, row + 1, "注：各月为报送单位之和；合计/期末按指标汇总方式：合计为六个月之和，"
                       "期末为最后一个有数据的月份，最大值为各月最大。", last_col)
    _finish(ws, freeze="C3", title_rows="1:2", first_row=2)
    return rows


def aggregate(series: Sequence[float | None], rule: str) -> float | None:
    """A half's value from its monthly values by the indicator's rule; blank months are skipped."""
    values = [v for v in series if v is not None]
    if not values:
        return None
    if rule == "sum":
        return sum(values)
    if rule == "last":
        return values[-1]
    if rule == "max":
        return max(values)
    raise ValueError(f"unknown aggregation {rule!r}")


def _completeness_sheet(ws: Worksheet, data: HalfYearData) -> None:
    months = data.half.months
    statuses = tuple(STATUS_ZH)
    header = ("单位代码", "单位名称", "类别", *(f"{m.month}月" for m in months), *(STATUS_ZH[s] for s in statuses))
    last_col = len(header)
    _title(ws, f"{data.half.name_zh}各单位报送情况", last_col)
    _header_row(ws, 2, header)
    by_cell = {(s.unit_code, s.period): s.status for s in data.completeness}
    row = 3
    for code, name, kind in data.units:
        _put(ws, row, 1, code, align=CENTER)
        _put(ws, row, 2, name)
        _put(ws, row, 3, KIND_ZH.get(kind, kind), align=CENTER)
        seen = [by_cell.get((code, month)) for month in months]
        for col, status in enumerate(seen, start=4):
            fill = PatternFill("solid", fgColor=STATUS_FILL[status]) if status in STATUS_FILL else None
            _put(ws, row, col, STATUS_ZH.get(status or "", status), align=CENTER, fill=fill)
        for col, status in enumerate(statuses, start=4 + len(months)):
            _put(ws, row, col, seen.count(status), INT, align=CENTER)
        row += 1
    deadline_day = next((s.deadline.day for s in data.completeness), None)
    due = f"次月{deadline_day}日" if deadline_day else "截止日"
    legend = {
        "accepted": f"按时：{due}前报送并通过审核",
        "late": f"逾期：{due}后才报送通过",
        "rejected": "退回：报送但未通过审核，尚无有效数据",
        "missing": "未报：未收到报表",
    }
    row += 1
    _put(ws, row, 2, "图例", bold=True, border=False)
    for status, text in legend.items():
        row += 1
        _put(ws, row, 2, STATUS_ZH[status], align=CENTER, fill=PatternFill("solid", fgColor=STATUS_FILL[status]))
        _put(ws, row, 3, text, border=False)
        ws.merge_cells(start_row=row, start_column=3, end_row=row, end_column=last_col)
    _finish(ws, freeze="D3", title_rows="1:2", first_row=2)


def _forms_sheet(ws: Worksheet, data: HalfYearData) -> None:
    header = ("形态", "本期人次", "占比", "去年同期人次", "去年同期占比", "增减人次")
    _title(ws, f"{data.half.name_zh}运用监督执纪“四种形态”情况", len(header))
    _header_row(ws, 2, header)
    row = 3
    for code, name, number in zip(FORMS, FORM_NAMES, range(1, 5)):
        share = data.derived.get(f"form{number}_share")
        now, before = _figure_value(data, code)
        _put(ws, row, 1, name)
        _put(ws, row, 2, _int(now), INT)
        _put(ws, row, 3, _percent(share.value if share else None), PERCENT)
        _put(ws, row, 4, _int(before), INT)
        _put(ws, row, 5, _percent(share.prev_value if share else None), PERCENT)
        _put(ws, row, 6, None if now is None or before is None else _int(now - before), INT)
        row += 1
    total = data.derived.get("form_total")
    now, before = (total.value, total.prev_value) if total else (None, None)
    _put(ws, row, 1, "合计", bold=True, fill=SECTION_FILL)
    _put(ws, row, 2, _int(now), INT, bold=True, fill=SECTION_FILL)
    _put(ws, row, 3, 1 if now else None, PERCENT, bold=True, fill=SECTION_FILL)
    _put(ws, row, 4, _int(before), INT, bold=True, fill=SECTION_FILL)
    _put(ws, row, 5, 1 if before else None, PERCENT, bold=True, fill=SECTION_FILL)
    _put(ws, row, 6, None if now is None or before is None else _int(now - before), INT, bold=True,
         fill=SECTION_FILL)
    pie = PieChart()
    pie.title = f"{data.half.name_zh}“四种形态”构成"
    pie.add_data(Reference(ws, min_col=2, min_row=2, max_row=6), titles_from_data=True)
    _text_categories(pie, Reference(ws, min_col=1, min_row=3, max_row=6))
    pie.dataLabels = DataLabelList()
    pie.dataLabels.showPercent = True
    pie.dataLabels.showVal = False
    pie.dataLabels.showCatName = False
    pie.dataLabels.showSerName = False
    pie.dataLabels.showLeaderLines = True
    pie.legend.position = "r"
    pie.width, pie.height = 14, 8
    ws.add_chart(pie, "A9")
    _finish(ws, freeze="B3", title_rows="1:2", first_row=2)


def _charts_sheet(ws: Worksheet, data: HalfYearData, months_ws: Worksheet, month_rows: dict[str, int]) -> None:
    ws.cell(1, 1, f"{data.half.name_zh}主要指标图表").font = TITLE_FONT
    ws.row_dimensions[1].height = 24
    row, anchor = 3, 3
    for title, codes in BAR_GROUPS:
        codes = tuple(c for c in codes if c in data.county)
        if not codes:
            continue
        _header_row(ws, row, ("指标", "本期", "去年同期"))
        for offset, code in enumerate(codes, start=1):
            figure = data.county[code]
            fmt = _indicator_format(figure.indicator)
            _put(ws, row + offset, 1, figure.indicator.name_zh)
            _put(ws, row + offset, 2, _number(figure.value, figure.indicator), fmt)
            _put(ws, row + offset, 3, _number(figure.prev_value, figure.indicator), fmt)
        bar = BarChart()
        bar.type, bar.grouping = "col", "clustered"
        bar.title = title
        bar.y_axis.title = "数量"
        bar.add_data(Reference(ws, min_col=2, max_col=3, min_row=row, max_row=row + len(codes)),
                     titles_from_data=True)
        _text_categories(bar, Reference(ws, min_col=1, min_row=row + 1, max_row=row + len(codes)))
        _show_axes(bar)
        bar.legend.position = "b"
        bar.width, bar.height = 18, 8
        ws.add_chart(bar, f"E{anchor}")
        row += max(len(codes) + 2, 17)
        anchor += 17
    trend = [c for c in TREND if c in month_rows]
    if trend:
        line = LineChart()
        line.title = "主要指标逐月走势（全县）"
        line.y_axis.title = "数量"
        first, last = 5, 4 + len(data.half.months)
        for code in trend:
            r = month_rows[code]
            series = Series(Reference(months_ws, min_col=first, max_col=last, min_row=r, max_row=r))
            series.tx = SeriesLabel(strRef=StrRef(f"{quote_sheetname(months_ws.title)}!$B${r}"))
            series.smooth = False
            series.marker.symbol = "circle"
            line.series.append(series)
        _text_categories(line, Reference(months_ws, min_col=first, max_col=last, min_row=2, max_row=2))
        _show_axes(line)
        line.legend.position = "b"
        line.width, line.height = 18, 8
        ws.add_chart(line, f"E{anchor}")
    _fit_columns(ws, first_row=3, columns=range(1, 4))
    ws.column_dimensions["D"].width = 3
    _finish(ws, freeze=None, title_rows="1:1", first_row=None)


TRACE_HEADER = ("指标代码", "指标名称", "单位代码", "单位", "月份", "数值", "文件", "工作表", "单元格")


def _trace_sheet(ws: Worksheet, data: HalfYearData, trace_rows: list[dict[str, object]] | None) -> None:
    if trace_rows is not None:
        header = tuple(_keys(trace_rows))
        table: Iterable[tuple[tuple[object, str | None], ...]] = (
            tuple((_scalar(r.get(k)), None) for k in header) for r in trace_rows)
        title = f"{data.half.name_zh}总结数据追溯"
    else:
        header = TRACE_HEADER
        table = _source_rows(data)
        title = f"{data.half.name_zh}指标数据来源（逐月报表单元格）"
    last_col = max(len(header), 1)
    _title(ws, title, last_col)
    _header_row(ws, 2, header)
    row = 3
    for row, cells in enumerate(table, start=3):
        for col, (value, fmt) in enumerate(cells, start=1):
            _put(ws, row, col, value, fmt)
    if header:
        ws.auto_filter.ref = f"A2:{get_column_letter(last_col)}{max(row, 2)}"
    _finish(ws, freeze="A3", title_rows="1:2", first_row=2, maximum=60)


def _source_rows(data: HalfYearData) -> Iterable[tuple[tuple[object, str | None], ...]]:
    for indicator in data.catalog.indicators:
        fmt = _indicator_format(indicator)
        for cell in data.sources.get((data.half.label, indicator.code), []):
            yield ((indicator.code, None), (indicator.name_zh, None), (cell.unit_code, None),
                   (cell.unit_name, None), (cell.period, "yyyy-mm"), (_number(cell.value, indicator), fmt),
                   (cell.source_file, None), (cell.source_sheet, None), (cell.source_cell, None))


# --- values and formats -------------------------------------------------------------------------


def _sections(indicators: Iterable[Indicator]) -> list[tuple[str, list[Indicator]]]:
    grouped: dict[str, list[Indicator]] = {}
    for indicator in indicators:
        grouped.setdefault(indicator.section, []).append(indicator)
    return list(grouped.items())


def _indicator_format(indicator: Indicator) -> str:
    return DECIMAL if indicator.value_type == "decimal" else INT


def _plain_format(*values: float | None) -> str:
    return INT if all(v is None or float(v).is_integer() for v in values) else DECIMAL


def _number(value: float | None, indicator: Indicator) -> float | int | None:
    if value is None:
        return None
    if indicator.value_type == "int" and float(value).is_integer():
        return int(value)
    return round(value, 6)


def _int(value: float | None) -> float | int | None:
    return int(value) if value is not None and float(value).is_integer() else value


def _percent(value: float | None) -> float | None:
    return None if value is None else value / 100


def _figure_value(data: HalfYearData, code: str) -> tuple[float | None, float | None]:
    figure = data.county.get(code)
    return (figure.value, figure.prev_value) if figure else (None, None)


def _months_span(half: Half) -> str:
    first, last = half.months[0], half.months[-1]
    return f"{first.year}年{first.month}月至{last.month}月"


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


# --- cells and layout ---------------------------------------------------------------------------


def _put(ws: Worksheet, row: int, col: int, value: object, fmt: str | None = None, *, bold: bool = False,
         fill: PatternFill | None = None, align: Alignment | None = None, border: bool = True) -> Cell:
    """Write one value as a value (never a formula), cleaned of characters XML can't hold."""
    cell = ws.cell(row, col)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)[:32767]
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    fmt = fmt if fmt and isinstance(value, (int, float, date)) else None
    key = (fmt, bold, _style_key(fill), _style_key(align), border)
    known = _STYLES.setdefault(ws.parent, {})
    if key in known:  # openpyxl registers every style object it is given: reuse the first one's
        cell._style = copy(known[key])
        return cell
    if fmt:
        cell.number_format = fmt
    if bold:
        cell.font = BOLD
    if fill is not None:
        cell.fill = fill
    if align is not None:
        cell.alignment = align
    if border:
        cell.border = BORDER
    known[key] = copy(cell._style)
    return cell


def _style_key(style: PatternFill | Alignment | None) -> object:
    return None if style is None else repr(style)


def _title(ws: Worksheet, text: str, last_col: int) -> None:
    cell = _put(ws, 1, 1, text, border=False)
    cell.font, cell.alignment = TITLE_FONT, Alignment(horizontal="center", vertical="center")
    if last_col > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last_col)
    ws.row_dimensions[1].height = 28


def _subtitle(ws: Worksheet, row: int, text: str, last_col: int) -> None:
    _put(ws, row, 1, text, border=False).alignment = Alignment(horizontal="right", vertical="center")
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)


def _header_row(ws: Worksheet, row: int, labels: Sequence[str]) -> None:
    for col, label in enumerate(labels, start=1):
        _put(ws, row, col, label, bold=True, fill=HEADER_FILL, align=CENTER)
    ws.row_dimensions[row].height = 20


def _section_row(ws: Worksheet, row: int, text: str, last_col: int) -> None:
    for col in range(1, last_col + 1):
        _put(ws, row, col, text if col == 1 else None, bold=True, fill=SECTION_FILL, align=LEFT)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)


def _note(ws: Worksheet, row: int, text: str, last_col: int) -> None:
    cell = _put(ws, row, 1, text, border=False)
    cell.font = Font(size=9, color="595959")
    cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)
    ws.row_dimensions[row].height = 30


def _text_categories(chart: BarChart | LineChart | PieChart, labels: Reference) -> None:
    """Label the categories from text cells (a string reference, not openpyxl's numeric one)."""
    for series in chart.series:
        series.cat = AxDataSource(strRef=StrRef(f=str(labels)))


def _show_axes(chart: BarChart | LineChart) -> None:
    """openpyxl 3.1 marks axes deleted unless told; Excel then draws none."""
    chart.x_axis.delete = False
    chart.y_axis.delete = False


def _finish(ws: Worksheet, *, freeze: str | None, title_rows: str, first_row: int | None,
            title_cols: str | None = None, pages_wide: int = 1, maximum: int = 44) -> None:
    """Freeze panes, fit columns, and print A4 landscape, fitted to width, titles on every page."""
    if first_row is not None:
        _fit_columns(ws, first_row=first_row, maximum=maximum)
    ws.freeze_panes = freeze
    fit_a4(ws, ws.ORIENTATION_LANDSCAPE, pages_wide)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_title_rows = title_rows
    if title_cols:
        ws.print_title_cols = title_cols
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def _fit_columns(ws: Worksheet, *, first_row: int, columns: Iterable[int] | None = None, minimum: int = 6,
                 maximum: int = 44) -> None:
    """Widen columns to their longest value, a CJK character counting as two."""
    merged = {(r, c) for rng in ws.merged_cells.ranges if rng.max_col > rng.min_col
              for r in range(rng.min_row, rng.max_row + 1) for c in range(rng.min_col, rng.max_col + 1)}
    wanted = set(columns) if columns is not None else None
    widths: dict[int, int] = {}
    for row in ws.iter_rows(min_row=first_row):
        for cell in row:
            if cell.value is None or (cell.row, cell.column) in merged:
                continue
            if wanted is not None and cell.column not in wanted:
                continue
            widths[cell.column] = max(widths.get(cell.column, 0), _display_width(cell))
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = min(max(width + 2, minimum), maximum)


def _wrapped_height(ws: Worksheet, row: int, columns: Iterable[int]) -> float:
    lines = 1
    for col in columns:
        width = ws.column_dimensions[get_column_letter(col)].width or 10
        lines = max(lines, math.ceil(_display_width(ws.cell(row, col)) / max(width - 1, 1)))
    return 15 * lines + 4


def _display_width(cell: Cell) -> int:
    value = cell.value
    if isinstance(value, bool) or value is None:
        text = str(value or "")
    elif isinstance(value, (int, float)):
        fmt = cell.number_format
        text = (f"{value * 100:.1f}%" if fmt.endswith("%") else f"{value:.2f}" if fmt == DECIMAL
                else f"{value:.0f}" if fmt == INT else f"{value:g}")
    elif isinstance(value, (date, datetime)):
        text = "2020-01"
    else:
        text = str(value)
    return max((_text_width(line[:WIDEST_TEXT]) for line in text.splitlines()), default=0)


def _text_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)
