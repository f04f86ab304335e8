"""Read a spreadsheet into plain cell grids with their origin (file, sheet, cell address)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import python_calamine

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


class UnreadableFile(Exception):
    """The file is not a spreadsheet countystat can open; the message is for the clerk."""

    def __init__(self, message_zh: str) -> None:
        super().__init__(message_zh)
        self.message_zh = message_zh


@dataclass(frozen=True)
class SheetGrid:
    """One sheet's cells as rows of values, row 0 / column 0 being cell A1."""

    file_name: str
    name: str
    rows: list[list[object]]
    hidden: bool = False

    def value(self, row: int, col: int) -> object:
        """The value at a 0-based position, '' where the sheet has nothing."""
        if row < len(self.rows) and col < len(self.rows[row]):
            return self.rows[row][col]
        return ""

    def text(self, row: int, col: int) -> str:
        """The value at a position as stripped text."""
        value = self.value(row, col)
        return value.strip() if isinstance(value, str) else ("" if value is None else str(value))


@dataclass(frozen=True)
class WorkbookGrid:
    """Every sheet of one received file."""

    file_name: str
    sheets: list[SheetGrid]

    def sheet(self, name: str) -> SheetGrid | None:
        """The sheet with this name, if the workbook has it."""
        return next((s for s in self.sheets if s.name == name), None)

    def visible_sheets(self) -> list[SheetGrid]:
        """The sheets a person sees when opening the file."""
        return [s for s in self.sheets if not s.hidden]


@lru_cache(maxsize=65536)
def cell_address(row: int, col: int) -> str:
    """Excel address of a 0-based position: (6, 3) -> 'D7'."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


def read_workbook(path: Path, file_name: str | None = None) -> WorkbookGrid:
    """Read every worksheet of an xlsx/xlsm/xls/ods file; raise UnreadableFile if it can't be."""
    file_name = file_name or path.name
    if path.suffix.lower() not in SPREADSHEET_SUFFIXES:
        raise UnreadableFile(
            f"文件「{file_name}」不是Excel表格（{path.suffix or '无扩展名'}），"
            "请使用下发的报表模板（.xlsx）填报"
        )
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        try:
            sheets = [_sheet_grid(book, meta, file_name) for meta in book.sheets_metadata
                      if meta.typ == python_calamine.SheetTypeEnum.WorkSheet]
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


def _sheet_grid(book: python_calamine.CalamineWorkbook, meta: object, file_name: str) -> SheetGrid:
    name = meta.name  # type: ignore[attr-defined]
    hidden = meta.visible != python_calamine.SheetVisibleEnum.Visible  # type: ignore[attr-defined]
    rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    return SheetGrid(file_name, name, rows, hidden)
