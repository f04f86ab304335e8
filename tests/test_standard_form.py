"""Reading the standard form as a person fills it in Excel: values, blanks, zeros, and bad cells."""
from __future__ import annotations

import shutil
import subprocess
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


def test_numbers_typed_as_text_are_read(tmp_path, catalog, registry):
    path = fill_form(tmp_path, registry.get("T01"), JUNE, catalog, {"training_attendance": " 120 "})
    assert {v.indicator_code: v.value for v in read(path, catalog, registry).values}["training_attendance"] == 120


@pytest.mark.parametrize("code, typed, words", [
    ("party_members_mobilized", "约30", "「约30」不是数字"),
    ("training_attendance", -5, "「-5」是负数"),
    ("training_attendance", 12.5, "「12.5」不是整数"),
    ("infections", "无数据", "「无数据」不是数字"),
])
def test_bad_cells_reject_the_submission_naming_file_sheet_and_cell(tmp_path, catalog, registry, code, typed, words):
    unit = registry.get("T03")
    path = fill_form(tmp_path, unit, JUNE, catalog, {code: typed, "epidemic_teams": 2}, name="柳河镇6月.xlsx")
    sub = read(path, catalog, registry)
    assert sub.status == "rejected"
    [message] = sub.messages()
    assert message.startswith(f"文件「柳河镇6月.xlsx」工作表「月报表」D{row_of(catalog, unit, code)}：")
    assert words in message


def test_every_bad_cell_is_reported_at_once(tmp_path, catalog, registry):
    path = fill_form(tmp_path, registry.get("T03"), JUNE, catalog,
                     {"epidemic_teams": "几支", "training_attendance": -1, "infections": "一些"})
    assert len(read(path, catalog, registry).messages()) == 3


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


def test_footer_names_typed_in_the_value_column_are_not_values(tmp_path, catalog, registry):
    unit = registry.get("T01")
    footer = max(row_of(catalog, unit, i.code) for i in catalog.for_kind("township")) + 2
    path = fill_form(tmp_path, unit, JUNE, catalog, {"epidemic_teams": 1},
                     cells={f"B{footer}": "王丽", f"D{footer}": "李建国", f"F{footer}": "0371-6123456"})
    assert read(path, catalog, registry).status == "accepted"


def test_a_value_for_an_indicator_the_unit_does_not_report_rejects(tmp_path, catalog, registry):
    unit = registry.get("T01")
    extra_row = max(row_of(catalog, unit, i.code) for i in catalog.for_kind("township")) + 1
    path = fill_form(tmp_path, unit, JUNE, catalog, {}, cells={f"B{extra_row}": "县委常委会会议", f"D{extra_row}": 3})
    sub = read(path, catalog, registry)
    assert sub.status == "rejected" and "不由乡镇填报" in sub.messages()[0]


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


@pytest.mark.parametrize("typed_label", [
    "（一）疫情防控队伍", "１．疫情防控队伍（支）", "2、 疫情防控队伍", "疫情防控队伍数量", "防控队伍",
])
def test_labels_as_clerks_retype_them_are_matched(tmp_path, catalog, registry, typed_label):
    unit = registry.get("T01")
    row = row_of(catalog, unit, "epidemic_teams")
    path = fill_form(tmp_path, unit, JUNE, catalog, {"epidemic_teams": 4}, cells={f"B{row}": typed_label})
    sub = read(path, catalog, registry)
    assert sub.status == "accepted"
    assert {v.indicator_code: v.value for v in sub.values}["epidemic_teams"] == 4


def test_an_unknown_label_is_never_guessed_but_suggested(tmp_path, catalog, registry):
    unit = registry.get("T01")
    row = row_of(catalog, unit, "grassroots_clues")
    path = fill_form(tmp_path, unit, JUNE, catalog, {"grassroots_clues": 3}, cells={f"B{row}": "群众身边问题线索数"})
    sub = read(path, catalog, registry)
    assert sub.status == "rejected"
    assert f"B{row}：指标「群众身边问题线索数」不在统计指标目录中，最接近的是「群众身边腐败和作风问题线索」" in sub.messages()[0]
    assert "grassroots_clues" not in {v.indicator_code for v in sub.values}


