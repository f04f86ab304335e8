"""Write the standard monthly form that the county sends to each unit (xlsx, via openpyxl)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from .catalog import Catalog, Indicator
from .form_layout import (
    DATE_LINE_PREFIX, FOOTER_WORDS, FORM_ID, FORM_SHEET, HEADER, LAYOUT_VERSION, META_SHEET,
    UNIT_LINE_PREFIX, form_title,
)
from .units import Unit
from .xlsx_writing import BOX, SONG, fit_a4, style_header

FIRST_BODY_ROW = 4
VALUE_COLUMNS = ("D", "E")
WIDTHS = {"A": 6, "B": 46, "C": 10, "D": 12, "E": 12, "F": 24}


def template_file_name(unit: Unit, period: date) -> str:
    """The file name the form is sent out under."""
    return f"{unit.code}_{form_title(unit.name_zh, period)}.xlsx"


def build_form(unit: Unit, period: date, catalog: Catalog) -> Workbook:
    """The standard form for one unit and month, as an openpyxl workbook: the indicators in effect that month."""
    catalog = catalog.in_effect(period)
    book = Workbook()
    sheet = book.active
    sheet.title = FORM_SHEET
    _write_heading(sheet, unit, period)
    last_row = _write_body(sheet, catalog, unit.kind)
    _write_footer(sheet, last_row + 2)
    _set_print_and_protection(sheet)
    _write_meta_sheet(book.create_sheet(META_SHEET), unit, period, catalog)
    return book


def write_form(unit: Unit, period: date, catalog: Catalog, folder: Path) -> Path:
    """Write the unit's form for the month into the folder and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / template_file_name(unit, period)
    build_form(unit, period, catalog).save(path)
    return path


def indicator_rows(catalog: Catalog, kind: str) -> dict[str, int]:
    """The 1-based row of each indicator on the form of a unit of this kind."""
    rows: dict[str, int] = {}
    row = FIRST_BODY_ROW
    for _section, indicators in catalog.sections(kind):
        row += 1  # the section row
        for indicator in indicators:
            rows[indicator.code] = row
            row += 1
    return rows


def _write_heading(sheet: Worksheet, unit: Unit, period: date) -> None:
    sheet.merge_cells("A1:F1")
    sheet["A1"] = form_title(unit.name_zh, period)
    sheet["A1"].font = Font(name="黑体", size=16, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 32
    sheet.merge_cells("A2:C2")
    sheet["A2"] = f"{UNIT_LINE_PREFIX}：{unit.name_zh}"
    sheet.merge_cells("D2:F2")
    sheet["D2"] = f"{DATE_LINE_PREFIX}：    年  月  日"
    for ref in ("A2", "D2"):
        sheet[ref].font = Font(name=SONG, size=11)
    for col, text in zip("ABCDEF", HEADER):
        sheet[f"{col}3"] = text
        style_header(sheet[f"{col}3"])
    for col, width in WIDTHS.items():
        sheet.column_dimensions[col].width = width
    sheet.freeze_panes = "A4"


def _write_body(sheet: Worksheet, catalog: Catalog, kind: str) -> int:
    whole = _validation("whole", "整数")
    decimal = _validation("decimal", "数字")
    sheet.add_data_validation(whole)
    sheet.add_data_validation(decimal)
    row, number = FIRST_BODY_ROW, 0
    for section, indicators in catalog.sections(kind):
        sheet.merge_cells(f"A{row}:F{row}")
        sheet[f"A{row}"] = section
        sheet[f"A{row}"].font = Font(name="黑体", size=11, bold=True)
        row += 1
        for indicator in indicators:
            number += 1
            _write_indicator_row(sheet, row, number, indicator)
            target = whole if indicator.value_type == "int" else decimal
            for col in VALUE_COLUMNS:
                target.add(f"{col}{row}")
            row += 1
    return row - 1


def _write_indicator_row(sheet: Worksheet, row: int, number: int, indicator: Indicator) -> None:
    values = (number, indicator.name_zh, indicator.unit_zh, None, None, None)
    for col, value in zip("ABCDEF", values):
        cell = sheet[f"{col}{row}"]
        cell.value = value
        cell.border = BOX
        cell.font = Font(name=SONG, size=11)
        if col in "DEF":
            cell.protection = Protection(locked=False)
            cell.number_format = "0" if indicator.value_type == "int" else "0.00"
        if col in "AC":
            cell.alignment = Alignment(horizontal="center")


def _validation(kind: str, word: str) -> DataValidation:
    rule = DataValidation(type=kind, operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    rule.error = f"请填写不小于0的{word}；未开展的填0，不清楚的留空。"
    rule.errorTitle = "数值有误"
    rule.showErrorMessage = True
    return rule


def _write_footer(sheet: Worksheet, row: int) -> None:
    for col, word in zip("ACE", FOOTER_WORDS):
        sheet[f"{col}{row}"] = f"{word}："
        sheet[f"{col}{row}"].font = Font(name=SONG, size=11)
        sheet[f"{chr(ord(col) + 1)}{row}"].protection = Protection(locked=False)
    sheet["E2"].protection = Protection(locked=False)
    sheet["D2"].protection = Protection(locked=False)


def _set_print_and_protection(sheet: Worksheet) -> None:
    fit_a4(sheet)
    sheet.print_title_rows = "3:3"
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _write_meta_sheet(sheet: Worksheet, unit: Unit, period: date, catalog: Catalog) -> None:
    rows = (
        ("form", FORM_ID),
        ("layout_version", LAYOUT_VERSION),
        ("unit_code", unit.code),
        ("unit_name", unit.name_zh),
        ("period", f"{period:%Y-%m}"),
        ("catalog_version", catalog.version),
    )
    for row in rows:
        sheet.append(row)
    sheet.sheet_state = "hidden"
