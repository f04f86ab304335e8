"""Reading the standard form's cells as a person fills them in Excel: numbers typed as text and bad cells,
labels retyped, units, validation rules, hidden rows and columns, formulas, and cell formats. The form as
a whole (unit, month, empty forms) is tested in test_standard_form.py."""
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
