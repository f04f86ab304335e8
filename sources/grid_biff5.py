"""Read an Excel 5.0/95 (BIFF5) workbook with xlrd into typed SheetGrids.

python-calamine garbles the code-page strings of BIFF5 files (Chinese text saved by Excel 95 or by
LibreOffice as "MS Excel 95"); xlrd decodes them by the file's CODEPAGE record (cp936 for GBK).
Dates come back as datetime like calamine's; merged ranges carry their value down their first
column; hidden rows/columns, error values and number formats come from xls_facts.
"""
from __future__ import annotations

from pathlib import Path

import xlrd

from .sheet_grid import Merge, SheetGrid, UnreadableFile, WorkbookGrid, fill_merged
from .xls_facts import format_kinds, sheet_facts, workbook_formulas

MAX_CELLS = 2_000_000  # a monthly form is a few hundred cells


def read_biff5_grid(path: Path, file_name: str) -> WorkbookGrid:
    """Every worksheet of a BIFF5 workbook; raise UnreadableFile if xlrd can't read it."""
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True, logfile=_Quiet())
    except xlrd.biffh.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise UnreadableFile(f"文件「{file_name}」已加密，请取消密码后重新报送") from None
        raise _broken(file_name, exc) from None
    except Exception as exc:  # noqa: BLE001 - xlrd reports broken files with several exception types
        raise _broken(file_name, exc) from None
    try:
        kinds, formulas = format_kinds(book), workbook_formulas(book)
        sheets = [_sheet_grid(book, sheet, file_name, kinds, formulas.get(index, frozenset()))
                  for index, sheet in enumerate(book.sheets()) if sheet.nrows * sheet.ncols <= MAX_CELLS]
    finally:
        book.release_resources()
    if not sheets:
        raise UnreadableFile(f"文件「{file_name}」中没有工作表")
    return WorkbookGrid(file_name, sheets)


def _sheet_grid(book: xlrd.book.Book, sheet: xlrd.sheet.Sheet, file_name: str, kinds: dict[int, str],
                formulas: frozenset[tuple[int, int]]) -> SheetGrid:
    rows = [[_value(sheet.cell(r, c), book.datemode) for c in range(sheet.ncols)] for r in range(sheet.nrows)]
    merged: tuple[Merge, ...] = tuple(sorted(
        (r1, c1, r2 - 1, c2 - 1) for r1, r2, c1, c2 in sheet.merged_cells if (r2 - r1, c2 - c1) != (1, 1)))
    if merged:
        fill_merged(rows, merged)
    facts = sheet_facts(sheet, kinds, formulas)
    return SheetGrid(file_name, sheet.name, rows, sheet.visibility != 0, facts.hidden_rows, facts.hidden_cols,
                     merged=merged, errors=dict(facts.errors), formats=dict(facts.formats), formulas=facts.formulas)


def _value(cell: xlrd.sheet.Cell, datemode: int) -> object:
    """A cell's value as calamine gives it: text, float, bool, datetime; '' for empty and error cells."""
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, datemode)
        except Exception:  # noqa: BLE001 - a date out of range stays the number it is
            return cell.value
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    return cell.value


def _broken(file_name: str, exc: Exception) -> UnreadableFile:
    return UnreadableFile(
        f"文件「{file_name}」无法打开，可能已损坏或不是Excel文件（{type(exc).__name__}），请重新保存后报送")


class _Quiet:
    """A log file that swallows xlrd's warnings about odd records."""

    def write(self, text: str) -> int:
        return len(text)
