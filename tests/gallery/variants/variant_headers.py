"""The variants gallery's header shapes: sub-columns, three header rows, sections, columns in other orders.

Part of the variants gallery's maker (make_variants.py runs every case); the helpers are in variant_files.py.
"""
from __future__ import annotations

from tests.gallery.gallery_files import HEADER
from tests.gallery.variants.variant_files import T_HEAD, office, table


# --- header shapes ----------------------------------------------------------------------------

def headers() -> None:
    """The month over sub-columns, three header rows, merged sections, other column orders, villages, 上月 first."""
    office(table("v_month_over_three_subcolumns", [
        [f"龙泉镇2020年6月{T_HEAD}"], ["填报单位：龙泉镇"],
        ["序号", "指标名称", "计量单位", "本月", None, None, "备注"],
        [None, None, None, "合计", "其中：男", "其中：女", None],
        [1, "动员党员参与疫情防控", "名", 40, 25, 15],
        [2, "干部培训", "人次", 30, 18, 12],
        [3, "党政纪处分", "人", 3, 2, 1],
    ], merges=("A1:G1", "D3:F3", "A3:A4", "B3:B4", "C3:C4", "G3:G4")), "xlsx")
    office(table("v_header_three_rows", [
        [f"新集镇2020年6月{T_HEAD}"], ["填报单位：新集镇"],
        ["序号", "指标名称", "计量单位", "统计数据", None, "备注"],
        [None, None, None, "本月", "本年累计", None],
        ["甲", "乙", "丙", 1, 2, "丁"],
        [1, "疫情防控队伍", "支", 3, 3],
        [2, "干部培训", "人次", 25, 110],
        [3, "处置问题线索", "件", 2, 9],
    ], merges=("A1:F1", "D3:E3", "A3:A4", "B3:B4", "C3:C4", "F3:F4")), "xlsx")
    office(table("v_sections_merged", [
        [f"石桥乡2020年6月{T_HEAD}"], ["填报单位：石桥乡"], HEADER,
        ["二、政治建设"],
        [1, "疫情防控队伍", "支", 2],
        [2, "动员党员参与疫情防控", "名", 18],
        ["四、选人用人"],
        [3, "干部培训", "人次", 22],
    ], merges=("A1:E1", "A4:E4", "A7:E7")), "xlsx")
    office(table("v_unit_column_after_month", [
        [f"杨庄乡2020年6月{T_HEAD}"], ["填报单位：杨庄乡"],
        ["序号", "指标名称", "本月", "计量单位", "备注"],
        [1, "疫情防控队伍", 2, "支"],
        [2, "干部培训", 35, "人次"],
        [3, "解决群众困难", 6, "件"],
    ], merges=("A1:E1",)), "xlsx")
    office(table("v_village_total_first", [
        [f"东岗乡2020年6月{T_HEAD}"], ["填报单位：东岗乡"],
        ["指标名称", "计量单位", "合计", "东岗村", "西岗村", "街道社区"],
        ["疫情防控队伍", "支", 3, 1, 1, 1],
        ["动员党员参与疫情防控", "名", 27, 10, 9, 8],
        ["干部培训", "人次", 15, 5, 6, 4],
    ], merges=("A1:F1",)), "xlsx")
    office(table("v_village_total_row", [
        [f"西坪乡2020年6月{T_HEAD}"], ["填报单位：西坪乡"],
        ["指标名称", "计量单位", "王家村", "李家村", "合计"],
        ["疫情防控队伍", "支", 1, 2, 3],
        ["干部培训", "人次", 7, 8, 15],
        ["解决群众困难", "件", 2, 3, 5],
        ["合计", None, 10, 13, 23],
    ], merges=("A1:E1",)), "xlsx")
    office(table("v_columns_other_order", [
        [f"南湾乡2020年6月{T_HEAD}"], ["填报单位：南湾乡"],
        ["序号", "指标名称", "计量单位", "本年累计", "同比增减", "本月", "上年同期", "备注"],
        [1, "疫情防控队伍", "支", 4, 1, 4, 3],
        [2, "干部培训", "人次", 130, 20, 24, 110],
        [3, "处置问题线索", "件", 11, -2, 2, 13],
    ], merges=("A1:H1",)), "xlsx")
    office(table("v_previous_month_first", [
        [f"北山乡2020年6月{T_HEAD}"], ["填报单位：北山乡"],
        ["序号", "指标名称", "计量单位", "上月", "本月", "备注"],
        [1, "疫情防控队伍", "支", 5, 4],
        [2, "干部培训", "人次", 30, 12],
        [3, "解决群众困难", "件", 7, 9],
    ], merges=("A1:F1",)), "xlsx")


# --- second round: other headings of the month's and the labels' columns ----------------------

def headers_further() -> None:
    """The month's column headed 本月完成情况, 数量, 六月 or spaced, the labels' headed 主要指标."""
    body = [[1, "疫情防控队伍", "支", 2], [2, "干部培训", "人次", 19], [3, "处置问题线索", "件", 4]]
    office(table("v_heading_month_situation", [
        [f"三合镇2020年6月{T_HEAD}"], ["填报单位：三合镇"],
        ["序号", "指标名称", "计量单位", "本月完成情况", "备注"], *body,
    ], merges=("A1:E1",)), "xlsx")
    office(table("v_heading_quantity_only", [
        [f"龙泉镇2020年6月{T_HEAD}"], ["填报单位：龙泉镇"],
        ["序号", "指标名称", "计量单位", "数量", "备注"], *body,
    ], merges=("A1:E1",)), "xlsx")
    office(table("v_heading_main_indicators", [
        [f"新集镇2020年6月{T_HEAD}"], ["填报单位：新集镇"],
        ["序号", "主要指标", "计量单位", "本月", "备注"], *body,
    ], merges=("A1:E1",)), "xlsx")
    office(table("v_heading_chinese_month", [
        [f"石桥乡2020年6月{T_HEAD}"], ["填报单位：石桥乡"],
        ["序号", "指标名称", "计量单位", "六月", "备注"], *body,
    ], merges=("A1:E1",)), "xlsx")
    office(table("v_heading_spaced", [
        [f"杨庄乡2020年6月{T_HEAD}"], ["填报单位：杨庄乡"],
        ["序　号", "指 标 名 称", "单　位", "本　　月", "备　注"], *body,
    ], merges=("A1:E1",)), "xlsx")
