"""Read a spreadsheet into plain cell grids with their origin (file, sheet, cell address).

One reader per format, all giving the same SheetGrid: calamine for xlsx/xlsm/xls/ods (here),
csv_grid for .csv. Merged ranges (xlsx/xls) carry their value down their first column. Hidden
rows and columns, formulas with no cached value and error values are known for xlsx/xlsm
(xlsx_facts) and, except uncached formulas, for xls (xls_facts) and ods (ods_facts); csv has none,
and ods merges are not reported (calamine gives none).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
import zipfile
from pathlib import Path

import python_calamine

from .ods_facts import read_ods_facts
from .xls_facts import read_xls_facts
from .xlsx_facts import NO_FACTS, SheetFacts, read_xlsx_facts

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
ZIP_SUFFIXES = (".xlsx", ".xlsm", ".ods")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
CSV_SUFFIX = ".csv"
MAX_FILE_BYTES = 20 * 1024 * 1024        # a monthly form is a few dozen KB
MAX_UNPACKED_BYTES = 200 * 1024 * 1024   # what a zip-based workbook may expand to
MAX_SHEETS = 100
MAX_MERGE_GROWTH_CELLS = 1_000_000     # rows added for merged ranges below the data, in cells
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class UnreadableFile(Exception):
    """The file is not a spreadsheet countystat can open; the message is for the clerk."""

    def __init__(self, message_zh: str) -> None:
        super().__init__(message_zh)
        self.message_zh = message_zh


Merge = tuple[int, int, int, int]  # first_row, first_col, last_row, last_col, 0-based and inclusive


@dataclass(frozen=True)
class SheetGrid:
    """One sheet's cells as rows of values, row 0 / column 0 being cell A1.

    Every row of a merged range reads the range's top-left value in the range's first column (a
    label merged over two rows reads on both); `merged` lists the ranges.
    `hidden_rows`, `hidden_cols` and `uncached` (formula cells with no saved result, which read as
    '') are 0-based positions like `rows`, and may lie beyond the grid; `errors` maps cells holding an
    error value (`#DIV/0!`) to its text, which calamine reads as ''.
    """

    file_name: str
    name: str
    rows: list[list[object]]
    hidden: bool = False
    hidden_rows: frozenset[int] = frozenset()
    hidden_cols: frozenset[int] = frozenset()
    uncached: frozenset[tuple[int, int]] = frozenset()
    merged: tuple[Merge, ...] = ()
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    formats: dict[tuple[int, int], str] = field(default_factory=dict)  # cell -> a kind of cell_format.KINDS
    formulas: frozenset[tuple[int, int]] = frozenset()  # cells holding a formula (its cached value is read)

    def format_of(self, row: int, col: int) -> str | None:
        """The kind of number format the cell is shown with ('percent', 'date', …); None for a plain one."""
        return self.formats.get((row, col)) if self.formats else None

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
@lru_cache(maxsize=4096)  # one shared string per address: a backfill holds millions of them
def cell_address(row: int, col: int) -> str:
    """Excel address of a 0-based position: (6, 3) -> 'D7'."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


def read_workbook(path: Path, file_name: str | None = None) -> WorkbookGrid:
    """Read every worksheet of an xlsx/xlsm/xls/ods/csv file; raise UnreadableFile if it can't be."""
    file_name = file_name or path.name
    suffix = path.suffix.lower()
    if suffix == CSV_SUFFIX:
        from .csv_grid import read_csv_grid  # here, not at the top: csv_grid builds on this module

        return read_csv_grid(path, file_name)
    if suffix not in SPREADSHEET_SUFFIXES:
        raise UnreadableFile(
            f"文件「{file_name}」不是Excel表格（{path.suffix or '无扩展名'}），"
            "请使用下发的报表模板（.xlsx）填报"
        )
    check_container(path, file_name)
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        try:
            worksheets = [meta for meta in book.sheets_metadata
                          if meta.typ == python_calamine.SheetTypeEnum.WorkSheet]
            facts = _sheet_facts(path, suffix) if worksheets else {}
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


