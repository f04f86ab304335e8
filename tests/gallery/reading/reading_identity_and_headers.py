"""The reading gallery's parts 5, 6 and 8: identity from typed cells, header shapes, and the rest of what
a careful clerk reads (months and units in titles and sheet names, other headings, one form over two sheets).

Part of the reading gallery's maker (make_gallery.py runs every case); the helpers are in reading_files.py.
"""
from __future__ import annotations

from datetime import datetime

from openpyxl.workbook import Workbook

from tests.gallery.gallery_files import HEADER
from tests.gallery.reading.reading_files import (
    CHINESE_DATE, CHINESE_MONTH, formatted, office, source_path, table, write_sheet,
)


# --- part 5: identity from typed cells ------------------------------------------------------------

def identity() -> None:
    """Part 5: the month typed as a date cell, and a filing date that is no month."""
    path = table("month_as_date_cell", [
        ["红旗乡党建工作统计月报表"],
        ["填报单位：红旗乡"],
        ["统计月份", None, None, "填报日期"],
        HEADER,
        [1, "疫情防控队伍", "支", 2],
        [2, "干部培训", "人次", 33],
    ], merges=("A1:E1",))
    formatted(path, {"B3": (datetime(2020, 3, 1), CHINESE_MONTH), "E3": (datetime(2020, 4, 3), CHINESE_DATE)})
    office(path, "xlsx", "xls")

    path = table("reject_only_filing_date_cell", [
        ["城关镇党建工作统计月报表"],
        ["填报单位：城关镇", None, None, "填报日期"],
        HEADER,
        [1, "疫情防控队伍", "支", 2],
        [2, "干部培训", "人次", 33],
    ], merges=("A1:E1",))
    formatted(path, {"E2": (datetime(2020, 7, 3), CHINESE_DATE)})
    office(path, "xlsx")


# --- part 6: header shapes ------------------------------------------------------------------------

def header_shapes() -> None:
    """Part 6: a two-row header, columns by village (with a total that agrees or not), columns beside the month's."""
    path = table("two_row_header", [
        ["青石镇2020年6月党建工作统计月报表"],
        ["填报单位：青石镇"],
        ["序号", "指标名称", "计量单位", "本月", None, "本年累计", "备注"],
        [None, None, None, "数量", "其中：新增", None, None],
        [1, "疫情防控队伍", "支", 4, 1, 4],
        [2, "动员党员参与疫情防控", "名", 86, 10, 120],
        [3, "干部培训", "人次", 120, 30, 560],
        [4, "解决群众困难", "件", 9, 3, 50],
    ], merges=("A1:G1", "A3:A4", "B3:B4", "C3:C4", "D3:E3", "F3:F4", "G3:G4"))
    office(path, "xlsx", "ods")

    villages = ["序号", "指标名称", "计量单位", "王家村", "李家庄村", "张湾村", "合计"]
    office(table("by_village", [
        ["柳河镇2020年6月党建工作统计月报表"],
        ["填报单位：柳河镇"],
        villages,
        [1, "疫情防控队伍", "支", 1, 1, 2, "=SUM(D4:F4)"],
        [2, "动员党员参与疫情防控", "名", 12, 15, 9, "=SUM(D5:F5)"],
        [3, "干部培训", "人次", 10, 8, 12, "=SUM(D6:F6)"],
        [4, "解决群众困难", "件", 3, 0, 2, "=SUM(D7:F7)"],
    ], merges=("A1:G1",)), "xlsx")
    office(table("reject_by_village_total_differs", [
        ["白马镇2020年6月党建工作统计月报表"],
        ["填报单位：白马镇"],
        villages,
        [1, "疫情防控队伍", "支", 1, 1, 2, 4],
        [2, "动员党员参与疫情防控", "名", 12, 15, 9, 36],
        [3, "干部培训", "人次", 10, 8, 12, 35],
        [4, "解决群众困难", "件", 3, 0, 2, 5],
    ], merges=("A1:G1",)), "xlsx")

    office(table("columns_beside_month", [
        ["黄土岭镇2020年6月党建工作统计月报表"],
        ["填报单位：黄土岭镇"],
        ["序号", "指标名称", "计量单位", "上月", "上年同期", "本月", "累计", "1-6月累计", "备注"],
        [1, "疫情防控队伍", "支", 3, 2, 4, 4, 4],
        [2, "干部培训", "人次", 50, 80, 60, 300, 300],
        [3, "解决群众困难", "件", 7, 5, 9, 41, 41],
        [4, "中央和省市主流媒体刊发稿件", "篇", 1, 0, 2, 6, 6],
    ], merges=("A1:I1",)), "xlsx")