def test_total_and_note_rows_are_skipped(tmp_path, catalog, registry):
    unit = registry.get("T01")
    extra = max(row_of(catalog, unit, i.code) for i in catalog.for_kind("township")) + 1
    path = fill_form(tmp_path, unit, JUNE, catalog, {"epidemic_teams": 1},
                     cells={f"B{extra}": "合计", f"D{extra}": 99})
    assert read(path, catalog, registry).status == "accepted"


def test_money_in_yuan_is_converted_with_a_note(tmp_path, catalog, registry):
    unit = registry.get("T01")
    row = row_of(catalog, unit, "funds_recovered")
    path = fill_form(tmp_path, unit, JUNE, catalog, {"funds_recovered": 35000}, cells={f"C{row}": "元"})
    sub = read(path, catalog, registry)
    assert sub.status == "accepted"
    assert {v.indicator_code: v.value for v in sub.values}["funds_recovered"] == 3.5
    assert any("已按万元折算为3.5万元" in m and f"D{row}" in m for m in sub.messages())


@pytest.mark.parametrize("typed, value", [("12人", 12), ("１２", 12), ("十二", 12), ("1,234", 1234), ("无", 0), ("—", 0)])
def test_numbers_as_clerks_type_them(tmp_path, catalog, registry, typed, value):
    path = fill_form(tmp_path, registry.get("T01"), JUNE, catalog, {"party_members_mobilized": typed})
    sub = read(path, catalog, registry)
    assert sub.status == "accepted"
    assert {v.indicator_code: v.value for v in sub.values}["party_members_mobilized"] == value


def test_a_unit_column_that_disagrees_rejects(tmp_path, catalog, registry):
    unit = registry.get("T01")
    row = row_of(catalog, unit, "grassroots_handled")
    path = fill_form(tmp_path, unit, JUNE, catalog, {"grassroots_handled": 3}, cells={f"C{row}": "件"})
    sub = read(path, catalog, registry)
    assert sub.status == "rejected" and "“件”" in sub.messages()[0]


def test_validation_rules_block_and_warn_and_a_remark_explains(tmp_path, catalog, registry):
    unit = registry.get("D04")
    rows = {code: row_of(catalog, unit, code) for code in ("punished_total", "cases_filed", "grassroots_cases")}
    bad_sum = fill_form(tmp_path, unit, JUNE, catalog, {
        "punished_total": 12, "punished_section_level": 2, "punished_general_cadres": 5, "punished_others": 4,
    }, name="sum.xlsx")
    sub = read(bad_sum, catalog, registry)
    assert sub.status == "rejected"
    assert f"D{rows['punished_total']}为12" in sub.messages()[0] and "合计为11" in sub.messages()[0]
    warned = fill_form(tmp_path, unit, JUNE, catalog, {"cases_filed": 2, "grassroots_cases": 3, "clues_disposed": 5},
                       name="warn.xlsx")
    sub = read(warned, catalog, registry)
    assert sub.status == "accepted" and any(m.startswith("【提醒】") for m in sub.messages())
    explained = fill_form(tmp_path, unit, JUNE, catalog, {"cases_filed": 2, "grassroots_cases": 3, "clues_disposed": 5},
                          name="explained.xlsx", cells={f"F{rows['grassroots_cases']}": "含上月移送的1件"})
    sub = read(explained, catalog, registry)
    assert sub.status == "accepted" and any("备注已说明：含上月移送的1件" in m for m in sub.messages())


