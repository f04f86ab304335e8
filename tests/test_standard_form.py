"""Reading the standard form as a person fills it in Excel: the form as a whole (its values, its unit and
month, files that are no form) and empty forms. Its cells (bad values, labels, units, rules, hidden and
formula cells, formats) are tested in test_standard_form_cells.py."""
from __future__ import annotations

from datetime import date

import pytest

from countystat.sources.intake import read_submissions
from tests.conftest import TODAY
from tests.forms import fill_form, row_of


JUNE = date(2020, 6, 1)


def read(path, catalog, registry, today=TODAY):
    [submission] = read_submissions(path, path.name, "0" * 64, catalog, registry, today)
    return submission


def test_typed_values_blanks_and_zeros(tmp_path, catalog, registry):
    unit = registry.get("T02")
    path = fill_form(tmp_path, unit, JUNE, catalog, {
        "epidemic_teams": 4, "party_members_mobilized": 86, "infections": 0, "funds_recovered": 2.35,
    })
    sub = read(path, catalog, registry)
    assert (sub.status, sub.unit_code, sub.period) == ("accepted", "T02", JUNE)
    values = {v.indicator_code: v for v in sub.values}
    assert values["epidemic_teams"].value == 4
    assert values["infections"].value == 0  # 0 means zero
    assert values["funds_recovered"].value == 2.35
    assert values["lecture_groups"].value is None  # blank means not reported
    assert values["party_members_mobilized"].cell == f"D{row_of(catalog, unit, 'party_members_mobilized')}"
    assert values["party_members_mobilized"].sheet == "月报表"
    assert len(values) == len(catalog.for_kind("township"))


def test_hidden_sheet_deleted_falls_back_to_title_and_unit_line(tmp_path, catalog, registry):
    path = fill_form(tmp_path, registry.get("D04"), JUNE, catalog, {"cases_filed": 7}, delete_meta=True,
                     name="报表.xlsx")
    sub = read(path, catalog, registry)
    assert (sub.status, sub.unit_code, sub.period) == ("accepted", "D04", JUNE)
    assert {v.indicator_code: v.value for v in sub.values}["cases_filed"] == 7


def test_title_and_hidden_sheet_disagreeing_on_the_month_rejects(tmp_path, catalog, registry):
    path = fill_form(tmp_path, registry.get("T01"), JUNE, catalog, {"epidemic_teams": 1},
                     cells={"A1": "城关镇2020年5月党建工作统计月报表"})
    sub = read(path, catalog, registry)
    assert sub.status == "rejected" and sub.period is None
    assert "报表月份不一致" in sub.messages()[0]
    assert "2020年5月" in sub.messages()[0] and "2020年6月" in sub.messages()[0]


def test_unit_line_naming_another_unit_rejects(tmp_path, catalog, registry):
    path = fill_form(tmp_path, registry.get("T01"), JUNE, catalog, {"epidemic_teams": 1},
                     cells={"A2": "填报单位：青石镇"})
    sub = read(path, catalog, registry)
    assert sub.status == "rejected" and "填报单位不一致" in sub.messages()[0]


def test_unknown_unit_is_rejected_with_the_names_seen(tmp_path, catalog, registry):
    path = fill_form(tmp_path, registry.get("T01"), JUNE, catalog, {"epidemic_teams": 1}, delete_meta=True,
                     name="report.xlsx", cells={"A1": "幸福镇2020年6月党建工作统计月报表", "A2": "填报单位：幸福镇"})
    sub = read(path, catalog, registry)
    assert sub.status == "rejected" and sub.unit_code is None
    assert "无法确定填报单位" in sub.messages()[0] and "幸福镇" in sub.messages()[0]


def test_a_future_month_is_rejected(tmp_path, catalog, registry):
    path = fill_form(tmp_path, registry.get("T01"), date(2027, 1, 1), catalog, {"epidemic_teams": 1})
    sub = read(path, catalog, registry, today=TODAY)
    assert sub.status == "rejected" and "尚未到来" in sub.messages()[0]


def test_filling_date_is_not_the_period(tmp_path, catalog, registry):
    path = fill_form(tmp_path, registry.get("T01"), JUNE, catalog, {"epidemic_teams": 1}, delete_meta=True,
                     cells={"D2": "填报日期：2020年7月3日"})
    assert read(path, catalog, registry).period == JUNE


