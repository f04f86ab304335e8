"""The variants gallery's refusals and traps for a wrong number: what must be refused, or read without a wrong value.

Part of the variants gallery's maker (make_variants.py runs every case); the helpers are in variant_files.py.
"""
from __future__ import annotations

import openpyxl

from tests.gallery.gallery_files import HEADER
from tests.gallery.variants.variant_files import HERE, T_HEAD, office, table, text_file


# --- must refuse --------------------------------------------------------------------------------

def refusals() -> None:
    """A blank form, only 本年累计, a quarter, a half year, a typed 100%, month 0, a village total that differs."""
    office(table("reject_v_blank_form", [
        [f"红旗乡2020年6月{T_HEAD}"], ["填报单位：红旗乡"], HEADER,
        [1, "疫情防控队伍", "支", None], [2, "干部培训", "人次", None], [3, "立案", "件", None],
    ], merges=("A1:E1",)), "ods", "xls")
    office(table("reject_v_only_year_to_date", [
        [f"城关镇2020年6月{T_HEAD}"], ["填报单位：城关镇"],
        ["序号", "指标名称", "计量单位", "本月", "本年累计", "备注"],
        [1, "疫情防控队伍", "支", None, 3], [2, "干部培训", "人次", None, 80], [3, "立案", "件", None, 4],
    ], merges=("A1:F1",)), "xlsx")
    office(table("reject_v_quarter_as_range", [
        [f"青石镇2020年1-3月{T_HEAD}"], ["填报单位：青石镇"], HEADER,
        [1, "疫情防控队伍", "支", 3], [2, "干部培训", "人次", 45],
    ], merges=("A1:E1",)), "xlsx")
    office(table("reject_v_half_year", [
        [f"柳河镇2020年上半年{T_HEAD}"], ["填报单位：柳河镇"], HEADER,
        [1, "疫情防控队伍", "支", 3], [2, "干部培训", "人次", 45],
    ], merges=("A1:E1",)), "xlsx")
    office(table("reject_v_percent_typed_text", [
        [f"白马镇2020年6月{T_HEAD}"], ["填报单位：白马镇"], HEADER,
        [1, "疫情防控队伍", "支", 2], [2, "干部培训", "人次", "100%"],
    ], merges=("A1:E1",)), "xlsx")
    office(table("reject_v_month_zero", [
        [f"黄土岭镇2020年0月{T_HEAD}"], ["填报单位：黄土岭镇"], HEADER,
        [1, "疫情防控队伍", "支", 2], [2, "干部培训", "人次", 8],
    ], merges=("A1:E1",)), "xlsx")
    office(table("reject_v_village_row_total_differs", [
        [f"三合镇2020年6月{T_HEAD}"], ["填报单位：三合镇"],
        ["指标名称", "计量单位", "合计", "前进村", "光明村"],
        ["干部培训", "人次", 20, 9, 12],
        ["疫情防控队伍", "支", 2, 1, 1],
    ], merges=("A1:E1",)), "xlsx")


# --- second round: periods that are not one month ---------------------------------------------

def refusals_further() -> None:
    """A second quarter, a whole year, two months, and months that disagree."""
    body = [[1, "疫情防控队伍", "支", 3], [2, "干部培训", "人次", 45]]
    for stem, title in (("reject_v_second_quarter", "杨庄乡2020年二季度"), ("reject_v_whole_year", "东岗乡2020年全年"),
                        ("reject_v_two_months", "西坪乡2020年6-7月")):
        office(table(stem, [[title + T_HEAD], ["填报单位：" + title[:3]], HEADER, *body],
                     merges=("A1:E1",)), "xlsx")
    office(table("reject_v_months_disagree", [
        [f"南湾乡2020年6月{T_HEAD}"], ["填报单位：南湾乡", None, "统计月份：2020年5月"], HEADER, *body,
    ], merges=("A1:E1",)), "xlsx")


# --- third round: traps for a wrong number ------------------------------------------------------

def traps() -> None:
    """Traps for a wrong number: decimal totals, an example sheet, a 同比 percent, units in cells, values in 备注."""
    office(table("v_village_decimal_total", [
        [f"城关镇2020年6月{T_HEAD}"], ["填报单位：城关镇"],
        ["指标名称", "计量单位", "东关村", "西关村", "南关社区", "合计"],
        ["追回资金", "万元", 0.1, 0.2, 0.4, 0.7],
        ["干部培训", "人次", 3, 4, 5, 12],
    ], merges=("A1:F1",)), "xlsx")
    office(table("v_village_committees", [
        [f"青石镇2020年6月{T_HEAD}"], ["填报单位：青石镇"],
        ["指标名称", "计量单位", "东街居委会", "西街居委会", "合计"],
        ["疫情防控队伍", "支", 1, 1, 2],
        ["干部培训", "人次", 6, 7, 13],
    ], merges=("A1:E1",)), "xlsx")
    source = table("v_example_sheet", [
        [f"柳河镇2020年6月{T_HEAD}"], ["填报单位：柳河镇"], HEADER,
        [1, "疫情防控队伍", "支", 2], [2, "干部培训", "人次", 11],
    ], merges=("A1:E1",))
    book = openpyxl.load_workbook(source)
    example = book.create_sheet("填报示例", 0)
    for row in [["填报示例（请勿在本页填写）"], ["XX镇2020年X月党建工作统计月报表"], HEADER,
                [1, "疫情防控队伍", "支", 3, "按实有队伍数填写"], [2, "干部培训", "人次", 50, "同一人参加两次计2人次"]]:
        example.append(row)
    book.save(source)
    office(source, "xlsx")
    office(table("v_yoy_percent_column", [
        [f"白马镇2020年6月{T_HEAD}"], ["填报单位：白马镇"],
        ["序号", "指标名称", "计量单位", "本月", "同比增长（%）", "备注"],
        [1, "疫情防控队伍", "支", 4], [2, "干部培训", "人次", 30],
    ], merges=("A1:F1",), formats={"E4": (0.25, "0%"), "E5": (-0.1, "0.0%")}), "xlsx")
    office(table("v_units_in_cells", [
        [f"黄土岭镇2020年6月{T_HEAD}"], ["填报单位：黄土岭镇"], HEADER,
        [1, "追回资金", "元", 15000], [2, "干部培训", "人次", "12 人次"], [3, "立案", "件", "２件"],
        [4, "确诊感染病例", "例", "０"],
    ], merges=("A1:E1",)), "xlsx")
    office(table("v_unit_formal_department", [
        ["中共XX县委组织部2020年6月党建工作统计月报表"], ["填报单位（盖章）：中共XX县委组织部"], HEADER,
        [1, "90后干部", "人", 9], [2, "干部培训", "人次", 60],
    ], merges=("A1:E1",)), "xlsx")
    office(table("reject_v_values_in_remark", [
        [f"三合镇2020年6月{T_HEAD}"], ["填报单位：三合镇"], HEADER,
        [1, "疫情防控队伍", "支", None, 2], [2, "干部培训", "人次", None, 18],
    ], merges=("A1:E1",)), "xlsx")


