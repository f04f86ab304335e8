"""Read an Excel 2003 XML workbook (SpreadsheetML), as web systems export it under an .xls name.

Excel opens it as a workbook: `<Worksheet ss:Name>` sheets of `<Table>` rows and cells, placed by
`ss:Index` where a row or cell skips ahead, merged by `ss:MergeAcross`/`ss:MergeDown`, hidden by
`ss:Hidden`, typed by `<Data ss:Type>` (Number, String, DateTime, Boolean, Error), shown with the
`<NumberFormat ss:Format>` of their `ss:StyleID`, and `ss:Formula` marks a formula cell (its Data
is the cached result). A file declaring a DTD or entities is refused, as are absurd sizes.
"""
from __future__ import annotations

import re
import codecs
from datetime import datetime
from xml.etree import ElementTree

from .cell_format import DATE, PERCENT, TEXT, TIME, excel_format_kind
from .grid_html import tags_view
from .grid_text import MAX_CELLS, decoded_text
from .sheet_grid import Merge, SheetGrid, UnreadableFile, WorkbookGrid, fill_merged

NAMESPACE = "urn:schemas-microsoft-com:office:spreadsheet"
SS = f"{{{NAMESPACE}}}"
SNIFF_CHARS = 4096
MAX_ROWS, MAX_COLS = 1_048_576, 16_384
NAMED_FORMATS = {  # Excel's named formats in SpreadsheetML
    "percent": PERCENT, "general date": DATE, "long date": DATE, "medium date": DATE, "short date": DATE,
    "long time": TIME, "medium time": TIME, "short time": TIME, "@": TEXT,
}
EXCEL = "{urn:schemas-microsoft-com:office:excel}"
_DECLARED = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_ERRORS = {"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"}


def looks_like_spreadsheetml(data: bytes) -> bool:
    """Whether a text file is an Excel 2003 XML workbook (its namespace near the start)."""
    start = tags_view(data[:SNIFF_CHARS * 2])
    return NAMESPACE in start and "<?xml" in start.lower()


def read_spreadsheetml_grid(data: bytes, file_name: str) -> WorkbookGrid:
    """Every worksheet of an Excel 2003 XML workbook; raise UnreadableFile if it can't be read."""
    text = _decoded(data, file_name)
    if "<!DOCTYPE" in text.upper() or "<!ENTITY" in text.upper():
        raise _broken(file_name)  # no workbook declares a DTD: refuse entity expansion outright
    try:
        root = ElementTree.fromstring(text)
    except (ElementTree.ParseError, ValueError):
        raise _broken(file_name) from None
    formats = _style_kinds(root)
    try:
        sheets = [_sheet(element, file_name, formats) for element in root.iter(f"{SS}Worksheet")]
    except _TooBig:
        raise UnreadableFile(f"文件「{file_name}」行列过多，不像一张统计报表，请只报送统计报表本身") from None
    if not sheets:
        raise UnreadableFile(f"文件「{file_name}」中没有工作表")
    return WorkbookGrid(file_name, sheets)


class _TooBig(Exception):
    pass


def _decoded(data: bytes, file_name: str) -> str:
    """The file's text: by BOM, else by its declared encoding when that decodes it, else UTF-8 or GB18030."""
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        declared = _DECLARED.search(data[:SNIFF_CHARS])
        if declared:
            name = declared.group(1).decode("ascii").lower()
            try:
                return data.decode("gb18030" if name in ("gb2312", "gbk") else name)
            except (LookupError, UnicodeDecodeError):
                pass
    return decoded_text(data, file_name)


def _style_kinds(root: ElementTree.Element) -> dict[str, str]:
    """Style id -> the kind of its number format, for the telling ones only."""
    kinds = {}
    for style in root.iter(f"{SS}Style"):
        shown = style.find(f"{SS}NumberFormat")
        code = shown.get(f"{SS}Format", "") if shown is not None else ""
        kind = NAMED_FORMATS.get(code.lower()) or (excel_format_kind(code) if code else None)
        if kind is not None:
            kinds[style.get(f"{SS}ID", "")] = kind
    return kinds


