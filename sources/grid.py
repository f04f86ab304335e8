"""Read a received spreadsheet into typed cell grids, with the reader its content calls for.

`read_workbook` accepts the extensions clerks send (.xlsx .xlsm .xlsb .xls .ods .csv .txt) and
then trusts the bytes, not the name (container.container_kind):
- a zip package or a BIFF8 .xls: python-calamine (grid_calamine), with formats, formulas, hidden
  rows/columns and error values from the file itself (xlsx_facts, xls_facts, ods_facts);
- an Excel 95 (BIFF5) .xls: xlrd (grid_biff5), which decodes its code-page strings;
- text: an Excel 2003 XML workbook (grid_spreadsheetml), an HTML table (grid_html) or delimited
  text, CSV or tab-separated, UTF-8, GBK or UTF-16 (grid_text). Text is read for .csv and .txt,
  and for .xls, which government web systems write as XML, HTML or tab-separated text and Excel
  opens; an .xlsx/.xlsm/.xlsb/.ods holding text is broken.
Anything else is refused with a Chinese message (UnreadableFile). The types live in sheet_grid.
"""
from __future__ import annotations

from pathlib import Path

from .container import (BIFF5, MAX_FILE_BYTES, MAX_SHEETS, MAX_UNPACKED_BYTES, OLE_SIGNATURE, TEXT,
                        check_container, opened_container)
from .grid_biff5 import read_biff5_grid
from .grid_calamine import read_calamine_grid
from .grid_html import looks_like_html, read_html_grid
from .grid_spreadsheetml import looks_like_spreadsheetml, read_spreadsheetml_grid
from .grid_text import read_text_grid
from .sheet_grid import Merge, SheetGrid, UnreadableFile, WorkbookGrid, cell_address

__all__ = ["MAX_FILE_BYTES", "MAX_SHEETS", "MAX_UNPACKED_BYTES", "OLE_SIGNATURE", "SUFFIXES", "Merge", "SheetGrid",
           "UnreadableFile", "WorkbookGrid", "cell_address", "check_container", "read_workbook"]

SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".csv", ".txt")
TEXT_READ_SUFFIXES = (".xls", ".csv", ".txt")  # where text (HTML, CSV, tab-separated) is an honest content


def read_workbook(path: Path, file_name: str | None = None) -> WorkbookGrid:
    """Read every worksheet of a received file by its content; raise UnreadableFile if it can't be."""
    file_name = file_name or path.name
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UnreadableFile(
            f"文件「{file_name}」不是Excel表格（{path.suffix or '无扩展名'}），"
            "请使用下发的报表模板（.xlsx）填报"
        )
    with opened_container(path, file_name) as (kind, archive):
        if kind == BIFF5:
            return read_biff5_grid(path, file_name)
        if kind != TEXT:
            return read_calamine_grid(path, file_name, kind, archive)
    if suffix not in TEXT_READ_SUFFIXES:
        raise UnreadableFile(f"文件「{file_name}」无法打开，可能已损坏或不是Excel文件，请重新保存后报送")
    data = path.read_bytes()
    if looks_like_spreadsheetml(data):
        return read_spreadsheetml_grid(data, file_name)
    if looks_like_html(data):
        return read_html_grid(data, file_name)
    return read_text_grid(data, file_name)
