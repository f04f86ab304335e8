"""Layouts other than the template: one sheet per month, one column per month (catch-up), other headings,
two-row headers (a township by village and a long form in parts: test_layouts_parts.py)."""
from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from tests.handmade import month_sheet, read, retyped, save, values_of


def test_one_sheet_per_month_with_an_instruction_sheet(tmp_path, catalog, registry):
    book = openpyxl.Workbook()
    book.active.title = "填表说明"
    book.active.append(["请按月填写，每月一张表。"])
    for m in (1, 2, 3):
        month_sheet(book, f"{m}月", "青石镇2020年党建工作统计月报表", {"疫情防控队伍": m, "干部培训": 10 * m})
    subs = read(save(book, tmp_path / "青石镇一季度.xlsx"), catalog, registry)
    assert [(s.status, s.unit_code, s.period) for s in subs] == [
        ("accepted", "T02", date(2020, m, 1)) for m in (1, 2, 3)]
    assert {v.indicator_code: v.value for v in subs[2].values} == {"epidemic_teams": 3, "training_attendance": 30}
    assert subs[1].values[0].sheet == "2月"
    assert len({s.submission_id for s in subs}) == 3


def test_an_example_sheet_beside_the_form_is_not_read(tmp_path, catalog, registry):
    book = openpyxl.Workbook()
    month_sheet(book, "填报示例", "XX镇2020年X月党建工作统计月报表", {"疫情防控队伍": 3})
    month_sheet(book, "月报表", "青石镇2020年6月党建工作统计月报表", {"疫情防控队伍": 2})
    del book["Sheet"]
    [sub] = read(save(book, tmp_path / "青石镇.xlsx"), catalog, registry)
    assert sub.status == "accepted" and {v.indicator_code: v.value for v in sub.values} == {"epidemic_teams": 2}
    assert "「填报示例」是填报示例，未读取" in sub.messages()[0]


def test_a_sheet_name_disagreeing_with_its_title_rejects(tmp_path, catalog, registry):
    book = openpyxl.Workbook()
    del book["Sheet"]
    month_sheet(book, "6月", "青石镇2020年5月党建工作统计月报表", {"疫情防控队伍": 1})
    [sub] = read(save(book, tmp_path / "x.xlsx"), catalog, registry)
    assert sub.status == "rejected" and "报表月份不一致" in sub.messages()[0]


def test_two_sheets_for_the_same_month_reject_both(tmp_path, catalog, registry):
    book = openpyxl.Workbook()
    del book["Sheet"]
    month_sheet(book, "3月", "青石镇2020年党建统计", {"疫情防控队伍": 1})
    month_sheet(book, "2020.03", "青石镇党建统计", {"疫情防控队伍": 2})
    first, second = read(save(book, tmp_path / "dup.xlsx"), catalog, registry)
    assert first.status == second.status == "rejected"
    for sub in (first, second):
        assert "工作表「3月」和「2020.03」都是2020年3月的报表，无法确定以哪张为准" in sub.messages()[0]
    assert first.submission_id != second.submission_id


def test_catch_up_layout_gives_one_submission_per_month(tmp_path, catalog, registry):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["城关镇2020年1-6月党建工作统计补报表"])
    sheet.append(["序号", "指标名称", "计量单位", "1月", "2月", "3月", "4月", "5月", "6月", "合计"])
    sheet.append([1, "疫情防控队伍", "支", 3, 3, 4, 4, 4, None, 18])
    sheet.append([2, "干部培训", "人次", 20, 0, "约30", 25, 10, None, None])
    subs = read(save(book, tmp_path / "城关镇补报.xlsx"), catalog, registry)
    assert [s.period.month for s in subs] == [1, 2, 3, 4, 5]  # June was left empty: no submission
    by_month = {s.period.month: s for s in subs}
    assert by_month[1].status == "accepted" and by_month[1].unit_code == "T01"
    assert {v.indicator_code: v.value for v in by_month[4].values} == {"epidemic_teams": 4, "training_attendance": 25}
    assert by_month[3].status == "rejected" and "F4：「约30」" in by_month[3].messages()[0]


def test_catch_up_months_written_in_chinese_numerals(tmp_path, catalog, registry):
    rows = [["城关镇2020年党建工作统计补报表"], ["序号", "指标名称", "计量单位", "四月", "五月", "六月"],
            [1, "疫情防控队伍", "支", 3, 4, None]]
    subs = read(retyped(tmp_path, rows, name="补报.xlsx"), catalog, registry)
    assert [(s.period.month, s.status, values_of(s)) for s in subs] == [
        (4, "accepted", {"epidemic_teams": 3}), (5, "accepted", {"epidemic_teams": 4})]


