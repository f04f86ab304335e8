"""The data files (indicators, units, rules, derived figures) as CSV: one reader that checks the columns
and names the file and line of every row, so each loader only says what its own rows mean."""
from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CsvRow:
    """One data row: where it is (file and the line it starts on) and its cells by column, stripped."""

    source: str
    line: int
    cells: dict[str, str]

    @property
    def where(self) -> str:
        """The file and line, as every error about the row begins."""
        return f"{self.source} 第{self.line}行"

    def listed(self, column: str) -> tuple[str, ...]:
        """The values a cell lists separated by ';' (aliases), stripped, blanks dropped; () for a column left off."""
        return tuple(value.strip() for value in self.cells.get(column, "").split(";") if value.strip())


def read_csv_text(path: Path, error: type[ValueError], source: str | None = None) -> str:
    """A data file's text (UTF-8, with or without a byte-order mark); `error` if it is not UTF-8."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(f"{source or path.name}：不是 UTF-8 编码的文本（{exc.reason}），请在 Excel 中“另存为” CSV UTF-8 格式") from None


def read_csv_rows(
    text: str,
    source: str,
    columns: Sequence[str],
    error: type[ValueError],
    optional: Sequence[str] = (),
) -> list[CsvRow]:
    """The non-blank rows of CSV text whose header holds `columns` (and may hold `optional` ones).

    Raises `error` naming the file for a header missing a column, naming one twice or naming an unknown
    one, and naming the file and line for a row with more cells than the header, or fewer when a cell
    left off is not an optional one. A cell left off an optional column reads as ''."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip() for name in next(reader, [])]
    _check_header(header, source, columns, optional, error)
    rows: list[CsvRow] = []
    line = reader.line_num + 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            rows.append(CsvRow(source, line, _cells(header, cells, optional, f"{source} 第{line}行", error)))
        line = reader.line_num + 1
    return rows


def _check_header(header: list[str], source: str, columns: Sequence[str], optional: Sequence[str],
                  error: type[ValueError]) -> None:
    """Raise `error` unless the header names every column once and nothing unknown."""
    expected = f"第一行表头应有 {', '.join(columns)}" + (
        f"，可另有 {', '.join(optional)}" if optional else "")
    found = f"现有 {', '.join(header) or '（空）'}"
    missing = [c for c in columns if c not in header]
    if missing:
        raise error(f"{source}：缺少列 {', '.join(missing)}（{expected}；{found}）")
    twice = sorted({c for c in header if header.count(c) > 1})
    if twice:
        raise error(f"{source}：表头中的列「{twice[0]}」出现了两次（{found}）")
    unknown = [c for c in header if c not in columns and c not in optional]
    if unknown:
        raise error(f"{source}：表头中有不认识的列「{unknown[0]}」（{expected}；{found}）")


def _cells(header: list[str], cells: list[str], optional: Sequence[str], where: str,
           error: type[ValueError]) -> dict[str, str]:
    """The row's cells by column; `error` for cells beyond the header or a required one left off."""
    if len(cells) > len(header):
        raise error(f"{where}：应有 {len(header)} 列，这一行有 {len(cells)} 列，比表头多"
                    "（文字里有逗号时请用英文双引号括起来）")
    left_off = header[len(cells):]
    if any(column not in optional for column in left_off):
        raise error(f"{where}：应有 {len(header)} 列，这一行只有 {len(cells)} 列")
    values = {column: cell.strip() for column, cell in zip(header, cells)}
    return values | {column: "" for column in left_off}
