"""The send-back workbook for a rejected file: its problems listed first, then its own sheets marked."""
from __future__ import annotations

import re
import warnings
from copy import copy
from dataclasses import dataclass, field, replace
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from .grid import SheetGrid, check_container, read_workbook
from .problems import Problem
from .submission import Submission
from .xlsx_writing import (
    BOX, SONG, cell_text, fit_a4, fitted_width, save_atomically, style_header, text_width, wrapped_lines,
)

SENDBACK_SHEET = "退回说明"
SENDBACK_SUFFIX = "_退回修改"
AUTHOR = "countystat"
IN_PLACE_SUFFIXES = (".xlsx", ".xlsm")
HEADER = ("序号", "工作表", "单元格", "问题及修改要求")
WIDTHS = (6, 14, 9, 66)
HEADER_ROW = 5
BLOCKING_MARK = ("FFC7CE", "9C0006")  # Excel's "Bad" style: light red fill, dark red text
OTHER_MARK = ("FFEB9C", "9C5700")     # Excel's "Neutral" style, for warnings and notes
CELL_REF = re.compile(r"^\$?([A-Z]{1,3})\$?([1-9][0-9]{0,6})$")
MAX_MERGED_CELLS = 100_000  # openpyxl makes an object per merged cell
INVALID_TITLE = re.compile(r"[\[\]:*?/\\]")


@dataclass
class TownshipCopy:
    """A workbook holding the township's own sheets, and which sheet title each original name got."""

    book: Workbook
    titles: dict[str, str] = field(default_factory=dict)
    previous_marks: list[tuple[str, str]] = field(default_factory=list)


def sendback_file_name(source_file: str) -> str:
    """'柳河镇6月.xlsx' -> '柳河镇6月_退回修改.xlsx' (a returned send-back keeps its name)."""
    stem = Path(source_file).stem.removesuffix(SENDBACK_SUFFIX) or "报表"
    return f"{stem}{SENDBACK_SUFFIX}.xlsx"


def sendback_title(submission: Submission, registry_name: str | None = None) -> str:
    """'柳河镇 2020年6月 报表退回修改说明', leaving out the unit or month when unknown."""
    unit = registry_name or submission.unit_code or ""
    month = f"{submission.period.year}年{submission.period.month}月" if submission.period else ""
    return " ".join(part for part in (unit, month, "报表退回修改说明") if part)


def write_sendback(
    original: Path, submission: Submission, folder: Path, registry_name: str | None = None
) -> Path:
    """Write <folder>/<name>_退回修改.xlsx: the problems first, then the file's sheets marked red."""
    folder.mkdir(parents=True, exist_ok=True)
    file_name = submission.source_file or original.name
    target = folder / sendback_file_name(file_name)
    for township_copy in (_opened_in_place, _converted_from_grid):
        try:
            township = township_copy(original, file_name)
            if township is not None:
                save_atomically(_finished(township, submission, registry_name), target)
                return target
        except Exception:  # noqa: BLE001 - real files break openpyxl in many ways; fall back
            continue
    save_atomically(_finished(TownshipCopy(_empty_book()), submission, registry_name), target)
    return target


