"""Labels the office has approved once as naming an indicator, kept in the home's label_mappings.csv.

The file is the office's to read and edit (in Excel too: UTF-8 with a byte-order mark): one row per
approved label, with the indicator's code, who approved it and when. Each approved label becomes an
alias of its indicator, checked like the catalog's own: an unknown code, a label that already means
another indicator, one naming two indicators at once, or one whose core collides with another
indicator's is a CatalogError naming the file and line.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from .catalog import Catalog, CatalogError, check_label_cores
from .labels import LabelIndex

FILE_NAME = "label_mappings.csv"
COLUMNS = ("label", "indicator_code", "approved_by", "approved_at")


@dataclass(frozen=True)
class LabelMapping:
    """One approved label: the wording as it appeared on forms and the indicator it names."""

    label: str
    indicator_code: str
    approved_by: str
    approved_at: str


def parse_mappings(text: str, source: str = FILE_NAME) -> list[tuple[int, LabelMapping]]:
    """The approved labels of a mappings file, with their line numbers; CatalogError on a malformed file."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS[:2] if c not in (reader.fieldnames or [])]
    if missing:
        raise CatalogError(f"{source}：缺少列 {', '.join(missing)}（第一行表头应有 label, indicator_code）")
    found = []
    for line_no, row in enumerate(reader, start=2):
        values = {c: (row.get(c) or "").strip() for c in COLUMNS}
        if not values["label"] and not values["indicator_code"]:
            continue  # a blank line left in Excel
        if not values["label"] or not values["indicator_code"]:
            raise CatalogError(f"{source} 第{line_no}行：label（报表上的写法）和 indicator_code（指标代码）都要填")
        found.append((line_no, LabelMapping(**values)))
    return found


def read_mappings(path: Path) -> list[tuple[int, LabelMapping]]:
    """The approved labels in a home's mappings file (none when there is no file)."""
    if not path.exists():
        return []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CatalogError(f"{path}：不是 UTF-8 编码的文本（{exc.reason}），请在 Excel 中“另存为” CSV UTF-8 格式") from None
    return parse_mappings(text, source=str(path))


def with_mappings(catalog: Catalog, mappings: list[tuple[int, LabelMapping]], source: str = FILE_NAME) -> Catalog:
    """The catalog with each approved label added to its indicator's aliases, checked like the catalog."""
    codes = {i.code for i in catalog.indicators}
    added: dict[str, list[str]] = {}
    index = LabelIndex(catalog)
    for line_no, mapping in mappings:
        where = f"{source} 第{line_no}行"
        if mapping.indicator_code not in codes:
            raise CatalogError(f"{where}：指标代码「{mapping.indicator_code}」不在统计指标目录中（代码见 indicators.csv）")
        match = index.match(mapping.label)
        if match.compound:
            first, second = match.compound
            raise CatalogError(f"{where}：「{mapping.label}」同时说了两个指标（{first.code} 和 {second.code}），"
                               "不能当作一个指标读取；请单位分两行填报")
        meaning = match.indicator
        if meaning is not None and meaning.code != mapping.indicator_code:
            raise CatalogError(f"{where}：「{mapping.label}」已经读作 {meaning.code}（{meaning.name_zh}），"
                               f"不能再指 {mapping.indicator_code}")
        if meaning is None and mapping.label not in added.get(mapping.indicator_code, []):
            added.setdefault(mapping.indicator_code, []).append(mapping.label)
    if not added:
        return catalog
    indicators = tuple(replace(i, aliases=(*i.aliases, *added.get(i.code, ()))) for i in catalog.indicators)
    check_label_cores(indicators, source)
    return Catalog(indicators, catalog.version)


def approved_row(label: str, code: str, by: str, at: datetime) -> LabelMapping:
    """The row recording that `by` approved `label` as naming indicator `code` at `at`."""
    return LabelMapping(label.strip(), code.strip(), by, at.isoformat(timespec="seconds"))


def append_mapping(path: Path, mapping: LabelMapping) -> None:
    """Add one approved label to the home's mappings file, creating it (with its header) if needed."""
    text = _read_as_is(path) if path.exists() else ""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if not text.strip():
        text = ""
        writer.writerow(COLUMNS)
    elif not text.endswith("\n"):
        text += "\r\n"  # the office's last edit left no line end
    writer.writerow([mapping.label, mapping.indicator_code, mapping.approved_by, mapping.approved_at])
    path.write_text(text + out.getvalue(), encoding="utf-8-sig", newline="")


def _read_as_is(path: Path) -> str:
    with path.open(encoding="utf-8-sig", newline="") as f:  # keep the file's own line ends
        return f.read()
