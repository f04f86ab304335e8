"""The workbook's cells and page layout: styles, one value per cell, titles, notes, column widths,
print set-up, and the figures' number formats."""
from __future__ import annotations

import math
import weakref
from collections.abc import Iterable, Iterator, Sequence
from copy import copy
from datetime import date, datetime

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.chart import BarChart, LineChart, PieChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from countystat.sources.catalog import Indicator
from countystat.sources.xlsx_writing import cell_text, fit_a4, fitted_width, text_width

from .halves import Period

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


# --- values and formats -------------------------------------------------------------------------


def sections(indicators: Iterable[Indicator]) -> list[tuple[str, list[Indicator]]]:
    """The indicators grouped by section, in catalog order."""
    grouped: dict[str, list[Indicator]] = {}
    for indicator in indicators:
        grouped.setdefault(indicator.section, []).append(indicator)
    return list(grouped.items())


def indicator_rows(ws: Worksheet, first_row: int, indicators: Iterable[Indicator], last_col: int
                   ) -> Iterator[tuple[int, int, Indicator]]:
    """Write each section's row from first_row on and yield (row, number, indicator) under it."""
    row, count = first_row, 0
    for section, members in sections(indicators):
        section_row(ws, row, section, last_col)
        row += 1
        for indicator in members:
            count += 1
            yield row, count, indicator
            row += 1


def indicator_format(indicator: Indicator) -> str:
    """The number format of an indicator's figures: two decimals for a decimal indicator."""
    return DECIMAL if indicator.value_type == "decimal" else INT


def plain_format(*values: float | None) -> str:
    """Whole numbers when every value is one, else two decimals."""
    return INT if all(v is None or float(v).is_integer() for v in values) else DECIMAL


def number(value: float | None, indicator: Indicator) -> float | int | None:
    """A figure as the cell stores it: an int for a whole value of an integer indicator."""
    if value is None:
        return None
    if indicator.value_type == "int" and float(value).is_integer():
        return int(value)
    return round(value, 6)


def whole(value: float | None) -> float | int | None:
    """An int when the value is whole."""
    return int(value) if value is not None and float(value).is_integer() else value


def fraction(percent: float | None) -> float | None:
    """A percentage (12.5) as the fraction a percent-formatted cell holds (0.125)."""
    return None if percent is None else percent / 100


def months_span(period: Period) -> str:
    """'2020年1月至6月'."""
    first, last = period.months[0], period.months[-1]
    return f"{first.year}年{first.month}月至{last.month}月"


# --- cells and layout ---------------------------------------------------------------------------


def put(ws: Worksheet, row: int, col: int, value: object, fmt: str | None = None, *, bold: bool = False,
        fill: PatternFill | None = None, align: Alignment | None = None, border: bool = True) -> Cell:
    """Write one value as a value (never a formula), cleaned of characters XML can't hold."""
    cell = ws.cell(row, col)
    if isinstance(value, str):
        value = cell_text(value)
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


def title(ws: Worksheet, text: str, last_col: int) -> None:
    """The sheet's title in row 1, merged across the table."""
    cell = put(ws, 1, 1, text, border=False)
    cell.font, cell.alignment = TITLE_FONT, Alignment(horizontal="center", vertical="center")
    if last_col > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last_col)
    ws.row_dimensions[1].height = 28


def subtitle(ws: Worksheet, row: int, text: str, last_col: int) -> None:
    """A right-aligned line under the title, merged across the table."""
    put(ws, row, 1, text, border=False).alignment = Alignment(horizontal="right", vertical="center")
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)


def header_row(ws: Worksheet, row: int, labels: Sequence[str]) -> None:
    """The table's column headings."""
    for col, label in enumerate(labels, start=1):
        put(ws, row, col, label, bold=True, fill=HEADER_FILL, align=CENTER)
    ws.row_dimensions[row].height = 20


def section_row(ws: Worksheet, row: int, text: str, last_col: int) -> None:
    """A section's name across the table, shaded."""
    for col in range(1, last_col + 1):
        put(ws, row, col, text if col == 1 else None, bold=True, fill=SECTION_FILL, align=LEFT)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)


def note(ws: Worksheet, row: int, text: str, last_col: int) -> None:
    """A small grey note under the table."""
    cell = put(ws, row, 1, text, border=False)
    cell.font = Font(size=9, color="595959")
    cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)
    ws.row_dimensions[row].height = 30


def text_categories(chart: BarChart | LineChart | PieChart, labels: Reference) -> None:
    """Label the categories from text cells (a string reference, not openpyxl's numeric one)."""
    for series in chart.series:
        series.cat = AxDataSource(strRef=StrRef(f=str(labels)))


def show_axes(chart: BarChart | LineChart) -> None:
    """openpyxl 3.1 marks axes deleted unless told; Excel then draws none."""
    chart.x_axis.delete = False
    chart.y_axis.delete = False


def finish(ws: Worksheet, *, freeze: str | None, title_rows: str, first_row: int | None,
           title_cols: str | None = None, pages_wide: int = 1, maximum: int = 44) -> None:
    """Freeze panes, fit columns, and print A4 landscape, fitted to width, titles on every page."""
    if first_row is not None:
        fit_columns(ws, first_row=first_row, maximum=maximum)
    ws.freeze_panes = freeze
    fit_a4(ws, ws.ORIENTATION_LANDSCAPE, pages_wide)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_title_rows = title_rows
    if title_cols:
        ws.print_title_cols = title_cols
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def fit_columns(ws: Worksheet, *, first_row: int, columns: Iterable[int] | None = None, minimum: int = 6,
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
        ws.column_dimensions[get_column_letter(col)].width = fitted_width(width, minimum, maximum)


def wrapped_height(ws: Worksheet, row: int, columns: Iterable[int]) -> float:
    """A row height (points) that shows each of the row's cells wrapped in its column."""
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
    return max((text_width(line[:WIDEST_TEXT]) for line in text.splitlines()), default=0)
