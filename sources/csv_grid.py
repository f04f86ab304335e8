"""Read a .csv file into the same one-sheet grid as a workbook, every cell kept as text.

Encodings: UTF-8 with or without BOM, then GB18030 (a superset of the GBK that Chinese Excel and
WPS write), and UTF-16 when the file starts with its BOM (Excel's "Unicode text"). Delimiter:
comma, or tab/semicolon when csv.Sniffer is sure. The sheet is named after the file's stem.
"""
from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from .grid import SheetGrid, UnreadableFile, WorkbookGrid, check_container

DELIMITERS = ",\t;"
SNIFF_CHARS = 8 * 1024
MAX_CELLS = 2_000_000  # a monthly form is a few hundred cells


def read_csv_grid(path: Path, file_name: str) -> WorkbookGrid:
    """The file as one sheet of strings ('' for empty cells); raise UnreadableFile if it can't be."""
    check_container(path, file_name)
    text = decoded_text(path.read_bytes(), file_name)
    if "\x00" in text:
        raise UnreadableFile(f"文件「{file_name}」不是文本格式的CSV表格，请另存为.xlsx后重新报送")
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
    raise UnreadableFile(
        f"文件「{file_name}」的文字编码无法识别（不是UTF-8或GBK），"
        "请用Excel另存为“CSV UTF-8（逗号分隔）”或.xlsx后重新报送"
    )


def _delimiter(text: str) -> str:
    """Tab or semicolon when the sniffer finds one of them; comma otherwise."""
    sample = text[:SNIFF_CHARS]
    if "\n" in sample.rstrip("\r\n"):
        sample = sample[: sample.rstrip("\r\n").rfind("\n") + 1]  # whole lines only
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return ","


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
