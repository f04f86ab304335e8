"""The typed grid every format reader gives: one sheet's cells with what a person sees of them.

A SheetGrid holds the values (row 0 / column 0 being cell A1) and, per cell where the format can
tell, the kind of number format it is shown with, whether it holds a formula, hidden rows and
columns, merged ranges and error values. The readers (grid_calamine, grid_biff5, grid_html,
grid_text) all produce it; grid.read_workbook picks the reader by the file's content.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

MAX_MERGE_GROWTH_CELLS = 1_000_000     # rows added for merged ranges below the data, in cells


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
    `formats` maps cells shown with a telling number format to its kind (cell_format.PERCENT, DATE,
    TIME, TEXT; xlsx/xlsm, xls, ods and Excel 2003 XML; TEXT only where the file keeps it for number
    cells: xlsx), and `formulas` lists the cells holding a formula (xlsx/xlsm, xls, ods, Excel 2003
    XML). Text formats (CSV, HTML) and xlsb have neither: every text cell is what the clerk sees.
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


@lru_cache(maxsize=65536)  # one shared string per address: a backfill holds millions of them
def cell_address(row: int, col: int) -> str:
    """Excel address of a 0-based position: (6, 3) -> 'D7'."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


def fill_merged(rows: list[list[object]], merged: tuple[Merge, ...]) -> None:
    """Copy each merged range's top-left value down its first column, growing the grid if needed (in place).

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
