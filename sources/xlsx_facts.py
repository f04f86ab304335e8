"""What calamine can't say about an xlsx/xlsm sheet: hidden rows and columns, formulas, number formats.

The facts come straight from each worksheet part in the zip (xlsx_parts finds them), read from the
part's bytes (xlsx_sheet_facts) with the number-format kinds of the file's cell styles (xlsx_styles).
A filled form costs about half a millisecond, most of it opening the zip: a byte search of every
worksheet part first decides whether any sheet hides anything, holds a formula or an error value, or
mentions a telling style at all, and the usual form (none of these) skips the rest. Anything
unexpected gives no facts for that sheet, never an error.

Limits (.xls and .ods have their own facts modules): rows hidden only by `<sheetFormatPr zeroHeight="1">`, or by a collapsed outline without hidden="1" on the row, are not
seen; a sheet mixing namespace prefixes for its own elements, or larger than MAX_PART_BYTES, gets
no facts or only some.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from .sheet_facts import SheetFacts
from .xlsx_parts import sheet_parts
from .xlsx_sheet_facts import has_error_cell, has_formula, sheet_facts
from .xlsx_styles import mentions_style, style_kinds
from .zip_package import read_part

MAX_PART_BYTES = 64 * 1024 * 1024   # a worksheet part this large gets no facts


def read_xlsx_facts(source: Path | zipfile.ZipFile) -> dict[str, SheetFacts]:
    """Facts per sheet name, from the file or its zip package already open (left open); a sheet that is
    missing, odd or too big simply has none. Never raises."""
    try:
        if isinstance(source, zipfile.ZipFile):
            return _facts(source)
        with zipfile.ZipFile(source) as archive:
            return _facts(archive)
    except Exception:  # noqa: BLE001 - calamine has already judged whether the file is readable
        return {}


def _facts(archive: zipfile.ZipFile) -> dict[str, SheetFacts]:
    """The facts of an open package's sheets (the usual form: none, found by a byte search alone)."""
    styles = style_kinds(archive)
    if not _any_sheet_has_facts(archive, styles):
        return {}  # the usual form: nothing hidden, no formulas, plain formats; skip the workbook parts
    facts: dict[str, SheetFacts] = {}
    for name, info in sheet_parts(archive).items():
        try:
            if info.file_size <= MAX_PART_BYTES:
                facts[name] = sheet_facts(read_part(archive, info), styles)
        except Exception:  # noqa: BLE001 - a fact we can't read is a fact we don't have
            continue
    return facts


def _any_sheet_has_facts(archive: zipfile.ZipFile, styles: dict[int, str]) -> bool:
    """True when some worksheet part mentions hiding, a formula or a telling style at all (a cheap byte search)."""
    for info in archive.infolist():
        name = info.filename.replace("\\", "/").lower()
        if "worksheets/" not in name or not name.endswith(".xml"):
            continue
        if info.file_size > MAX_PART_BYTES:
            return True
        xml = read_part(archive, info)
        if b"hidden" in xml or has_formula(xml) or has_error_cell(xml) or mentions_style(xml, styles):
            return True
    return False
