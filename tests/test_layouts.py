"""Layouts other than the template: one sheet per month, one column per month (catch-up), other headings,
two-row headers, a township by village, and a long form in parts."""
from __future__ import annotations

import subprocess
from datetime import date

import openpyxl
import pytest

from countystat.sources.intake import read_submissions
from tests.conftest import TODAY
from tests.libreoffice import missing


def save(book: openpyxl.Workbook, path):
    book.save(path)
    return path


def month_sheet(book, title: str, heading: str, values: dict[str, object]):
    sheet = book.create_sheet(title)
    sheet.append([heading])
    sheet.append(["填报单位：青石镇"])
    sheet.append(["序号", "指标名称", "计量单位", "本月", "备注"])
    for n, (label, value) in enumerate(values.items(), start=1):
        sheet.append([n, label, None, value])
    return sheet


def read(path, catalog, registry):
    return read_submissions(path, path.name, "f" * 64, catalog, registry, TODAY)


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
    return {v.indicator_code: v.value for v in sub.values if v.value is not None}


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


# --- by village ----------------------------------------------------------------------------------

def village_rows(*body):
    return [["青石镇2020年6月党建工作统计月报表"], ["序号", "指标名称", "计量单位", "李庄村", "王庄村", "东街社区", "合计"],
            *body]


def test_a_township_by_village_reports_its_total_checked_against_the_villages(tmp_path, catalog, registry):
    rows = village_rows([1, "疫情防控队伍", "支", 1, 2, 1, 4], [2, "干部培训", "人次", 10, None, 5, 15],
                        [3, "追回资金", "万元", 1.1, 2.2, None, 3.3], [4, "解决群众困难", "件", None, None, None, None])
    [sub] = read(retyped(tmp_path, rows), catalog, registry)
    assert sub.status == "accepted", sub.messages()
    assert values_of(sub) == {"epidemic_teams": 4, "training_attendance": 15, "funds_recovered": 3.3}
    assert {v.indicator_code: v.cell for v in sub.values}["epidemic_teams"] == "G3"


@pytest.mark.parametrize("total, words", [(5, "合计G3为5"), (None, "合计G3未填写")])
def test_a_total_that_is_not_the_villages_sum_rejects_naming_both(tmp_path, catalog, registry, total, words):
    rows = village_rows([1, "疫情防控队伍", "支", 1, 2, 1, total], [2, "干部培训", "人次", 10, None, 5, 15])
    [sub] = read(retyped(tmp_path, rows), catalog, registry)
    assert sub.status == "rejected"
    [message] = sub.messages()
    assert message.startswith("文件「青石镇2020年6月.xlsx」工作表「月报表」G3：") and words in message
    assert "不符" in message and "D3、E3、F3" in message and "之和4" in message


def test_an_unreadable_village_cell_rejects_at_that_cell(tmp_path, catalog, registry):
    rows = village_rows([1, "疫情防控队伍", "支", 1, "约2", 1, 4])
    [sub] = read(retyped(tmp_path, rows), catalog, registry)
    assert sub.status == "rejected" and sub.messages()[0].startswith("文件「青石镇2020年6月.xlsx」工作表「月报表」E3：「约2」")


def test_villages_without_a_total_column_are_refused(tmp_path, catalog, registry):
    rows = [["青石镇2020年6月党建工作统计月报表"], ["序号", "指标名称", "李庄村", "王庄村"], [1, "疫情防控队伍", 1, 2]]
    [sub] = read(retyped(tmp_path, rows), catalog, registry)
    assert sub.status == "rejected" and "没有“合计”列" in sub.messages()[0]


# --- a long form in parts ------------------------------------------------------------------------

def parts_book(first: dict, second: dict, names=("月报表（一）", "月报表（二）"), marks=("（一）", "（二）")):
    book = openpyxl.Workbook()
    del book["Sheet"]
    month_sheet(book, names[0], f"青石镇2020年6月党建工作统计月报表{marks[0]}", first)
    month_sheet(book, names[1], f"青石镇2020年6月党建工作统计月报表{marks[1]}", second)
    return book