def test_a_number_merged_across_month_columns_is_no_month_s(tmp_path, catalog, registry):
    rows = [["城关镇2020年1-3月党建工作统计补报表"], ["序号", "指标名称", "计量单位", "1月", "2月", "3月"],
            [1, "疫情防控队伍", "支", 2, 2, 3], [2, "干部培训", "人次", 9, None, None]]
    subs = read(retyped(tmp_path, rows, name="补报.xlsx", merges=("D4:F4",)), catalog, registry)
    assert [(s.period.month, s.status) for s in subs] == [(1, "rejected"), (2, "rejected"), (3, "rejected")]
    assert all("D4：与F4合并为一格" in s.messages()[0] for s in subs)


def test_catch_up_without_a_year_is_rejected(tmp_path, catalog, registry):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["城关镇党建工作统计补报表"])
    sheet.append(["序号", "指标名称", "1月", "2月"])
    sheet.append([1, "疫情防控队伍", 3, 3])
    subs = read(save(book, tmp_path / "补报.xlsx"), catalog, registry)
    assert subs and all(s.status == "rejected" for s in subs)
    assert "无法确定年份" in subs[0].messages()[0]


# --- header shapes -------------------------------------------------------------------------------

@pytest.mark.parametrize("subs, total", [
    (["数量", "其中：新增"], "D"), (["合计", "其中：党员"], "D"), (["其中：新增", "合计"], "E"),
    (["新增数", "其中：党员"], "D"),
])
def test_a_month_merged_over_sub_columns_reads_the_total_never_a_part(tmp_path, catalog, registry, subs, total):
    rows = [["青石镇2020年6月党建工作统计月报表"], ["填报单位：青石镇"],
            ["序号", "指标名称", "计量单位", "本月", None, "本年累计", None],
            [None, None, None, *subs, "数量", "其中：新增"],
            [1, "疫情防控队伍", "支", 4 if total == "D" else 1, 1 if total == "D" else 4, 9, 2],
            [2, "干部培训", "人次", 30 if total == "D" else 10, 10 if total == "D" else 30, 90, 20]]
    path = retyped(tmp_path, rows, merges=("B3:B4", "C3:C4", "D3:E3", "F3:G3", "A3:A4"))
    [sub] = read(path, catalog, registry)
    assert sub.status == "accepted", sub.messages()
    assert values_of(sub) == {"epidemic_teams": 4, "training_attendance": 30}
    assert {v.cell[0] for v in sub.values} == {total}
    assert {v.indicator_code: v.value for v in sub.stated_ytd} == {"training_attendance": 90}


def test_a_month_merged_down_beside_a_split_year_to_date_is_read(tmp_path, catalog, registry):
    rows = [["青石镇2020年6月党建工作统计月报表"],
            ["序号", "指标名称", "计量单位", "本月", "本年累计", None],
            [None, None, None, None, "数量", "其中：新增"],
            [1, "疫情防控队伍", "支", 4, 9, 2], [2, "干部培训", "人次", 30, 90, 20]]
    path = retyped(tmp_path, rows, merges=("A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:F2"))
    [sub] = read(path, catalog, registry)
    assert sub.status == "accepted", sub.messages()
    assert values_of(sub) == {"epidemic_teams": 4, "training_attendance": 30}
    assert {v.indicator_code: v.value for v in sub.stated_ytd} == {"training_attendance": 90}


def test_sub_columns_without_merges_are_read_the_same(tmp_path, catalog, registry):
    rows = [["青石镇2020年6月党建工作统计月报表"],
            ["序号", "指标名称", "计量单位", "本月", None], [None, None, None, "数量", "其中：新增"],
            [1, "疫情防控队伍", "支", 4, 1]]
    [sub] = read(retyped(tmp_path, rows), catalog, registry)
    assert sub.status == "accepted" and values_of(sub) == {"epidemic_teams": 4}


@pytest.mark.parametrize("subs", [("其中：新增", "其中：续建"), ("党员", "群众"), ("数量", "合计")])
def test_sub_columns_with_no_certain_total_are_refused(tmp_path, catalog, registry, subs):
    rows = [["青石镇2020年6月党建工作统计月报表"],
            ["序号", "指标名称", "计量单位", "本月", None], [None, None, None, *subs],
            [1, "疫情防控队伍", "支", 4, 1]]
    [sub] = read(retyped(tmp_path, rows, merges=("D2:E2",)), catalog, registry)
    assert sub.status == "rejected" and sub.unit_code == "T02"
    assert "无法确定哪一列是本月合计数" in sub.messages()[0] and f"D3「{subs[0]}」" in sub.messages()[0]