# --- eighth round: merged value cells, formulas in the month column ------------------------------

def merged_values() -> None:
    """A value merged over two rows, a label over two values, a formula month, catch-up months merged."""
    office(table("reject_v_value_merged_over_two_rows", [
        [f"南湾乡2020年6月{T_HEAD}"], ["填报单位：南湾乡"], HEADER,
        [1, "疫情防控队伍", "支", 2], [2, "理论研究室", "处", 1], [3, "理论宣讲组", "个", None],
    ], merges=("A1:E1", "D5:D6")), "xlsx", "xls", "ods")
    office(table("reject_v_label_merged_over_two_values", [
        [f"北山乡2020年6月{T_HEAD}"], ["填报单位：北山乡"], HEADER,
        [1, "疫情防控队伍", "支", 2], [2, "干部培训", "人次", 10], [None, None, None, 12],
    ], merges=("A1:E1", "B5:B6", "A5:A6", "C5:C6")), "xlsx")
    office(table("v_formula_month", [
        [f"高庙乡2020年6月{T_HEAD}"], ["填报单位：高庙乡"],
        ["序号", "指标名称", "计量单位", "上月累计", "本年累计", "本月", "备注"],
        [1, "干部培训", "人次", 50, 62, "=E4-D4"], [2, "处置问题线索", "件", 7, 9, "=E5-D5"],
    ], merges=("A1:G1",)), "xls", "ods")
    office(table("reject_v_catch_up_merged_months", [
        ["西坪乡2020年1-3月党建工作统计补报表"], ["填报单位：西坪乡"],
        ["序号", "指标名称", "计量单位", "1月", "2月", "3月"],
        [1, "疫情防控队伍", "支", 2, 2, 3], [2, "干部培训", "人次", 9, None, None],
    ], merges=("A1:F1", "D5:F5")), "xlsx")


# --- ninth round: blank forms in every container, a quarter named by its sheet -------------------

def blanks() -> None:
    """Blank forms as .xls formulas, CSV and HTML, and a quarter named by its sheet."""
    office(table("reject_v_formulas_over_blanks", [
        [f"杨庄乡2020年6月{T_HEAD}"], ["填报单位：杨庄乡"], HEADER,
        [1, "党政纪处分", "人", "=SUM(D5:D7)"], [2, "其中：乡科级干部", "人", None],
        [3, "其中：一般干部", "人", None], [4, "其中：其他人员", "人", None],
    ], merges=("A1:E1",)), "xls")
    blank_rows = [[f"东岗乡2020年6月{T_HEAD}"], ["填报单位：东岗乡"], HEADER,
                  [1, "疫情防控队伍", "支", None], [2, "干部培训", "人次", None]]
    text_file("reject_v_blank_form.csv", blank_rows, "gbk", ",")
    empty = "&nbsp;"
    cells = "".join("<tr>" + "".join(f"<td>{empty if v is None else v}</td>" for v in row) + "</tr>"
                    for row in blank_rows)
    (HERE / "reject_v_blank_form_html.xls").write_bytes(
        ('<html><head><meta charset="gbk"></head><body><table>' + cells + "</table></body></html>").encode("gbk"))
    office(table("reject_v_quarter_in_sheet_name", [
        [f"北山乡2020年{T_HEAD.replace('月报表', '报表')}"], ["填报单位：北山乡"], HEADER,
        [1, "疫情防控队伍", "支", 3], [2, "干部培训", "人次", 45],
    ], sheet="第一季度", merges=("A1:E1",)), "xlsx")


# --- eleventh round: two units' forms in one workbook ----------------------------------------------

def two_units() -> None:
    """Two units' forms in one workbook, one sheet each."""
    body = [[1, "疫情防控队伍", "支", 2], [2, "干部培训", "人次", 16]]
    source = table("v_two_units_two_sheets", [[f"城关镇2020年6月{T_HEAD}"], ["填报单位：城关镇"], HEADER, *body],
                   sheet="城关镇", merges=("A1:E1",))
    book = openpyxl.load_workbook(source)
    other = book.create_sheet("青石镇")
    for row in [[f"青石镇2020年6月{T_HEAD}"], ["填报单位：青石镇"], HEADER,
                [1, "疫情防控队伍", "支", 5], [2, "干部培训", "人次", 30]]:
        other.append(row)
    book.save(source)
    office(source, "xlsx")