def _sheet_facts(path: Path, suffix: str) -> dict[str, SheetFacts]:
    """Hidden rows/columns, uncached formulas and error values, from the reader that can see them."""
    if suffix in XLSX_SUFFIXES:
        return read_xlsx_facts(path)
    if suffix == ".xls":
        return read_xls_facts(path)
    if suffix == ".ods":
        return read_ods_facts(path)
    return {}


def check_container(path: Path, file_name: str) -> None:
    """Refuse, before parsing, files that are too big, expand absurdly, or hold too many sheets."""
    size = path.stat().st_size
    if size == 0:
        raise UnreadableFile(f"文件「{file_name}」是空文件，请重新保存后报送")
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(
            f"文件「{file_name}」过大（{size / 1024 / 1024:.1f} MB，上限{MAX_FILE_BYTES // 1024 // 1024} MB），"
            "请只报送统计报表本身"
        )
    with path.open("rb") as handle:
        head = handle.read(len(OLE_SIGNATURE))
    if path.suffix.lower() not in ZIP_SUFFIXES:
        return
    if head == OLE_SIGNATURE:
        raise UnreadableFile(f"文件「{file_name}」已加密，请取消密码后重新报送")
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UnreadableFile(
            f"文件「{file_name}」无法打开，可能已损坏或不是Excel文件，请重新保存后报送"
        ) from None
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
        raise UnreadableFile(f"文件「{file_name}」解压后异常庞大，疑似损坏或恶意文件，请重新保存后报送")
    sheets = [e for e in entries if e.filename.startswith("xl/worksheets/") and e.filename.endswith(".xml")]
    if len(sheets) > MAX_SHEETS:
        raise UnreadableFile(
            f"文件「{file_name}」有{len(sheets)}个工作表（上限{MAX_SHEETS}个），请只保留统计报表"
        )


def _sheet_grid(book: python_calamine.CalamineWorkbook, meta: object, file_name: str,
                facts: dict[str, SheetFacts]) -> SheetGrid:
    name = meta.name  # type: ignore[attr-defined]
    hidden = meta.visible != python_calamine.SheetVisibleEnum.Visible  # type: ignore[attr-defined]
    sheet = book.get_sheet_by_name(name)
    rows = sheet.to_python(skip_empty_area=False)
    merged = _merged_ranges(sheet.merged_cell_ranges)
    if merged:
        _fill_merged(rows, merged)
    known = facts.get(name, NO_FACTS)
    return SheetGrid(file_name, name, rows, hidden,
                     known.hidden_rows, known.hidden_cols, known.uncached, merged, dict(known.errors))


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


def _fill_merged(rows: list[list[object]], merged: tuple[Merge, ...]) -> None:
    """Copy each merged range's top-left value down its first column, growing the grid if needed.

    Only the first column: a heading merged across the table (a form's section rows span the 本月
    column) must not look like a value typed into every column. The grid grows, staying
    rectangular, by at most MAX_MERGE_GROWTH_CELLS cells; past that, ranges stop at its edge.
    """
    height, width = len(rows), max((len(row) for row in rows), default=0)
    valued = [m for m in merged if m[2] > m[0] and not _blank(rows, m[0], m[1])]
    if not valued:
        return
    need_height = max(height, max(m[2] for m in valued) + 1)
    if (need_height - height) * width <= MAX_MERGE_GROWTH_CELLS:
        rows.extend([""] * width for _ in range(need_height - height))
    for r1, c1, r2, _ in valued:
        value = rows[r1][c1]
        for row in rows[r1 + 1:r2 + 1]:
            row[c1] = value


def _blank(rows: list[list[object]], row: int, col: int) -> bool:
    """Whether the cell is empty ('' or None) or lies outside the grid."""
    if row >= len(rows) or col >= len(rows[row]):
        return True
    value = rows[row][col]
    return value is None or value == ""
