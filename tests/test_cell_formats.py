"""Number formats and formula cells per cell, in every format (fixtures written by LibreOffice)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest

from countystat.sources.grid import read_workbook
from tests.forms import fill_form
from tests.realworld import realworld

GALLERY = Path(__file__).parent / "gallery" / "grid"


# --- number formats and formula cells (fixtures written by LibreOffice: build_fixtures.py) --------

SHOWN = {(1, 2): "percent", (2, 2): "percent", (3, 2): "date", (4, 2): "time", (8, 2): "date"}


@pytest.mark.parametrize("name", ["formats.xlsx", "formats.xls", "formats.ods"])
def test_percent_date_and_time_formats_are_known_per_cell_in_every_format(name):
    [sheet] = read_workbook(GALLERY / name).sheets
    assert {cell: kind for cell, kind in sheet.formats.items() if kind != "text"} == SHOWN
    assert sheet.value(1, 2) == 1 and sheet.format_of(1, 2) == "percent"   # typed 100%: stored 1
    assert sheet.format_of(6, 2) is None and sheet.value(6, 2) == 7          # a plain number
    assert sheet.value(5, 2) == "12"                                         # '@' text: the typed string
    assert sheet.value(7, 2) == 14                                           # =C7*2, its cached result


def test_text_format_and_formula_cells_where_the_file_keeps_them():
    [xlsx] = read_workbook(GALLERY / "formats.xlsx").sheets
    assert xlsx.formats[(5, 2)] == "text" and xlsx.formulas == frozenset({(7, 2)})
    [ods] = read_workbook(GALLERY / "formats.ods").sheets
    assert ods.formulas == frozenset({(7, 2)})
    [xls] = read_workbook(GALLERY / "formats.xls").sheets
    assert xls.formulas == frozenset({(7, 2)})  # from the FORMULA records: xlrd keeps only the result
    assert read_workbook(realworld("cal__xls_formula.xls")).sheet("Sheet1").formulas == {(1, 0), (2, 0), (3, 0)}


def test_a_plain_standard_form_has_no_formats_and_no_formulas(tmp_path, catalog, registry):
    form = fill_form(tmp_path, registry.get("T02"), date(2020, 6, 1), catalog, {"epidemic_teams": 4})
    for sheet in read_workbook(form).sheets:
        assert (sheet.formats, sheet.formulas) == ({}, frozenset())


def test_a_percent_formatted_cell_is_refused_through_its_format(tmp_path):
    from countystat.sources.catalog import load_catalog
    from countystat.sources.numbers import ValueProblem, read_number

    [sheet] = read_workbook(GALLERY / "formats.xlsx").sheets
    members = load_catalog().get("party_members_mobilized")
    with pytest.raises(ValueProblem, match="「100%」是百分比"):
        read_number(sheet.value(1, 2), members, cell_format=sheet.format_of(1, 2))
    with pytest.raises(ValueProblem, match="「2026年3月5日」是日期"):
        read_number(sheet.value(3, 2), members, cell_format=sheet.format_of(3, 2))
    assert read_number(sheet.value(5, 2), members, cell_format=sheet.format_of(5, 2)).value == 12


@pytest.mark.parametrize("code, kind", [
    ("0%", "percent"), ("0.00%", "percent"), ("[Red]0.0%", "percent"), ("#,##0.00_);[Red](#,##0.00)", None),
    ("General", None), ("G/通用格式", None), ("0.00E+00", None), ('0"人"', None), ('"%"0', None),
    ('#,##0" 元"', None), ("[DBNum1]G/通用格式", None), ("@", "text"),
    ("m/d/yyyy", "date"), ('yyyy"年"m"月"', "date"), ('[DBNum1][$-804]yyyy"年"m"月"d"日"', "date"), ("mmm", "date"),
    ("yyyy-mm-dd hh:mm", "date"), ("[$-804]h:mm", "time"), ("mm:ss", "time"), ("[h]:mm:ss", "time"),
    ('h"时"mm"分"', "time"), ("上午/下午h:mm", "time"), ('0.0;"-"0.0%', None),
])
def test_excel_format_codes_are_classified(code, kind):
    from countystat.sources.cell_format import excel_format_kind

    assert excel_format_kind(code) == kind


@pytest.mark.parametrize("number_format, kind", [(9, "percent"), (10, "percent"), (14, "date"), (22, "date"),
                                                 (20, "time"), (45, "time"), (49, "text"), (31, "date"),
                                                 (58, "date"), (0, None), (1, None), (4, None)])
def test_builtin_format_ids_are_classified(number_format, kind):
    from countystat.sources.cell_format import builtin_format_kind

    assert builtin_format_kind(number_format) == kind


def test_xlsx_formats_come_from_custom_and_builtin_styles_and_a_text_prefix(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    for row, (value, shown) in enumerate([(1, "0%"), (3, '0.0"%"'), (5, "yyyy/m/d"), (7, "General"), (9, "0.00")],
                                         start=1):
        sheet.cell(row, 1, value).number_format = shown
    sheet["B1"] = "12"
    sheet["B1"].quotePrefix = True
    sheet["B2"] = 12
    sheet["B2"].number_format = "0%"
    path = tmp_path / "f.xlsx"
    book.save(path)
    assert read_workbook(path).sheets[0].formats == {(0, 0): "percent", (2, 0): "date", (0, 1): "text",
                                                     (1, 1): "percent"}


def test_formats_in_a_sheet_without_r_attributes_follow_the_cells_before_them():
    from countystat.sources.xlsx_sheet_facts import sheet_facts as facts_of

    xml = (b"<worksheet><sheetData><row><c><v>1</v></c><c s='2'><v>1</v></c></row>"
           b'<row r="4"><c s="3"><v>5</v></c><c r="D4" s="2"/><c s="1"><v>0</v></c></row></sheetData></worksheet>')
    assert facts_of(xml, {2: "percent", 3: "date"}).formats == (((0, 1), "percent"), ((3, 0), "date"),
                                                                ((3, 3), "percent"))


