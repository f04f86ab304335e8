"""Layouts other than the template: one sheet per month, and one column per month (catch-up)."""
from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from countystat.sources.intake import read_submissions
from tests.conftest import TODAY


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


def test_catch_up_without_a_year_is_rejected(tmp_path, catalog, registry):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["城关镇党建工作统计补报表"])
    sheet.append(["序号", "指标名称", "1月", "2月"])
    sheet.append([1, "疫情防控队伍", 3, 3])
    subs = read(save(book, tmp_path / "补报.xlsx"), catalog, registry)
    assert subs and all(s.status == "rejected" for s in subs)
    assert "无法确定年份" in subs[0].messages()[0]