@pytest.mark.parametrize("names", [("月报表（一）", "月报表（二）"), ("月报表", "月报表（续）"), ("月报表之一", "月报表之二")])
@pytest.mark.parametrize("marks", [("（一）", "（二）"), ("", "")])
def test_a_long_form_split_over_sheets_is_one_submission(tmp_path, catalog, registry, names, marks):
    book = parts_book({"疫情防控队伍": 4, "干部培训": 30}, {"追回资金": 2.5, "立案": None}, names, marks)
    [sub] = read(save(book, tmp_path / "青石镇6月.xlsx"), catalog, registry)
    assert (sub.status, sub.unit_code, sub.period) == ("accepted", "T02", date(2020, 6, 1)), sub.messages()
    assert values_of(sub) == {"epidemic_teams": 4, "training_attendance": 30, "funds_recovered": 2.5}
    assert {v.indicator_code: v.sheet for v in sub.values}["funds_recovered"] == names[1]


def test_parts_giving_one_indicator_two_numbers_reject_naming_both_cells(tmp_path, catalog, registry):
    book = parts_book({"疫情防控队伍": 4, "干部培训": 30}, {"追回资金": 2.5, "干部培训": 31})
    [sub] = read(save(book, tmp_path / "青石镇6月.xlsx"), catalog, registry)
    assert sub.status == "rejected"
    [message] = sub.messages()
    assert "工作表「月报表（一）」D5和工作表「月报表（二）」D5填了不同的数" in message


def test_sheets_not_titled_as_parts_stay_a_guess(tmp_path, catalog, registry):
    book = parts_book({"疫情防控队伍": 4}, {"追回资金": 2.5}, ("月报表", "月报表 (2)"), marks=("", ""))
    first, second = read(save(book, tmp_path / "青石镇6月.xlsx"), catalog, registry)
    assert first.status == second.status == "rejected" and "无法确定以哪张为准" in first.messages()[0]


def test_an_empty_catch_up_sheet_is_refused_as_empty(tmp_path, catalog, registry):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["城关镇2020年1-6月党建工作统计补报表"])
    sheet.append(["序号", "指标名称", "计量单位", "1月", "2月", "3月"])
    sheet.append([1, "疫情防控队伍", "支", None, None, None])
    [sub] = read(save(book, tmp_path / "城关镇补报.xlsx"), catalog, registry)
    assert sub.status == "rejected" and sub.unit_code == "T01" and "表中未填写任何数据" in sub.messages()[0]


def test_parts_may_be_named_by_their_titles_alone(tmp_path, catalog, registry):
    book = parts_book({"疫情防控队伍": 4}, {"追回资金": 2.5}, ("Sheet1", "Sheet2"))
    [sub] = read(save(book, tmp_path / "青石镇6月.xlsx"), catalog, registry)
    assert sub.status == "accepted" and values_of(sub) == {"epidemic_teams": 4, "funds_recovered": 2.5}


def test_copies_of_one_part_are_not_two_parts(tmp_path, catalog, registry):
    book = parts_book({"疫情防控队伍": 4}, {"追回资金": 2.5}, ("Sheet1", "Sheet2"), marks=("（一）", "（一）"))
    subs = read(save(book, tmp_path / "青石镇6月.xlsx"), catalog, registry)
    assert [s.status for s in subs] == ["rejected", "rejected"] and "无法确定以哪张为准" in subs[0].messages()[0]


def test_copies_titled_the_same_are_not_parts(tmp_path, catalog, registry):
    book = openpyxl.Workbook()
    del book["Sheet"]
    month_sheet(book, "Sheet1", "青石镇2020年6月党建工作统计月报表", {"疫情防控队伍": 4})
    month_sheet(book, "Sheet2", "青石镇2020年6月党建工作统计月报表", {"追回资金": 2.5})
    subs = read(save(book, tmp_path / "青石镇6月.xlsx"), catalog, registry)
    assert [s.status for s in subs] == ["rejected", "rejected"]


@pytest.mark.parametrize("title, heading, status, period", [
    ("青石镇党建工作统计月报表", "2020年6月", "accepted", date(2020, 6, 1)),
    ("青石镇2020年6月党建工作统计月报表", "2020年6月份", "accepted", date(2020, 6, 1)),
    ("青石镇2020年5月党建工作统计月报表", "2020年6月", "rejected", None),
])
def test_a_lone_dated_month_column_is_the_month(tmp_path, catalog, registry, title, heading, status, period):
    rows = [[title], ["序号", "指标名称", "计量单位", heading, "本年累计"], [1, "疫情防控队伍", "支", 4, 9]]
    [sub] = read(retyped(tmp_path, rows, name="x.xlsx"), catalog, registry)
    assert (sub.status, sub.period) == (status, period), sub.messages()
    if status == "rejected":
        assert "报表月份不一致" in sub.messages()[0] and "D2表头「2020年6月」" in sub.messages()[0]