@pytest.mark.parametrize("trap", ["上年同期", "上月", "累计", "1-6月累计", "同比", "上年同期数"])
def test_columns_beside_the_month_are_never_the_month(tmp_path, catalog, registry, trap):
    rows = [["青石镇2020年6月党建工作统计月报表"],
            ["序号", "指标名称", trap, "本月", trap + " "], [1, "疫情防控队伍", 9, 4, 7], [2, "干部培训", 99, 30, 77]]
    [sub] = read(retyped(tmp_path, rows), catalog, registry)
    assert sub.status == "accepted" and values_of(sub) == {"epidemic_teams": 4, "training_attendance": 30}


@pytest.mark.parametrize("trap", ["上年同期", "上月", "1-6月累计", "同比"])
def test_a_table_with_only_other_periods_is_no_form(tmp_path, catalog, registry, trap):
    rows = [["青石镇2020年6月党建工作统计月报表"], ["序号", "指标名称", trap], [1, "疫情防控队伍", 9]]
    [sub] = read(retyped(tmp_path, rows), catalog, registry)
    assert sub.status == "rejected" and "未找到报表表头" in sub.messages()[0]


def test_a_quantity_column_beside_the_month_is_not_read(tmp_path, catalog, registry):
    rows = [["青石镇2020年6月党建工作统计月报表"],
            ["序号", "指标名称", "数量", "本月"], [1, "疫情防控队伍", 9, 4]]
    [sub] = read(retyped(tmp_path, rows), catalog, registry)
    assert sub.status == "accepted" and values_of(sub) == {"epidemic_teams": 4}, sub.messages()


def test_a_quantity_column_on_a_quarterly_form_is_refused(tmp_path, catalog, registry):
    rows = [["青石镇2020年第二季度党建工作统计表"], ["序号", "指标名称", "数量"], [1, "疫情防控队伍", 9]]
    [sub] = read(retyped(tmp_path, rows, name="报表.xlsx"), catalog, registry)
    assert sub.status == "rejected" and "不是月报" in " ".join(sub.messages()), sub.messages()


@pytest.mark.parametrize("label_heading, month_heading", [
    ("项目", "本月数"), ("指标", "当月数"), ("内容", "本期数"), ("统计项目", "本月完成"), ("指标项目", "本月实际"),
    ("名称", "本月份"), ("项目名称", "本月数量"), ("指标名称（单位）", "本月（人、次）"), ("项目", "本月数(万元/个)"),
    ("主要指标", "本月完成情况"), ("指标名称", "六月"), ("指标名称", "6月份"),  # found by the variants gallery
    ("指标名称", "数量"), ("项目", "完成数"),  # a monthly form's one value column, no 本月
])
def test_other_common_headings(tmp_path, catalog, registry, label_heading, month_heading):
    rows = [["青石镇2020年6月党建工作统计月报表"], ["序号", label_heading, "单位", month_heading, "备注"],
            [1, "疫情防控队伍", "支", 4, None], [2, "追回资金", "元", 35000, None]]
    [sub] = read(retyped(tmp_path, rows), catalog, registry)
    assert sub.status == "accepted", sub.messages()
    assert values_of(sub) == {"epidemic_teams": 4, "funds_recovered": 3.5}


def test_a_number_merged_over_two_indicators_rows_is_refused_never_copied(tmp_path, catalog, registry):
    rows = [["青石镇2020年6月党建工作统计月报表"], ["序号", "指标名称", "计量单位", "本月"],
            [1, "理论研究室", "处", 1], [2, "理论宣讲组", "个", None], [3, "干部培训", "人次", 9]]
    [sub] = read(retyped(tmp_path, rows, merges=("D3:D4",)), catalog, registry)
    assert sub.status == "rejected"
    assert [p.cell for p in sub.problems if p.blocking] == ["D3"] and "与D4合并为一格" in sub.messages()[0]
    assert "lecture_groups" not in values_of(sub)


def test_a_number_merged_over_its_row_and_an_empty_one_is_that_row_s(tmp_path, catalog, registry):
    rows = [["青石镇2020年6月党建工作统计月报表"], ["序号", "指标名称", "计量单位", "本月"],
            [1, "理论研究室", "处", 1], [None, None, None, None], [3, "干部培训", "人次", 9]]
    [sub] = read(retyped(tmp_path, rows, merges=("D3:D4",)), catalog, registry)
    assert sub.status == "accepted", sub.messages()
    assert values_of(sub) == {"theory_research_offices": 1, "training_attendance": 9}


def test_two_columns_that_could_each_be_the_month_are_refused(tmp_path, catalog, registry):
    rows = [["青石镇2020年6月党建工作统计月报表"], ["序号", "指标名称", "本月", "当月数"], [1, "疫情防控队伍", 4, 5]]
    [sub] = read(retyped(tmp_path, rows), catalog, registry)
    assert sub.status == "rejected" and sub.unit_code == "T02"
    assert "无法确定读哪一列" in sub.messages()[0] and "C2「本月」" in sub.messages()[0]