def test_hidden_rows_are_ignored_with_a_note_and_uncached_formulas_rejected(tmp_path, catalog, registry):
    import openpyxl

    unit = registry.get("T01")
    teams, members = row_of(catalog, unit, "epidemic_teams"), row_of(catalog, unit, "party_members_mobilized")
    path = fill_form(tmp_path, unit, JUNE, catalog, {"epidemic_teams": 4, "party_members_mobilized": 50})
    book = openpyxl.load_workbook(path)
    book["月报表"].row_dimensions[teams].hidden = True
    book.save(path)
    sub = read(path, catalog, registry)
    assert sub.status == "accepted" and "epidemic_teams" not in {v.indicator_code for v in sub.values}
    assert any(f"第{teams}行已隐藏" in m for m in sub.messages())
    book["月报表"].row_dimensions[teams].hidden = False
    book["月报表"][f"D{members}"] = "=D5*10"  # openpyxl writes formulas without a cached value
    book.save(path)
    sub = read(path, catalog, registry)
    assert sub.status == "rejected" and f"D{members}：是公式但没有计算结果" in sub.messages()[0]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_a_formula_error_value_rejects_its_cell(tmp_path, catalog, registry):
    import openpyxl

    unit = registry.get("T01")
    teams, members = row_of(catalog, unit, "epidemic_teams"), row_of(catalog, unit, "party_members_mobilized")
    path = fill_form(tmp_path, unit, JUNE, catalog, {"epidemic_teams": 0, "party_members_mobilized": 50})
    book = openpyxl.load_workbook(path)
    book["月报表"][f"D{members}"] = f"=50/D{teams}"
    book.save(path)
    out = tmp_path / "calc"
    subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=120)  # LibreOffice computes and caches #DIV/0!
    sub = read(out / path.name, catalog, registry)
    assert sub.status == "rejected"
    assert f"D{members}：公式计算出错（#DIV/0!），请修正公式或直接填写数字" in sub.messages()[0]


def test_hidden_columns_and_sheets_are_ignored_with_a_note(tmp_path, catalog, registry):
    import openpyxl

    unit = registry.get("T01")
    members = row_of(catalog, unit, "party_members_mobilized")
    path = fill_form(tmp_path, unit, JUNE, catalog, {"party_members_mobilized": 50},
                     cells={f"G{members}": 999, "G4": "上年同期"})
    book = openpyxl.load_workbook(path)
    book["月报表"].column_dimensions["G"].hidden = True
    copy = book.copy_worksheet(book["月报表"])
    copy.title, copy.sheet_state = "旧表", "hidden"
    book.save(path)
    sub = read(path, catalog, registry)
    assert sub.status == "accepted" and {v.indicator_code: v.value for v in sub.values}["party_members_mobilized"] == 50
    notes = [m for m in sub.messages() if m.startswith("【说明】")]
    assert f"【说明】文件「{path.name}」工作表「月报表」：第G列已隐藏，其中的内容未读取；如需报送请取消隐藏" in notes
    assert f"【说明】文件「{path.name}」：工作表「旧表」已隐藏，未读取；如需报送请取消隐藏" in notes


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


# --- cell formats reach the value parser ---------------------------------------------------------

@pytest.mark.parametrize("kind", ["percent", "date", "time", "text"])
def test_a_formatted_cell_is_read_with_its_format_never_by_the_fast_path(tmp_path, catalog, registry, kind,
                                                                         monkeypatch):
    from dataclasses import replace

    from countystat.sources import form_values
    from countystat.sources.grid import WorkbookGrid, read_workbook
    from countystat.sources.numbers import read_number
    from countystat.sources.standard_form import read_forms

    unit = registry.get("T02")
    teams, study = row_of(catalog, unit, "epidemic_teams"), row_of(catalog, unit, "theory_study_sessions")
    path = fill_form(tmp_path, unit, JUNE, catalog, {"epidemic_teams": 1, "theory_study_sessions": 3})
    book = read_workbook(path)
    form = replace(book.sheet("月报表"), formats={(teams - 1, 3): kind})
    seen = []

    def spy(raw, indicator, unit_hint=None, cell_format=None):
        seen.append((indicator.code, raw, cell_format))
        return read_number(raw, indicator, unit_hint, cell_format=cell_format)

    monkeypatch.setattr(form_values, "read_number", spy)
    read_forms(WorkbookGrid(book.file_name, [form if s.name == "月报表" else s for s in book.sheets]),
               catalog, registry, TODAY)
    assert ("epidemic_teams", 1.0, kind) in seen
    assert "theory_study_sessions" not in {code for code, _, _ in seen}  # a plain typed number: the fast path


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