def _sheet(worksheet: ElementTree.Element, file_name: str, style_kinds: dict[str, str]) -> SheetGrid:
    name = worksheet.get(f"{SS}Name") or "Sheet1"
    shown = worksheet.find(f"{EXCEL}WorksheetOptions/{EXCEL}Visible")
    hidden = shown is not None and (shown.text or "").strip() in ("SheetHidden", "SheetVeryHidden")
    cells: dict[tuple[int, int], object] = {}
    formats: dict[tuple[int, int], str] = {}
    formulas: set[tuple[int, int]] = set()
    errors: dict[tuple[int, int], str] = {}
    merged: list[Merge] = []
    hidden_rows: set[int] = set()
    hidden_cols: set[int] = set()
    table = worksheet.find(f"{SS}Table")
    col = 0
    for column in table.iter(f"{SS}Column") if table is not None else ():
        col = _index(column, col)
        span = 1 + _number(column.get(f"{SS}Span"))
        if column.get(f"{SS}Hidden") == "1":
            hidden_cols.update(range(col, min(col + span, MAX_COLS)))
        col += span
    row = 0
    for row_element in table.iter(f"{SS}Row") if table is not None else ():
        row = _index(row_element, row)
        if row_element.get(f"{SS}Hidden") == "1":
            hidden_rows.add(row)
        col = 0
        for cell in row_element.iter(f"{SS}Cell"):
            col = _index(cell, col)
            across, down = _number(cell.get(f"{SS}MergeAcross")), _number(cell.get(f"{SS}MergeDown"))
            if row >= MAX_ROWS or col >= MAX_COLS or len(cells) > MAX_CELLS:
                raise _TooBig
            value, error = _value(cell.find(f"{SS}Data"))
            if value != "":
                cells[(row, col)] = value
            if error:
                errors[(row, col)] = error
            kind = style_kinds.get(cell.get(f"{SS}StyleID", ""))
            if kind:
                formats[(row, col)] = kind
            if cell.get(f"{SS}Formula"):
                formulas.add((row, col))
            if across or down:
                merged.append((row, col, row + down, col + across))
            col += 1 + across
        row += 1
    height = max((r for r, _ in cells), default=-1) + 1
    width = max((c for _, c in cells), default=-1) + 1
    if height * width > MAX_CELLS:
        raise _TooBig
    rows: list[list[object]] = [[""] * width for _ in range(height)]
    for (r, c), value in cells.items():
        rows[r][c] = value
    merges = tuple(sorted(merged))
    if merges:
        fill_merged(rows, merges)
    return SheetGrid(file_name, name, rows, hidden, frozenset(hidden_rows), frozenset(hidden_cols), frozenset(),
                     merges, errors, formats, frozenset(formulas))


def _index(element: ElementTree.Element, following: int) -> int:
    """The 0-based position an ss:Index (1-based) gives, else the one following the last."""
    stated = element.get(f"{SS}Index")
    return int(stated) - 1 if stated and stated.strip().isdigit() and int(stated) >= 1 else following


def _number(text: str | None) -> int:
    return min(int(text), 10_000) if text and text.strip().isdigit() else 0


def _value(data: ElementTree.Element | None) -> tuple[object, str | None]:
    """A Data element's value as calamine would give it, and its error text if it holds one."""
    if data is None:
        return "", None
    kind = data.get(f"{SS}Type", "String")
    text = "".join(data.itertext())
    if kind == "Number":
        try:
            return float(text), None
        except ValueError:
            return text, None
    if kind == "DateTime":
        try:
            return datetime.fromisoformat(re.sub(r"\.\d+$", "", text.strip())), None
        except ValueError:
            return text, None
    if kind == "Boolean":
        return text.strip() == "1", None
    if kind == "Error":
        return "", text.strip() if text.strip() in _ERRORS else "#错误"
    return text, None


def _broken(file_name: str) -> UnreadableFile:
    return UnreadableFile(f"文件「{file_name}」无法打开，可能已损坏或不是Excel文件，请重新保存后报送")

