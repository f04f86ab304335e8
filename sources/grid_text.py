"""Read delimited text (CSV, tab-separated, Excel's "Unicode text") into a one-sheet grid of strings.

The content decides, not the extension: a .csv, a .txt, or an .xls that a web system wrote as
tab-separated text all come here when they are text (grid.read_workbook). Encodings: UTF-8 with or
without BOM, then GB18030 (a superset of the GBK that Chinese Excel and WPS write), and UTF-16 when
the file starts with its BOM (Excel's "Unicode text", tab-separated). Delimiter: the one most
lines hold (comma when none). Control characters other than tab and line breaks mean the
file is no text. The sheet is named after the file's stem, as Excel names it.
"""
from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path

from .sheet_grid import SheetGrid, UnreadableFile, WorkbookGrid

DELIMITERS = ",\t;"
SNIFF_CHARS = 8 * 1024
MAX_CELLS = 2_000_000  # a monthly form is a few hundred cells
TEXT_SUFFIXES = (".csv", ".txt")
NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_text_grid(data: bytes, file_name: str) -> WorkbookGrid:
    """The text as one sheet of strings ('' for empty cells); raise UnreadableFile if it can't be."""
    text = decoded_text(data, file_name)
    if NOT_TEXT.search(text):
        raise not_text(file_name)
    try:
        rows = _rows(text, _delimiter(text))
    except csv.Error:
        raise UnreadableFile(f"文件「{file_name}」的CSV格式有误，无法读取，请另存为.xlsx后重新报送") from None
    if rows is None:
        raise UnreadableFile(f"文件「{file_name}」行列过多，不像一张统计报表，请只报送统计报表本身")
    return WorkbookGrid(file_name, [SheetGrid(file_name, Path(file_name).stem, rows)])


def decoded_text(data: bytes, file_name: str) -> str:
    """The file's text: UTF-16 by its BOM, else strict UTF-8 (BOM optional), else GB18030."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    if Path(file_name).suffix.lower() not in TEXT_SUFFIXES:
        raise not_text(file_name)
    raise UnreadableFile(
        f"文件「{file_name}」的文字编码无法识别（不是UTF-8或GBK），"
        "请用Excel另存为“CSV UTF-8（逗号分隔）”或.xlsx后重新报送"
    )


def not_text(file_name: str) -> UnreadableFile:
    """The refusal for bytes that are no text: worded for a .csv/.txt, or for a file named as a workbook."""
    if Path(file_name).suffix.lower() in TEXT_SUFFIXES:
        return UnreadableFile(f"文件「{file_name}」不是文本格式的CSV表格，请另存为.xlsx后重新报送")
    return UnreadableFile(f"文件「{file_name}」无法打开，可能已损坏或不是Excel文件，请重新保存后报送")


def _delimiter(text: str) -> str:
    """The delimiter most lines hold (tab, then semicolon, win a tie with comma); comma when none does.

    A title line above the table holds none, so the sniffer, which wants every line alike, is not asked.
    """
    lines = [line for line in text[:SNIFF_CHARS].splitlines() if line.strip()]
    counts = {d: sum(d in line for line in lines) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: (counts[d], d != ","))
    return best if counts[best] else ","


def _rows(text: str, delimiter: str) -> list[list[object]] | None:
    """Rectangular rows without trailing empty rows and columns; None when there are too many cells."""
    rows: list[list[object]] = []
    cells = 0
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        cells += len(row)
        if cells > MAX_CELLS:
            return None
        rows.append(list(row))
    while rows and not any(rows[-1]):
        rows.pop()
    width = max((_used_width(row) for row in rows), default=0)
    return [row[:width] + [""] * (width - len(row)) for row in rows]


def _used_width(row: list[object]) -> int:
    width = len(row)
    while width and row[width - 1] == "":
        width -= 1
    return width
