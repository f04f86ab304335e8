"""Forms as a clerk lays them out by hand, in openpyxl, and what the reader makes of them (layout tests)."""
from __future__ import annotations

import openpyxl

from countystat.sources.intake import read_submissions
from tests.conftest import TODAY


def save(book: openpyxl.Workbook, path):
    """Save the workbook there and give the path."""
    book.save(path)
    return path


def month_sheet(book, title: str, heading: str, values: dict[str, object]):
    """A sheet for one month: its heading, the unit, the header and one row per label."""
    sheet = book.create_sheet(title)
    sheet.append([heading])
    sheet.append(["填报单位：青石镇"])
    sheet.append(["序号", "指标名称", "计量单位", "本月", "备注"])
    for n, (label, value) in enumerate(values.items(), start=1):
        sheet.append([n, label, None, value])
    return sheet


def read(path, catalog, registry):
    """Every submission the reader makes of the file."""
    return read_submissions(path, path.name, "f" * 64, catalog, registry, TODAY)


def retyped(tmp_path, rows, name="青石镇2020年6月.xlsx", merges=(), sheet_title="月报表"):
    """A form retyped by hand: the rows as given, the cell ranges merged."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = sheet_title
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    return save(book, tmp_path / name)


def values_of(sub):
    """The values the submission reports, by indicator code (blanks left out)."""
    return {v.indicator_code: v.value for v in sub.values if v.value is not None}