# --- part 8: the rest of what a careful clerk reads -----------------------------------------------

def the_rest() -> None:
    """Part 8: months and units written other ways, other headings, one form over two sheets."""
    def simple(stem: str, title: str, unit_line: str, values: list[tuple[str, str, object]],
               header: list[str] = HEADER) -> None:
        rows = [[title], [unit_line], header] + [[i, label, measure, value] for i, (label, measure, value)
                                                 in enumerate(values, 1)]
        office(table(stem, rows, merges=(f"A1:{chr(64 + len(header))}1",)), "xlsx")

    two = [("疫情防控队伍", "支", 2), ("干部培训", "人次", 36)]
    simple("chinese_numeral_date", "西坪乡二〇二〇年三月党建工作统计月报表", "填报单位：西坪乡", two)
    simple("chinese_numeral_december", "龙泉镇二零二零年十二月党建工作统计月报表", "填报单位：龙泉镇", two)
    office(table("sheet_named_chinese_month", [["东岗乡2020年党建工作统计月报表"], ["填报单位：东岗乡"], HEADER]
                 + [[i, label, measure, value] for i, (label, measure, value) in enumerate(two, 1)],
                 sheet="三月", merges=("A1:E1",)), "xlsx")
    simple("month_fen", "南湾乡2020年党建工作统计月报表（3月份）", "填报单位：南湾乡", two)
    simple("unit_party_committee", "中共北山乡委员会2020年6月党建工作统计月报表", "填报单位：中共北山乡委员会",
           [("疫情防控队伍", "支", 3), ("干部培训", "人次", 41)])
    simple("unit_government", "高庙乡人民政府2020年6月党建工作统计月报表", "填报单位：高庙乡人民政府",
           [("疫情防控队伍", "支", 1), ("解决群众困难", "件", 7)])
    simple("other_headings", "红旗乡2020年6月党建工作统计月报表", "填报单位：红旗乡",
           [("疫情防控队伍", "支", 2), ("干部培训", "人次", 29), ("完成民生工程", "项", 1)],
           header=["序号", "项目", "计量单位", "本月数", "备注"])
    simple("reject_quarterly", "青石镇2020年第一季度党建工作统计报表", "填报单位：青石镇", two)
    simple("reject_annual", "三合镇2020年度党建工作统计报表", "填报单位：三合镇", two)
    simple("reject_month_13", "白马镇2020年13月党建工作统计月报表", "填报单位：白马镇", two)

    book = Workbook()
    parts = {
        "月报表（一）": [("疫情防控队伍", "支", 3), ("动员党员参与疫情防控", "名", 50), ("干部培训", "人次", 40)],
        "月报表（二）": [("群众身边腐败和作风问题线索", "件", 4), ("处置问题线索", "件", 3), ("立案", "件", 2),
                     ("追回资金", "万元", 0.8)],
    }
    for (title, values), numeral in zip(parts.items(), "一二"):
        sheet = book.active if numeral == "一" else book.create_sheet()
        write_sheet(sheet, title, [[f"城关镇2020年6月党建工作统计月报表（{numeral}）"], ["填报单位：城关镇"], HEADER]
                    + [[i, label, measure, value] for i, (label, measure, value) in enumerate(values, 1)],
                    merges=("A1:E1",))
    path = source_path("split_over_two_sheets")
    book.save(path)
    office(path, "xlsx")
