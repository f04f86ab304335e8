"""The standard form the county sends out: title, header, sections, validation, protection, metadata."""
from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from countystat.sources.form_layout import FORM_SHEET, HEADER, META_SHEET
from countystat.sources.form_template import indicator_rows, write_form


@pytest.fixture(scope="module")
def township_form(tmp_path_factory, catalog, registry):
    path = write_form(registry.get("T01"), date(2020, 6, 1), catalog, tmp_path_factory.mktemp("tpl"))
    return openpyxl.load_workbook(path)


def test_title_unit_line_and_header(township_form):
    sheet = township_form[FORM_SHEET]
    assert sheet["A1"].value == "城关镇2020年6月党建工作统计月报表"
    assert "A1:F1" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet["A2"].value == "填报单位：城关镇"
    assert sheet["D2"].value.startswith("填报日期：")
    assert tuple(c.value for c in sheet[3]) == HEADER


def test_sections_and_indicators_of_the_units_kind(township_form, catalog):
    sheet = township_form[FORM_SHEET]
    labels = [sheet[f"B{r}"].value for r in range(4, sheet.max_row + 1)]
    township = [i.name_zh for i in catalog.for_kind("township")]
    assert [label for label in labels if label in township] == township
    assert "县委常委会会议" not in labels  # a department indicator
    sections = [sheet[f"A{r}"].value for r in range(4, sheet.max_row + 1)
                if isinstance(sheet[f"A{r}"].value, str) and "、" in sheet[f"A{r}"].value]
    assert sections == [s for s, _ in catalog.sections("township")]
    footer = " ".join(str(c.value) for row in sheet.iter_rows(min_row=sheet.max_row) for c in row if c.value)
    for word in ("填报人", "审核人", "联系电话"):
        assert word in footer


def test_value_cells_are_validated_and_labels_locked(township_form, catalog):
    sheet = township_form[FORM_SHEET]
    rows = indicator_rows(catalog, "township")
    rules = {dv.type: str(dv.sqref) for dv in sheet.data_validations.dataValidation}
    assert f"D{rows['infections']}" in rules["whole"]
    assert f"D{rows['funds_recovered']}" in rules["decimal"]
    assert all(dv.operator == "greaterThanOrEqual" and dv.formula1 == "0"
               for dv in sheet.data_validations.dataValidation)
    assert sheet.protection.sheet
    assert sheet[f"B{rows['infections']}"].protection.locked
    assert not sheet[f"D{rows['infections']}"].protection.locked


def test_hidden_sheet_carries_unit_period_and_catalog_version(township_form, catalog):
    meta = township_form[META_SHEET]
    assert meta.sheet_state == "hidden"
    pairs = {row[0].value: row[1].value for row in meta.iter_rows()}
    assert pairs["unit_code"] == "T01"
    assert pairs["period"] == "2020-06"
    assert pairs["catalog_version"] == catalog.version


def test_department_form_has_department_indicators(tmp_path, catalog, registry):
    path = write_form(registry.get("D01"), date(2020, 6, 1), catalog, tmp_path)
    sheet = openpyxl.load_workbook(path)[FORM_SHEET]
    labels = {sheet[f"B{r}"].value for r in range(4, sheet.max_row + 1)}
    assert "县委常委会会议" in labels
    assert "确诊感染病例" not in labels  # township only
