"""Read an HTML table (what government web systems export as .xls) into a one-sheet grid of strings.

Excel opens such a file as one sheet named after the file, the tables one below the other; so does
this reader, with the standard library's html.parser. Each cell keeps its text as shown: runs of
white space collapse to one space, `<br>` and block starts (`<p>`, `<div>`) inside a cell become a
line break. rowspan/colspan become merged ranges (value carried down the first column, as for
xlsx); a `<tr>` styled `display:none` is a hidden row. A number in a cell that Excel shows as a
percentage, date or time (`mso-number-format`, inline or by class in a `<style>`) is kept as that
number with its format kind, so that it is judged like the same cell in a workbook. A table inside
a cell adds its text to that cell. The encoding is the BOM's, else the `<meta charset>` one, else UTF-8, else GB18030.
"""
from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser
from pathlib import Path

from .cell_format import DATE, PERCENT, TIME, excel_format_kind
from .grid_text import MAX_CELLS, decoded_text, not_text
from .sheet_grid import Merge, SheetGrid, UnreadableFile, WorkbookGrid, fill_merged

MAX_SPAN = 1000          # a form's heading spans a few dozen columns or rows at most
SNIFF_BYTES = 4096
HTML_STARTS = ("<!doctype html", "<html", "<table", "<meta", "<head", "<body", "<?xml", "<!--", "<style")
_CHARSET = re.compile(rb"""<meta[^>]*charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_TABLE_START = re.compile(r"<table[\s>]", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\n\f]+")
_HIDDEN = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_SKIPPED = frozenset({"script", "style", "head", "title", "xml"})
_BLOCKS = frozenset({"p", "div", "li"})
_NUMBER_FORMAT = re.compile(r"""mso-number-format\s*:\s*(?:"([^"]*)"|'([^']*)'|([^;"'}]+))""", re.IGNORECASE)
_CSS_CLASS = re.compile(r"\.([\w-]+)\s*\{([^}]*)\}")
_NAMED_FORMATS = {"percent": PERCENT, "short date": DATE, "medium date": DATE, "long date": DATE,
                  "short time": TIME, "medium time": TIME, "long time": TIME}
_SHOWN_KINDS = (PERCENT, DATE, TIME)  # a number shown so is judged like a workbook's cell
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def looks_like_html(data: bytes) -> bool:
    """Whether the bytes start as markup (HTML or XML, in any of the encodings read here): no CSV does."""
    start = tags_view(data[:SNIFF_BYTES]).lstrip("\ufeff\xef\xbb\xbf \t\r\n").lower()
    return start.startswith(HTML_STARTS)


def tags_view(data: bytes) -> str:
    """The bytes decoded just well enough to see ASCII tags and names: UTF-16 by its BOM, else byte for byte."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", "ignore")
    return data.decode("latin-1")  # the tags are ASCII in UTF-8 and GBK alike


def read_html_grid(data: bytes, file_name: str) -> WorkbookGrid:
    """The page's tables as one sheet of strings; raise UnreadableFile when it holds none or is too big."""
    if _TABLE_START.search(tags_view(data)) is None:
        raise not_text(file_name)
    parser = _TableParser()
    try:
        parser.feed(_decoded(data, file_name))
        parser.close()
        rows, merged, hidden, styled = _laid_out(parser.tables)
        formats = _shown_numbers(rows, styled, parser.css) if styled else {}
    except _TooBig:
        raise UnreadableFile(f"文件「{file_name}」行列过多，不像一张统计报表，请只报送统计报表本身") from None
    if not rows:
        raise not_text(file_name)
    if merged:
        fill_merged(rows, merged)
    return WorkbookGrid(file_name, [SheetGrid(file_name, Path(file_name).stem, rows, hidden_rows=hidden,
                                              merged=merged, formats=formats)])


def _format_kind(style: str) -> str | None:
    """The kind of an mso-number-format in a style text (0%, Percent, yyyy-mm-dd …), None for others."""
    found = _NUMBER_FORMAT.search(style)
    if found is None:
        return None
    code = next(g for g in found.groups() if g is not None).strip()
    kind = _NAMED_FORMATS.get(code.lower()) or excel_format_kind(code)
    return kind if kind in _SHOWN_KINDS else None


def _shown_numbers(rows: list[list[object]], styled: dict[tuple[int, int], "Styled"],
                   css: str) -> dict[tuple[int, int], str]:
    """Turn each plain number in a percent-, date- or time-formatted cell into that number; its kind per cell."""
    classes = {name: kind for name, body in _CSS_CLASS.findall(css) if (kind := _format_kind(body))}
    formats: dict[tuple[int, int], str] = {}
    for (r, c), (style, class_names, number) in styled.items():
        kind = _format_kind(style) or next((classes[n] for n in class_names.split() if n in classes), None)
        text = rows[r][c] if r < len(rows) and c < len(rows[r]) else ""
        value = number if _PLAIN_NUMBER.fullmatch(number) else text
        if kind and isinstance(text, str) and _PLAIN_NUMBER.fullmatch(str(value)):
            rows[r][c] = float(value)  # type: ignore[arg-type]
            formats[(r, c)] = kind
    return formats


