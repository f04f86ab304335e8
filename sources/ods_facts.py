"""What calamine can't say about an .ods sheet: hidden rows and columns, error values, formulas, formats.

An .ods file is a zip whose content.xml holds every sheet. Most forms hide nothing, hold no error
or formula and show plain numbers, so a byte search decides first; only then is content.xml walked
(iterparse, each row cleared once read), counting repeated rows and columns to place each cell.
A cell's format kind is its office:value-type (percentage, date, time): ODF states what the cell
shows. Anything odd gives no facts, never an error: calamine has already judged whether the file
is readable.
"""
from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree

from .cell_format import DATE, PERCENT, TIME
from .sheet_facts import MAX_COLS, MAX_ROWS, SheetFacts

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
CALCEXT = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
MAX_CONTENT_BYTES = 64 * 1024 * 1024
HIDDEN = ("collapse", "filter")
VALUE_KINDS = {"percentage": PERCENT, "date": DATE, "time": TIME}
MARKS = (b'value-type="error"', b'visibility="', b'value-type="percentage"', b'value-type="date"',
         b'value-type="time"', b"table:formula=", b"number-rows-spanned")
MAX_NOTED_CELLS = 200_000  # formats and formulas noted per sheet; a form has a few hundred cells


def read_ods_facts(path: Path) -> dict[str, SheetFacts]:
    """Facts per sheet name for an .ods file; empty when there are none or it can't be read. Never raises."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("content.xml")
            if info.file_size > MAX_CONTENT_BYTES:
                return {}
            with archive.open(info) as content:
                data = content.read()
            if not any(mark in data for mark in MARKS):
                return {}  # the usual form: nothing hidden, no error values, formulas or formats
            return _facts(data)
    except Exception:  # noqa: BLE001 - a fact we can't read is a fact we don't have
        return {}


def _facts(data: bytes) -> dict[str, SheetFacts]:
    import io

    facts: dict[str, SheetFacts] = {}
    sheet, row, col = "", 0, 0
    hidden_rows: set[int] = set()
    hidden_cols: set[int] = set()
    errors: list[tuple[tuple[int, int], str]] = []
    formulas: set[tuple[int, int]] = set()
    formats: dict[tuple[int, int], str] = {}
    merged: list[tuple[int, int, int, int]] = []  # calamine gives no merged ranges for .ods
    in_row: list[tuple[int, str | None, bool]] = []  # (column, format kind, formula) of this row's cells
    for event, element in ElementTree.iterparse(io.BytesIO(data), events=("start", "end")):
        tag = element.tag
        if event == "start" and tag == f"{{{TABLE}}}table":
            sheet, row, col = element.get(f"{{{TABLE}}}name", ""), 0, 0
            hidden_rows, hidden_cols, errors, formulas, formats, merged = set(), set(), [], set(), {}, []
        elif event == "start" and tag == f"{{{TABLE}}}table-column":
            repeat = _repeat(element, "number-columns-repeated")
            if element.get(f"{{{TABLE}}}visibility") in HIDDEN:
                hidden_cols.update(range(col, min(col + repeat, MAX_COLS)))
            col += repeat
        elif event == "start" and tag == f"{{{TABLE}}}table-row":
            col, in_row = 0, []
        elif event == "end" and tag in (f"{{{TABLE}}}table-cell", f"{{{TABLE}}}covered-table-cell"):
            repeat = _repeat(element, "number-columns-repeated")
            if element.get(f"{{{CALCEXT}}}value-type") == "error":
                text = "".join(element.itertext()).strip() or "#错误"
                errors.append(((row, col), text))
            kind = VALUE_KINDS.get(element.get(f"{{{OFFICE}}}value-type", ""))
            formula = element.get(f"{{{TABLE}}}formula") is not None
            down, across = _repeat(element, "number-rows-spanned"), _repeat(element, "number-columns-spanned")
            if (down > 1 or across > 1) and len(merged) < MAX_NOTED_CELLS:
                merged.append((row, col, row + down - 1, col + across - 1))
            if kind or formula:
                in_row.extend((c, kind, formula) for c in range(col, min(col + repeat, MAX_COLS)))
            col += repeat
        elif event == "end" and tag == f"{{{TABLE}}}table-row":
            repeat = _repeat(element, "number-rows-repeated")
            if element.get(f"{{{TABLE}}}visibility") in HIDDEN:
                hidden_rows.update(range(row, min(row + repeat, MAX_ROWS)))
            for r in range(row, min(row + repeat, MAX_ROWS)) if in_row else ():
                if len(formats) + len(formulas) > MAX_NOTED_CELLS:
                    break
                for c, kind, formula in in_row:
                    if kind:
                        formats[(r, c)] = kind
                    if formula:
                        formulas.add((r, c))
            row += repeat
            element.clear()
        elif event == "end" and tag == f"{{{TABLE}}}table":
            if hidden_rows or hidden_cols or errors or formulas or formats or merged:
                facts[sheet] = SheetFacts(frozenset(hidden_rows), frozenset(hidden_cols), frozenset(), tuple(errors),
                                          frozenset(formulas), tuple(formats.items()), tuple(sorted(merged)))
            element.clear()
    return facts


def _repeat(element: ElementTree.Element, attribute: str) -> int:
    return max(1, int(element.get(f"{{{TABLE}}}{attribute}", "1")))
