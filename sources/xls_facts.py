"""What calamine can't say about an .xls (BIFF) sheet: hidden rows and columns, error values.

xlrd reads the BIFF records calamine does not expose: a row's or column's hidden flag, and a formula's
cached error (`#DIV/0!`), which calamine reads as ''. Anything xlrd can't read gives no facts, never
an error: calamine has already judged whether the file is readable.
"""
from __future__ import annotations

from pathlib import Path

import xlrd

from .xlsx_facts import SheetFacts


def read_xls_facts(path: Path) -> dict[str, SheetFacts]:
    """Facts per sheet name for an .xls file; empty when xlrd can't read it. Never raises."""
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True, logfile=_Quiet())
    except Exception:  # noqa: BLE001 - encrypted, odd or broken: no facts
        return {}
    facts: dict[str, SheetFacts] = {}
    try:
        for index, name in enumerate(book.sheet_names()):
            try:
                facts[name] = sheet_facts(book.sheet_by_index(index))
            except Exception:  # noqa: BLE001 - a fact we can't read is a fact we don't have
                continue
    finally:
        book.release_resources()
    return facts


def sheet_facts(sheet: xlrd.sheet.Sheet) -> SheetFacts:
    """Hidden rows and columns and error-valued cells of one xlrd sheet, 0-based."""
    hidden_rows = frozenset(r for r, info in sheet.rowinfo_map.items() if info.hidden)
    hidden_cols = frozenset(c for c, info in sheet.colinfo_map.items() if info.hidden)
    errors = tuple(
        ((r, c), xlrd.error_text_from_code.get(sheet.cell_value(r, c), "#错误"))
        for r in range(sheet.nrows) for c in range(sheet.row_len(r))
        if sheet.cell_type(r, c) == xlrd.XL_CELL_ERROR
    )
    return SheetFacts(hidden_rows, hidden_cols, frozenset(), errors)


class _Quiet:
    """A log file that swallows xlrd's warnings about odd records."""

    def write(self, text: str) -> int:
        return len(text)
