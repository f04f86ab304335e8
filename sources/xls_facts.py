"""What calamine can't say about an .xls (BIFF) sheet: hidden rows and columns, error values, number formats.

xlrd reads the BIFF records calamine does not expose: a row's or column's hidden flag, a formula's
cached error (`#DIV/0!`), which calamine reads as '', and each number cell's format (its XF record's
FORMAT, classified once per XF). xlrd reads a formula's result but does not keep the formula, so
formula cells come from the workbook stream itself: every FORMULA record (row, column) of each
worksheet substream. Anything xlrd can't read gives no facts, never an error: calamine has
already judged whether the file is readable.
"""
from __future__ import annotations

import struct
from pathlib import Path

import xlrd

from .cell_format import builtin_format_kind, excel_format_kind
from .sheet_facts import SheetFacts

NUMBER_TYPES = (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_DATE)
BOF, FORMULA, WORKSHEET = 0x0809, 0x0006, 0x0010


def read_xls_facts(path: Path) -> dict[str, SheetFacts]:
    """Facts per sheet name for an .xls file; empty when xlrd can't read it. Never raises."""
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True, logfile=_Quiet())
    except Exception:  # noqa: BLE001 - encrypted, odd or broken: no facts
        return {}
    facts: dict[str, SheetFacts] = {}
    try:
        kinds = format_kinds(book)
        formulas = workbook_formulas(book)
        for index, name in enumerate(book.sheet_names()):
            try:
                facts[name] = sheet_facts(book.sheet_by_index(index), kinds, formulas.get(index, frozenset()))
            except Exception:  # noqa: BLE001 - a fact we can't read is a fact we don't have
                continue
    finally:
        book.release_resources()
    return facts


def workbook_formulas(book: xlrd.book.Book) -> dict[int, frozenset[tuple[int, int]]]:
    """Worksheet index -> its formula cells, from the FORMULA records of each worksheet substream.

    Empty when the worksheet substreams don't match xlrd's worksheets one for one (odd files).
    """
    try:
        stream = book.mem[book.base:book.base + book.stream_len]
    except Exception:  # noqa: BLE001 - no stream kept: no formulas
        return {}
    found: list[set[tuple[int, int]]] = []
    cells: set[tuple[int, int]] | None = None
    at = 0
    while at + 4 <= len(stream):
        code, size = struct.unpack_from("<HH", stream, at)
        data = stream[at + 4:at + 4 + size]
        at += 4 + size
        if code == BOF and len(data) >= 4:
            cells = set() if struct.unpack_from("<H", data, 2)[0] == WORKSHEET else None
            if cells is not None:
                found.append(cells)
        elif code == FORMULA and cells is not None and len(data) >= 4:
            cells.add(struct.unpack_from("<HH", data, 0))
    if len(found) != book.nsheets:
        return {}
    return {index: frozenset(cells) for index, cells in enumerate(found) if cells}


def sheet_facts(sheet: xlrd.sheet.Sheet, kinds: dict[int, str] | None = None,
                formulas: frozenset[tuple[int, int]] = frozenset()) -> SheetFacts:
    """Hidden rows and columns, error-valued cells, number cells shown with a telling format
    (kinds: XF index -> kind, from format_kinds) and formula cells of one xlrd sheet, 0-based."""
    hidden_rows = frozenset(r for r, info in sheet.rowinfo_map.items() if info.hidden)
    hidden_cols = frozenset(c for c, info in sheet.colinfo_map.items() if info.hidden)
    errors = []
    formats = []
    for r in range(sheet.nrows):
        types = sheet.row_types(r)
        for c, kind in enumerate(types):
            if kind == xlrd.XL_CELL_ERROR:
                errors.append(((r, c), xlrd.error_text_from_code.get(sheet.cell_value(r, c), "#错误")))
            elif kind in NUMBER_TYPES and kinds:
                shown = kinds.get(sheet.cell_xf_index(r, c))
                if shown is not None:
                    formats.append(((r, c), shown))
    return SheetFacts(hidden_rows, hidden_cols, frozenset(), tuple(errors), formulas, tuple(formats))


def format_kinds(book: xlrd.book.Book) -> dict[int, str]:
    """XF index -> the kind of its number format, for the telling ones only (empty without formatting info)."""
    found: dict[int, str] = {}
    for index, xf in enumerate(getattr(book, "xf_list", None) or ()):
        shown = book.format_map.get(xf.format_key)
        code = shown.format_str if shown is not None else ""
        kind = excel_format_kind(code) if code else builtin_format_kind(xf.format_key)
        if kind is not None:
            found[index] = kind
    return found


class _Quiet:
    """A log file that swallows xlrd's warnings about odd records."""

    def write(self, text: str) -> int:
        return len(text)
