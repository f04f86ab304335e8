"""What every workbook countystat writes shares: cell text Excel can hold, text widths, the form's
header style, A4 print set-up and saving without leaving a half-written file."""
from __future__ import annotations

import math
import os
import secrets
import unicodedata
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

MAX_TEXT = 32767  # Excel's limit for one cell
SONG = "宋体"
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FONT = Font(name=SONG, size=11, bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")


def cell_text(text: str) -> str:
    """Text a cell can hold: characters XML can't carry removed, cut to Excel's limit with '…'."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1] + "…"


def text_width(text: str) -> int:
    """The width of one line of text in column units: a CJK (wide) character counts as two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def wrapped_lines(text: str, chars_per_line: int) -> int:
    """How many lines text takes when wrapped at chars_per_line (each of its own lines at least one)."""
    per_line = max(chars_per_line, 1)
    return sum(max(1, math.ceil(text_width(line) / per_line)) for line in text.splitlines() or [""])


def fitted_width(text_width_wanted: int, minimum: int, maximum: int) -> int:
    """A column width showing text this wide with a margin, kept within minimum..maximum."""
    return min(max(text_width_wanted + 2, minimum), maximum)


def style_header(cell: Cell) -> None:
    """The form's header cell: 宋体 11 bold, centred, light blue, boxed (template and send-back)."""
    cell.font = HEADER_FONT
    cell.alignment = Alignment(horizontal="center", vertical="center")
    cell.fill = HEADER_FILL
    cell.border = BOX


def fit_a4(sheet: Worksheet, orientation: str = "portrait", pages_wide: int = 1) -> None:
    """Print on A4 in the given orientation, `pages_wide` pages across and as many down as needed."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = orientation
    sheet.page_setup.fitToWidth = pages_wide
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def save_atomically(book: Workbook, target: Path) -> None:
    """Save to a hidden file beside target, then rename it over target: never a half-written file."""
    partial = target.with_name(f".{target.stem}.{os.getpid()}-{secrets.token_hex(4)}.partial")
    try:
        book.save(partial)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
