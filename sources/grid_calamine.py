"""Read an xlsx/xlsm, xlsb, BIFF8 .xls or ods workbook with python-calamine into typed SheetGrids.

calamine gives the values (dates as datetime) and merged ranges (xlsx/xls); what it can't see comes
from the file itself: hidden rows and columns, formula cells, error values and number formats
(xlsx_facts, xls_facts, ods_facts). xlsb gets no facts. Merged ranges carry their value down their
first column (sheet_grid.fill_merged).
"""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from pathlib import Path

import python_calamine

from .container import ODS, XLS, XLSB, XLSX
from .ods_facts import read_ods_facts
from .sheet_facts import NO_FACTS, SheetFacts
from .sheet_grid import Merge, SheetGrid, UnreadableFile, WorkbookGrid, fill_merged
from .xls_facts import read_xls_facts
from .xlsx_facts import read_xlsx_facts
from .zip_package import ZipPackage

SUFFIXES = {XLSX: (".xlsx", ".xlsm"), XLSB: (".xlsb",), XLS: (".xls",), ODS: (".ods",)}


def read_calamine_grid(path: Path, file_name: str, kind: str, archive: zipfile.ZipFile | None = None) -> WorkbookGrid:
    """Every worksheet of a workbook of this container kind (its zip package, when already open, read for
    the facts); raise UnreadableFile if it can't be read."""
    try:
        if kind == XLSX and isinstance(archive, ZipPackage):  # its bytes, already read for the facts
            book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(archive.data))
        elif path.suffix.lower() in SUFFIXES[kind]:
            book = python_calamine.CalamineWorkbook.from_path(str(path))
        else:  # calamine picks its reader by the extension; from bytes it tries each
            book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes()))
        try:
            worksheets = [meta for meta in book.sheets_metadata
                          if meta.typ == python_calamine.SheetTypeEnum.WorkSheet]
            facts = _sheet_facts(path, kind, archive) if worksheets else {}
            sheets = [_sheet_grid(book, meta, file_name, facts) for meta in worksheets]
        finally:
            book.close()
    except python_calamine.PasswordError:
        raise UnreadableFile(f"文件「{file_name}」已加密，请取消密码后重新报送") from None
    except UnreadableFile:
        raise
    except Exception as exc:  # calamine reports broken files with several exception types
        raise UnreadableFile(
            f"文件「{file_name}」无法打开，可能已损坏或不是Excel文件（{type(exc).__name__}），"
            "请重新保存后报送"
        ) from None
    if not sheets:
        raise UnreadableFile(f"文件「{file_name}」中没有工作表")
    return WorkbookGrid(file_name, sheets)


def _sheet_facts(path: Path, kind: str, archive: zipfile.ZipFile | None) -> dict[str, SheetFacts]:
    """Hidden rows/columns, formulas, error values and formats, from the reader that can see them."""
    if kind == XLSX:
        return read_xlsx_facts(archive or path)
    if kind == XLS:
        return read_xls_facts(path)
    if kind == ODS:
        return read_ods_facts(path)
    return {}


def _sheet_grid(book: python_calamine.CalamineWorkbook, meta: object, file_name: str,
                facts: dict[str, SheetFacts]) -> SheetGrid:
    name = meta.name  # type: ignore[attr-defined]
    hidden = meta.visible != python_calamine.SheetVisibleEnum.Visible  # type: ignore[attr-defined]
    sheet = book.get_sheet_by_name(name)
    rows = sheet.to_python(skip_empty_area=False)
    known = facts.get(name, NO_FACTS)
    merged = _merged_ranges(sheet.merged_cell_ranges) or known.merged  # .ods: from its content.xml
    if merged:
        fill_merged(rows, merged)
    if known is NO_FACTS:
        return SheetGrid(file_name, name, rows, hidden, merged=merged)
    return SheetGrid(file_name, name, rows, hidden, known.hidden_rows, known.hidden_cols, known.uncached, merged,
                     dict(known.errors), dict(known.formats), known.formulas)


def _merged_ranges(ranges: Iterable[object] | None) -> tuple[Merge, ...]:
    """calamine's merged ranges ((r1, c1), (r2, c2)) as sorted (r1, c1, r2, c2); odd entries dropped."""
    found: set[Merge] = set()
    for entry in ranges or ():
        try:
            (r1, c1), (r2, c2) = entry  # type: ignore[misc]
            r1, c1, r2, c2 = int(r1), int(c1), int(r2), int(c2)
        except (TypeError, ValueError):
            continue
        if 0 <= r1 <= r2 and 0 <= c1 <= c2 and (r1, c1) != (r2, c2):
            found.add((r1, c1, r2, c2))
    return tuple(sorted(found))
