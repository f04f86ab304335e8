"""The file writers the benchmark's messes share: the standard template filled by cell, a retyped table,
tab or comma text in a given encoding, an HTML table saved as .xls, formulas given cached results."""
from __future__ import annotations

import csv
import io
import random
import re
import zipfile
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from countystat.sources.catalog import Catalog
from countystat.sources.form_template import build_form, indicator_rows
from countystat.sources.units import Unit

from .county import plain


def title(unit: Unit, period: date) -> str:
    return f"{unit.name_zh}{period.year}年{period.month}月党建工作统计月报表"


def body_rows(catalog: Catalog, unit: Unit, values: dict[str, float | None], rng: random.Random,
              label=None, cell=None) -> list[list[object]]:
    """序号 | 指标名称 | 计量单位 | 本月 | 备注 rows for every indicator of the unit's kind."""
    rows = []
    for n, indicator in enumerate(catalog.for_kind(unit.kind), 1):
        value = values.get(indicator.code)
        shown = cell(indicator, value) if cell else plain(value)
        rows.append([n, label(indicator) if label else indicator.name_zh, indicator.unit_zh,
                     "" if shown is None else shown, ""])
    return rows


def save_table(path: Path, rows: list[list[object]], sheet: str = "月报表") -> None:
    book = Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    book.save(path)


def save_template(path: Path, catalog: Catalog, unit: Unit, period: date, cells: dict[str, object],
                  formats: dict[str, str] | None = None) -> None:
    """The standard template (the real one), with typed cells by address."""
    book = build_form(unit, period, catalog)
    sheet = book["月报表"]
    for ref, value in cells.items():
        sheet[ref] = value
    for ref, number_format in (formats or {}).items():
        sheet[ref].number_format = number_format
    book.save(path)


def template_cells(catalog: Catalog, unit: Unit, values: dict[str, float | None]) -> dict[str, object]:
    rows = indicator_rows(catalog, unit.kind)
    return {f"D{rows[code]}": plain(v) for code, v in values.items() if v is not None}


def cache_formula_results(path: Path, result: str = "0") -> None:
    """Give every formula a cached result, as Excel does on save (openpyxl writes none)."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    for name, data in parts.items():
        if name.startswith("xl/worksheets/sheet"):
            text = data.decode("utf-8")
            text = re.sub(r"(<f>[^<]*</f>)(?:<v\s*/>|<v></v>)?", rf"\1<v>{result}</v>", text)
            parts[name] = text.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def write_text(path: Path, rows: list[list[object]], encoding: str, separator: str = "\t") -> None:
    lines = [separator.join("" if v is None else str(v) for v in row) for row in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))


def write_csv(path: Path, rows: list[list[object]], encoding: str) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def write_html(path: Path, heading: str, rows: list[list[object]]) -> None:
    width = max(len(r) for r in rows)
    body = [f'<tr><td colspan="{width}">{heading}</td></tr>'] + [
        "<tr>" + "".join(f"<td>{'' if v is None else str(v).replace(chr(10), '<br>')}</td>" for v in row) + "</tr>"
        for row in rows]
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>'
            '<table border="1">' + "\r\n".join(body) + "</table></body></html>")
    path.write_bytes(page.encode("gbk"))