@pytest.mark.parametrize("content, words", [
    (b"this is not a spreadsheet", "无法打开"),
    (b"PK\x03\x04 truncated zip", "无法打开"),
])
def test_unreadable_files_become_rejected_submissions(tmp_path, catalog, registry, content, words):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(content)
    sub = read(path, catalog, registry)
    assert sub.status == "rejected" and sub.unit_code is None
    assert words in sub.messages()[0] and "broken.xlsx" in sub.messages()[0]


def test_a_file_that_is_not_a_spreadsheet_is_rejected(tmp_path, catalog, registry):
    path = tmp_path / "说明.docx"
    path.write_bytes(b"whatever")
    assert "不是Excel表格" in read(path, catalog, registry).messages()[0]


def test_a_spreadsheet_that_is_no_form_is_rejected(tmp_path, catalog, registry):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["姓名", "年龄"])
    path = tmp_path / "名单.xlsx"
    book.save(path)
    assert "未找到报表表头" in read(path, catalog, registry).messages()[0]


# --- empty forms are not reports ---------------------------------------------------------------

def test_a_blank_template_sent_back_is_not_a_report(tmp_path, catalog, registry):
    path = fill_form(tmp_path, registry.get("T02"), JUNE, catalog, {}, name="青石镇6月.xlsx")
    sub = read(path, catalog, registry)
    assert (sub.status, sub.unit_code, sub.period) == ("rejected", "T02", JUNE)  # tied to the unit: 退回, not missing
    [message] = sub.messages()
    assert message.startswith("文件「青石镇6月.xlsx」工作表「月报表」：表中未填写任何数据") and "请" in message


def test_zeros_typed_by_hand_are_a_report(tmp_path, catalog, registry):
    unit = registry.get("T02")
    path = fill_form(tmp_path, unit, JUNE, catalog, {i.code: 0 for i in catalog.for_kind("township")})
    sub = read(path, catalog, registry)
    assert sub.status == "accepted" and {v.value for v in sub.values} == {0}


def _with_formulas(path, cells):
    """The workbook's grid with the given cells marked as formula cells (as the grid reader reports them)."""
    from dataclasses import replace

    from countystat.sources.grid import WorkbookGrid, read_workbook

    book = read_workbook(path)
    form = book.sheet("月报表")
    return WorkbookGrid(book.file_name, [replace(form, formulas=frozenset(cells)) if s is form else s
                                         for s in book.sheets])


@pytest.mark.parametrize("typed, empty", [(0, True), ("", True), (5, False)])
def test_formula_results_computed_from_blanks_are_no_report(tmp_path, catalog, registry, typed, empty):
    from countystat.sources.standard_form import read_forms

    unit = registry.get("T02")
    rows = {code: row_of(catalog, unit, code) for code in ("punished_total", "training_attendance")}
    path = fill_form(tmp_path, unit, JUNE, catalog, {"punished_total": typed, "training_attendance": 0 if empty else 7})
    book = _with_formulas(path, {(rows["punished_total"] - 1, 3), (rows["training_attendance"] - 1, 3)})
    [reading] = read_forms(book, catalog, registry, TODAY)
    assert any("表中未填写任何数据" in p.text for p in reading.problems) is empty


def test_a_formula_beside_a_typed_value_is_a_report(tmp_path, catalog, registry):
    from countystat.sources.standard_form import read_forms

    unit = registry.get("T02")
    total = row_of(catalog, unit, "punished_total")
    path = fill_form(tmp_path, unit, JUNE, catalog, {"punished_total": 0, "epidemic_teams": 0})
    [reading] = read_forms(_with_formulas(path, {(total - 1, 3)}), catalog, registry, TODAY)
    assert not [p for p in reading.problems if p.blocking]


def test_a_blank_template_shows_as_sent_back_in_completeness(tmp_path, catalog, registry):
    from datetime import datetime

    from countystat.sources.inbox import ReceivedFile
    from countystat.warehouse.load import ReadFile, load_read_files
    from countystat.warehouse.status import month_status
    from countystat.warehouse.store import connect, refresh_reference

    path = fill_form(tmp_path, registry.get("T02"), JUNE, catalog, {}, name="青石镇6月.xlsx")
    subs = read_submissions(path, path.name, "b" * 64, catalog, registry, TODAY)
    con = connect(tmp_path / "warehouse.duckdb")
    refresh_reference(con, catalog, registry)
    received = ReceivedFile(path, path.name, "b" * 64, path.stat().st_size, datetime(2020, 7, 3))
    load_read_files(con, [ReadFile(received, str(path), subs)], datetime(2020, 7, 5))
    status = {s.unit_code: s for s in month_status(con, JUNE)}["T02"]
    con.close()
    assert status.status == "rejected" and any("表中未填写任何数据" in m for m in status.rejected_messages)
