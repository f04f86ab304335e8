"""The variants gallery's identity: the unit and the month written in other cells, words and dates.

Part of the variants gallery's maker (make_variants.py runs every case); the helpers are in variant_files.py.
"""
from __future__ import annotations

from datetime import datetime

import openpyxl

from tests.gallery.gallery_files import HEADER
from tests.gallery.variants.variant_files import SCRATCH, T_HEAD, office, table


# --- identity -----------------------------------------------------------------------------------

def identity() -> None:
    """The unit and month in cells beside the title, in text, a sheet name, a date cell or a spaced title."""
    body = [[1, "疫情防控队伍", "支", 2], [2, "干部培训", "人次", 16]]
    office(table("v_identity_tongji_shijian", [
        [T_HEAD], ["填报单位：柳河镇", None, "统计时间：2020年3月"], HEADER, *body,
    ], merges=("A1:E1",)), "xlsx")
    office(table("v_identity_month_dotted_text", [
        [f"白马镇{T_HEAD}"], ["填报单位：白马镇", None, "报送月份：2020.3"], HEADER, *body,
    ], merges=("A1:E1",)), "xlsx")
    office(table("v_identity_sheet_named_month", [
        [f"南湾乡{T_HEAD}"], ["填报单位：南湾乡"], HEADER, *body,
    ], sheet="2020.03", merges=("A1:E1",)), "xlsx")
    office(table("v_identity_cells_right_of_labels", [
        [T_HEAD], ["单位名称", "三合镇", None, "统计月份", "2020年5月"], HEADER, *body,
    ], merges=("A1:E1",)), "xlsx")
    office(table("v_identity_date_cell", [
        [f"黄土岭镇{T_HEAD}"], ["填报单位：黄土岭镇", "统计月份", None, "填报日期", None], HEADER, *body,
    ], merges=("A1:E1",), formats={"C2": (datetime(2020, 3, 1), 'yyyy"年"m"月"'),
                                   "E2": (datetime(2020, 4, 3), "yyyy-mm-dd")}), "ods", "xls")
    office(table("v_identity_spaced_title", [
        ["龙泉镇 2020 年 6 月 党建工作统计月报表"], ["填报单位：龙泉镇"], HEADER, *body,
    ], merges=("A1:E1",)), "xlsx")


# --- second round: seals, short names, months as dates and as sheets ----------------------------

def identity_further() -> None:
    """A seal, a short party-committee name, a hyphen month, a month-end date, two month sheets, the file name."""
    body = [[1, "疫情防控队伍", "支", 2], [2, "干部培训", "人次", 16]]
    office(table("v_identity_seal", [
        [f"2020年6月{T_HEAD}"], ["填报单位（盖章）：城关镇"], HEADER, *body,
    ], merges=("A1:E1",)), "xlsx")
    office(table("v_identity_party_committee_short", [
        [f"2020年6月{T_HEAD}"], ["填报单位：青石镇党委"], HEADER, *body,
    ], merges=("A1:E1",)), "xlsx")
    office(table("v_identity_month_hyphen_text", [
        [f"柳河镇{T_HEAD}"], ["填报单位：柳河镇", None, "统计月份：2020-06"], HEADER, *body,
    ], merges=("A1:E1",)), "xlsx")
    office(table("v_identity_month_end_date", [
        [f"白马镇{T_HEAD}"], ["填报单位：白马镇", "统计月份", None], HEADER, *body,
    ], merges=("A1:E1",), formats={"C2": (datetime(2020, 3, 31), 'yyyy"年"m"月"')}), "xlsx")
    office(table("v_identity_two_month_sheets", [
        [f"黄土岭镇2020年5月{T_HEAD}"], ["填报单位：黄土岭镇"], HEADER, *body,
    ], sheet="5月", merges=("A1:E1",)), "xlsx")
    source = SCRATCH / "sources" / "v_identity_two_month_sheets" / "v_identity_two_month_sheets.xlsx"
    book = openpyxl.load_workbook(source)
    june = book.create_sheet("6月")
    for row in [[f"黄土岭镇2020年6月{T_HEAD}"], ["填报单位：黄土岭镇"], HEADER,
                [1, "疫情防控队伍", "支", 3], [2, "干部培训", "人次", 21]]:
        june.append(row)
    book.save(source)
    office(table("v_柳河镇2020年6月报表", [
        [T_HEAD], HEADER, *body,
    ], merges=("A1:E1",)), "xlsx")


# --- fifth round: the words around the table ------------------------------------------------------

def around_the_table() -> None:
    """Words around the table: a submission time, a footer, a cover sheet, a two-digit year, a dated heading."""
    body = [[1, "疫情防控队伍", "支", 2], [2, "干部培训", "人次", 16]]
    office(table("v_identity_submission_time", [
        [f"城关镇2020年6月{T_HEAD}"], ["填报单位：城关镇", None, "报送时间：2020年7月3日"], HEADER, *body,
    ], merges=("A1:E1",)), "xlsx")
    office(table("reject_v_only_submission_time", [
        [f"城关镇{T_HEAD}"], ["填报单位：城关镇", None, "报送时间：2020年7月3日"], HEADER, *body,
    ], merges=("A1:E1",)), "xlsx")
    office(table("v_footer_phone", [
        [f"青石镇2020年6月{T_HEAD}"], ["填报单位：青石镇"], HEADER, *body,
        [None, "单位负责人：王五", "填表人：张三", 13912345678, "联系电话"],
    ], merges=("A1:E1",)), "xlsx")
    source = table("v_identity_cover_sheet", [[T_HEAD], HEADER, *body], merges=("A1:E1",))
    book = openpyxl.load_workbook(source)
    cover = book.create_sheet("封面", 0)
    for row in [["柳河镇"], ["2020年6月"], ["党建工作统计月报"], ["中共柳河镇委员会（盖章）"]]:
        cover.append(row)
    book.save(source)
    office(source, "xlsx")
    office(table("v_identity_two_digit_year", [
        [f"白马镇20年6月{T_HEAD}"], ["填报单位：白马镇"], HEADER, *body,
    ], merges=("A1:E1",)), "xlsx")
    office(table("v_黄土岭镇2020年报表", [
        [f"黄土岭镇6月份{T_HEAD}"], ["填报单位：黄土岭镇"], HEADER, *body,
    ], merges=("A1:E1",)), "xlsx")
    office(table("v_dated_heading_over_month", [
        [f"三合镇{T_HEAD}"], ["填报单位：三合镇"],
        ["序号", "指标名称", "计量单位", "2020年6月", None, "备注"],
        [None, None, None, "本月", "本年累计", None],
        [1, "疫情防控队伍", "支", 2, 2], [2, "干部培训", "人次", 16, 70],
    ], merges=("A1:F1", "D3:E3", "A3:A4", "B3:B4", "C3:C4", "F3:F4")), "xlsx")