def _decoded(data: bytes, file_name: str) -> str:
    """The page's text: by BOM, else by its declared charset when that decodes it, else as grid_text does."""
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        declared = _CHARSET.search(data[:SNIFF_BYTES])
        if declared:
            name = declared.group(1).decode("ascii").lower()
            encoding = "gb18030" if name in ("gb2312", "gbk", "gb_2312-80", "x-gbk") else name
            try:
                return data.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                pass
    return decoded_text(data, file_name)


class _TooBig(Exception):
    pass


Styled = tuple[str, str, str]  # a cell's style, class and x:num attributes
Cell = tuple[str, int, int, Styled | None]  # text, rowspan, colspan, and its attributes when it may be formatted
Row = tuple[list[Cell], bool]  # cells, hidden


class _TableParser(HTMLParser):
    """Collects the outermost tables as rows of (text, rowspan, colspan)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[Row]] = []
        self.depth = 0           # table nesting
        self.skipping = 0        # inside <script>, <style>, …
        self.row: list[Cell] | None = None
        self.row_hidden = False
        self.cell: list[str] | None = None
        self.spans = (1, 1)
        self.styled: Styled | None = None
        self.cells = 0
        self.css = ""            # the text of the page's <style> elements
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
            self.in_style = tag == "style"
            return
        if tag == "body":
            self.skipping = 0  # a <head> left open ends where the body starts
            return
        if tag == "table":
            self.depth += 1
            if self.depth == 1:
                self.tables.append([])
            return
        if self.depth == 0:
            return
        if self.depth > 1 or tag not in ("tr", "td", "th"):
            if self.cell is not None and (tag == "br" or (tag in _BLOCKS and self.cell)):
                self.cell.append("\n")
            return
        values = {name: value or "" for name, value in attrs}
        if tag == "tr":
            self._end_row()
            self.row, self.row_hidden = [], bool(_HIDDEN.search(values.get("style", "")))
            return
        self._end_cell()
        if self.row is None:
            self.row, self.row_hidden = [], False
        self.cell, self.spans = [], (_span(values.get("rowspan")), _span(values.get("colspan")))
        style, class_names = values.get("style", ""), values.get("class", "")
        formatted = class_names or "mso-number-format" in style.lower()
        self.styled = (style, class_names, values.get("x:num", "").strip()) if formatted else None

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and self.cell is not None:
            self.cell.append("\n")
        elif tag not in _SKIPPED:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
            self.in_style = False
        elif tag == "table" and self.depth:
            if self.depth == 1:
                self._end_row()
            self.depth -= 1
        elif self.depth == 1 and tag in ("td", "th"):
            self._end_cell()
        elif self.depth == 1 and tag == "tr":
            self._end_row()

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self.css += data
        elif self.cell is not None and not self.skipping:
            self.cell.append(_SPACES.sub(" ", data))

    def close(self) -> None:
        super().close()
        self._end_row()

    def _end_cell(self) -> None:
        if self.cell is None or self.row is None:
            return
        lines = "".join(self.cell).split("\n")
        text = "\n".join(line.strip(" ") for line in lines).strip()
        self.row.append((text, *self.spans, self.styled))
        self.cell = None
        self.cells += self.spans[0] * self.spans[1]
        if self.cells > MAX_CELLS:
            raise _TooBig

    def _end_row(self) -> None:
        self._end_cell()
        if self.row is not None and self.tables:
            self.tables[-1].append((self.row, self.row_hidden))
        self.row = None


def _span(value: str | None) -> int:
    """A rowspan/colspan as a number from 1 to MAX_SPAN (HTML reads a bad one as 1)."""
    digits = re.match(r"\s*(\d+)", value or "")
    return min(max(int(digits.group(1)), 1), MAX_SPAN) if digits else 1


def _laid_out(tables: list[list[Row]]) -> tuple[list[list[object]], tuple[Merge, ...], frozenset[int],
                                                dict[tuple[int, int], Styled]]:
    """The tables' cells placed on one grid, one table below the other, spans clipped to their table; and
    the attributes of the cells that may carry a number format."""
    placed: dict[tuple[int, int], str] = {}
    styled: dict[tuple[int, int], Styled] = {}
    merged: list[Merge] = []
    hidden: set[int] = set()
    top = 0
    for table in tables:
        taken: set[tuple[int, int]] = set()
        for r, (cells, row_hidden) in enumerate(table):
            if row_hidden:
                hidden.add(top + r)
            col = 0
            for text, rowspan, colspan, attributes in cells:
                while (r, col) in taken:
                    col += 1
                last_row = min(r + rowspan, len(table)) - 1
                for rr in range(r, last_row + 1):
                    taken.update((rr, cc) for cc in range(col, col + colspan))
                if text:
                    placed[(top + r, col)] = text
                    if attributes:
                        styled[(top + r, col)] = attributes
                if (last_row, colspan) != (r, 1):
                    merged.append((top + r, col, top + last_row, col + colspan - 1))
                col += colspan
        top += len(table)
    width = max((c for _, c in placed), default=-1) + 1
    if width * top > MAX_CELLS:
        raise _TooBig
    rows: list[list[object]] = [[""] * width for _ in range(top)]
    for (r, c), text in placed.items():
        rows[r][c] = text
    while rows and not any(rows[-1]):
        rows.pop()
    return rows, tuple(sorted(merged)), frozenset(hidden), styled