@pytest.mark.parametrize("title, status, period", [
    ("青石镇2020年6月党建工作统计月报表", "accepted", date(2020, 6, 1)),
    ("青石镇2020年党建工作统计月报表", "accepted", date(2020, 6, 1)),
    ("青石镇2020年5月党建工作统计月报表", "rejected", None),
])
def test_a_lone_month_column_is_the_month(tmp_path, catalog, registry, title, status, period):
    rows = [[title], ["序号", "指标名称", "计量单位", "6月", "1-6月累计"], [1, "疫情防控队伍", "支", 4, 9]]
    [sub] = read(retyped(tmp_path, rows, name="x.xlsx"), catalog, registry)
    assert (sub.status, sub.period) == (status, period), sub.messages()
    if status == "accepted":
        assert values_of(sub) == {"epidemic_teams": 4}
    else:
        assert "报表月份不一致" in sub.messages()[0] and "D2表头「6月」" in sub.messages()[0]


def test_a_row_numbering_the_columns_is_no_indicator(tmp_path, catalog, registry):
    rows = [["青石镇2020年6月党建工作统计月报表"], ["序号", "指标名称", "计量单位", "本月", "本年累计"],
            [None, "甲", "乙", 1, 2], [1, "疫情防控队伍", "支", 4, 4]]
    [sub] = read(retyped(tmp_path, rows), catalog, registry)
    assert sub.status == "accepted" and values_of(sub) == {"epidemic_teams": 4}


@pytest.mark.skipif(missing("calc"), reason=str(missing("calc")))
@pytest.mark.parametrize("suffix", ["ods", "xls"])
def test_two_row_headers_villages_and_month_cells_read_alike_once_saved_by_libreoffice(tmp_path, catalog, registry,
                                                                                      suffix):
    from datetime import datetime

    merged = retyped(tmp_path, [["青石镇党建工作统计月报表"], ["统计月份", datetime(2020, 3, 1)],
                                ["序号", "指标名称", "计量单位", "本月", None], [None, None, None, "数量", "其中：新增"],
                                [1, "疫情防控队伍", "支", 4, 1]],
                     name="merged.xlsx", merges=("D3:E3", "B3:B4"))
    villages = retyped(tmp_path, village_rows([1, "疫情防控队伍", "支", 1, 2, 1, 4]), name="villages.xlsx")
    out = tmp_path / "out"
    for path in (merged, villages):
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                        "--convert-to", suffix, "--outdir", str(out), str(path)],
                       check=True, capture_output=True, timeout=180)
    [sub] = read(out / f"merged.{suffix}", catalog, registry)
    assert (sub.status, sub.period) == ("accepted", date(2020, 3, 1)), sub.messages()
    assert values_of(sub) == {"epidemic_teams": 4} and sub.values[0].cell == "D5"
    [sub] = read(out / f"villages.{suffix}", catalog, registry)
    assert sub.status == "accepted" and values_of(sub) == {"epidemic_teams": 4}, sub.messages()


def test_a_blank_sheet_beside_a_filled_one_is_no_submission(tmp_path, catalog, registry):
    book = openpyxl.Workbook()
    del book["Sheet"]
    month_sheet(book, "6月", "青石镇2020年6月党建工作统计月报表", {"疫情防控队伍": 4})
    month_sheet(book, "7月", "青石镇2020年7月党建工作统计月报表", {"疫情防控队伍": None})
    [sub] = read(save(book, tmp_path / "青石镇.xlsx"), catalog, registry)
    assert (sub.status, sub.period) == ("accepted", date(2020, 6, 1)) and values_of(sub) == {"epidemic_teams": 4}
    assert "【说明】文件「青石镇.xlsx」：工作表「7月」未填写任何数据，不作为报表读取" in sub.messages()


def test_a_workbook_of_blank_sheets_is_refused_sheet_by_sheet(tmp_path, catalog, registry):
    book = openpyxl.Workbook()
    del book["Sheet"]
    month_sheet(book, "6月", "青石镇2020年6月党建工作统计月报表", {"疫情防控队伍": None})
    month_sheet(book, "7月", "青石镇2020年7月党建工作统计月报表", {"疫情防控队伍": None})
    subs = read(save(book, tmp_path / "青石镇.xlsx"), catalog, registry)
    assert [(s.status, s.period.month) for s in subs] == [("rejected", 6), ("rejected", 7)]
    assert all("表中未填写任何数据" in s.messages()[0] for s in subs)