def _opened_in_place(original: Path, file_name: str) -> TownshipCopy | None:
    """The original xlsx/xlsm itself, unprotected, with any earlier send-back sheet removed."""
    if original.suffix.lower() not in IN_PLACE_SUFFIXES:
        return None
    check_container(original, file_name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # unsupported extensions are dropped, which is fine here
        book = load_workbook(original, keep_vba=False, data_only=False)
    previous: list[tuple[str, str]] = []
    if SENDBACK_SHEET in book.sheetnames:
        previous = _listed_cells(book[SENDBACK_SHEET])
        del book[SENDBACK_SHEET]
    if not book.worksheets:
        return None
    for sheet in book.worksheets:
        sheet.protection.sheet = False
    return TownshipCopy(book, {s.title: s.title for s in book.worksheets}, previous)


def _converted_from_grid(original: Path, file_name: str) -> TownshipCopy | None:
    """A new workbook with one sheet of plain values per visible sheet of the file."""
    grid = read_workbook(original, file_name)
    book = _empty_book()
    titles: dict[str, str] = {}
    for sheet in grid.visible_sheets():
        if sheet.name == SENDBACK_SHEET:
            continue
        title = _sheet_title(sheet.name, set(titles.values()))
        _write_grid(book.create_sheet(title), sheet)
        titles[sheet.name] = title
    return TownshipCopy(book, titles) if titles else None


def _empty_book() -> Workbook:
    book = Workbook()
    book.remove(book.active)
    return book


def _finished(township: TownshipCopy, submission: Submission, registry_name: str | None) -> Workbook:
    """The township's sheets with the explanation sheet in front and every problem cell marked."""
    book = township.book
    for sheet_name, ref in township.previous_marks:
        if sheet_name in township.titles:
            _clear_mark(book[township.titles[sheet_name]], ref)
    marked = _mark_problem_cells(township, submission.problems)
    explanation = book.create_sheet(SENDBACK_SHEET, 0)
    _write_explanation(explanation, submission, registry_name, bool(township.titles), marked)
    book.active = 0
    for sheet in book.worksheets:
        sheet.sheet_view.tabSelected = sheet is explanation
    for view in book.views:
        view.firstSheet = 0
    return book


def _write_explanation(
    sheet: Worksheet, submission: Submission, registry_name: str | None, has_copy: bool, marked: int
) -> None:
    problems = sorted(submission.problems, key=lambda p: not p.blocking)
    last = get_column_letter(len(HEADER))
    if not has_copy:
        advice = "文件无法打开，未附原表。请按下表要求处理后重新报送。"
    elif marked:
        advice = ("请按下表逐项修改后重新报送。有问题的单元格已在后面的原表中标红并加批注"
                  "（鼠标移到单元格上可查看）。")
    else:
        advice = "请按下表逐项修改后重新报送。后面附有原表，可直接在原表上修改。"
    lines = (
        (sendback_title(submission, registry_name), Font(name="黑体", size=16, bold=True), 32),
        (f"原文件：{submission.source_file}", Font(name=SONG, size=11), None),
        (advice, Font(name=SONG, size=11), _row_height(advice, sum(WIDTHS))),
    )
    for row, (text, font, height) in enumerate(lines, start=1):
        sheet.merge_cells(f"A{row}:{last}{row}")
        cell = sheet.cell(row, 1, cell_text(text))
        cell.font = font
        cell.alignment = Alignment(horizontal="center" if row == 1 else "left", vertical="center",
                                   wrap_text=True)
        sheet.row_dimensions[row].height = height or _row_height(text, sum(WIDTHS))
    for col, (text, width) in enumerate(zip(HEADER, WIDTHS), start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
        style_header(sheet.cell(HEADER_ROW, col, text))
    for number, problem in enumerate(problems, start=1):
        row = HEADER_ROW + number
        values = (number, problem.sheet, problem.cell, cell_text(_request(problem)))
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row, col, cell_text(value) if isinstance(value, str) else value)
            cell.data_type = "n" if col == 1 else "s"
            cell.font = Font(name=SONG, size=11, color=None if problem.blocking else OTHER_MARK[1])
            cell.alignment = Alignment(horizontal="left" if col in (2, 4) else "center", vertical="center",
                                       wrap_text=True)
            cell.border = BOX
        sheet.row_dimensions[row].height = max(_row_height(v, w) for v, w in zip(values[1:], WIDTHS[1:]))
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    _set_a4(sheet)


def _request(problem: Problem) -> str:
    """The problem's wording without its location (the table has columns for that)."""
    return replace(problem, file="", sheet="", cell="").message()


def _mark_problem_cells(township: TownshipCopy, problems: list[Problem]) -> int:
    """Fill each problem cell and attach the problems' text as a comment; return how many."""
    by_cell: dict[tuple[str, str], list[Problem]] = {}
    for problem in problems:
        title = township.titles.get(problem.sheet)
        ref = _cell_ref(problem.cell)
        if title is not None and ref is not None:
            cell = _top_left(township.book[title], ref)
            by_cell.setdefault((title, cell), []).append(problem)
    for (title, ref), found in by_cell.items():
        _mark(township.book[title][ref], found)
    return len(by_cell)


def _mark(cell: Cell, problems: list[Problem]) -> None:
    """Red for a blocking problem (yellow for warnings and notes), with the words as a comment."""
    fill, text = BLOCKING_MARK if any(p.blocking for p in problems) else OTHER_MARK
    cell.fill = PatternFill("solid", fgColor=fill)
    font = copy(cell.font)
    font.color = text
    cell.font = font
    words = cell_text("\n".join(_request(p) for p in problems))
    cell.comment = Comment(words, AUTHOR, height=min(30 + 18 * wrapped_lines(words, 36), 600), width=300)


def _clear_mark(sheet: Worksheet, ref: str) -> None:
    """Undo an earlier send-back's mark on a cell the clerk has since fixed."""
    parsed = _cell_ref(ref)
    if parsed is None:
        return
    cell = sheet[_top_left(sheet, parsed)]
    if cell.comment is not None and cell.comment.author == AUTHOR:
        cell.comment = None
    colour = (cell.fill.fgColor.rgb or "") if cell.fill.patternType == "solid" else ""
    if isinstance(colour, str) and colour[-6:].upper() in (BLOCKING_MARK[0], OTHER_MARK[0]):
        cell.fill = PatternFill()
        font = copy(cell.font)
        font.color = None
        cell.font = font


def _listed_cells(sheet: Worksheet) -> list[tuple[str, str]]:
    """The (sheet, cell) pairs an earlier send-back's explanation sheet listed."""
    rows = sheet.iter_rows(min_row=HEADER_ROW + 1, max_row=min(sheet.max_row, HEADER_ROW + 10000),
                           min_col=2, max_col=3, values_only=True)
    return [(str(name), str(ref)) for name, ref in rows if name and ref]


def _cell_ref(text: str) -> str | None:
    """The problem's cell as an address openpyxl accepts, or None when it names no single cell."""
    match = CELL_REF.match(text.strip().upper())
    if match is None or column_index_from_string(match[1]) > 16384 or int(match[2]) > 1048576:
        return None
    return f"{match[1]}{match[2]}"


def _top_left(sheet: Worksheet, ref: str) -> str:
    """The cell that carries a merged range's value and style, or the cell itself."""
    for merged in sheet.merged_cells.ranges:
        if ref in merged:
            return f"{get_column_letter(merged.min_col)}{merged.min_row}"
    return ref


def _write_grid(sheet: Worksheet, grid: SheetGrid) -> None:
    """The grid's values; merged ranges merged again with their value in the top-left cell only."""
    covered = _merge_cells(sheet, grid)
    widths: dict[int, int] = {}
    for r, row in enumerate(grid.rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is None or value == "" or (r, c) in covered:
                continue
            cell = sheet.cell(r, c)
            if isinstance(value, str):
                cell.value = cell_text(value)
                cell.data_type = "s"  # text that starts with '=' stays text
            else:
                cell.value = value
            widths[c] = max(widths.get(c, 0), text_width(str(value)))
    for c, width in widths.items():
        sheet.column_dimensions[get_column_letter(c)].width = fitted_width(width, 8, 50)
    _set_a4(sheet)


def _merge_cells(sheet: Worksheet, grid: SheetGrid) -> set[tuple[int, int]]:
    """Merge the grid's merged ranges (within a cell budget); return the 1-based cells they cover."""
    covered: set[tuple[int, int]] = set()
    budget = MAX_MERGED_CELLS
    for r1, c1, r2, c2 in grid.merged:
        size = (r2 - r1 + 1) * (c2 - c1 + 1)
        if size < 2 or size > budget or r2 >= 1048576 or c2 >= 16384:
            continue
        budget -= size
        sheet.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
        covered.update((r, c) for r in range(r1 + 1, r2 + 2) for c in range(c1 + 1, c2 + 2))
        covered.discard((r1 + 1, c1 + 1))
    return covered


def _sheet_title(name: str, taken: set[str]) -> str:
    """A title Excel accepts (no []:*?/\\, at most 31 characters, unique) for a sheet name."""
    base = INVALID_TITLE.sub("_", name).strip("'")[:31] or "Sheet"
    title, n = base, 1
    while title.lower() in {t.lower() for t in taken | {SENDBACK_SHEET}}:
        n += 1
        title = f"{base[:31 - len(str(n)) - 1]}_{n}"
    return title


def _set_a4(sheet: Worksheet) -> None:
    fit_a4(sheet)
    sheet.print_options.horizontalCentered = True


def _row_height(value: object, width: int) -> float:
    """A row height (points) that shows wrapped text in a column this wide, at 11 pt."""
    return 15.0 * wrapped_lines("" if value is None else str(value), max(width - 2, 4)) + 5
