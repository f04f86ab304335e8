"""Layouts by village, long forms in parts, lone month columns, blank sheets."""
from __future__ import annotations

import subprocess
from datetime import date

import openpyxl
import pytest

from tests.handmade import month_sheet, read, retyped, save, values_of
from tests.libreoffice import missing


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
