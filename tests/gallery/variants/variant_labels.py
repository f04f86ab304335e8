"""The variants gallery's labels: other real wordings of catalog indicators, numbering, units in brackets.

Part of the variants gallery's maker (make_variants.py runs every case); the helpers are in variant_files.py.
"""
from __future__ import annotations

from tests.gallery.gallery_files import HEADER
from tests.gallery.variants.variant_files import T_HEAD, office, table


# --- labels -------------------------------------------------------------------------------------

def labels() -> None:
    """Count words, numbering, colons and spaces, 其中 rows, units in brackets, 人数; two indicators joined by 和."""
    office(table("v_label_count_words", [
        [f"城关镇2020年6月{T_HEAD}"], ["填报单位：城关镇"], HEADER,
        [1, "召开警示教育大会次数", "次", 2],
        [2, "理论中心组学习研讨次数", "次", 3],
        [3, "干部培训（单位：人次）", "人次", 40],
        [4, "中央和省市主流媒体刊发稿件数量", "篇", 5],
        [5, "党政纪处分人数", "人", 1],
    ], merges=("A1:E1",)), "xlsx")
    office(table("v_label_numbering", [
        [f"青石镇2020年6月{T_HEAD}"], ["填报单位：青石镇"], HEADER,
        [None, "1）疫情防控队伍", "支", 2],
        [None, "（1）动员党员参与疫情防控", "名", 30],
        [None, "①干部培训", "人次", 12],
        [None, "（二）立案", "件", 1],
        [None, "2.处置问题线索", "件", 3],
    ], merges=("A1:E1",)), "xlsx")
    office(table("v_label_colons_spaces", [
        [f"柳河镇2020年6月{T_HEAD}"], ["填报单位：柳河镇"], HEADER,
        [1, "立案：", "件", 2],
        [2, "处置问题线索  ", "件", 4],
        [3, "  干部培训：", "人次", 15],
        [4, "追回资金（万元）：", "万元", 2.5],
    ], merges=("A1:E1",)), "xlsx")
    office(table("v_label_qizhong_rows", [
        [f"白马镇2020年6月{T_HEAD}"], ["填报单位：白马镇"], HEADER,
        [1, "党政纪处分", "人", 5],
        [None, "其中：乡科级干部", "人", 1],
        [None, "其中:一般干部", "人", 3],
        [None, "  其中  其他人员", "人", 1],
    ], merges=("A1:E1",)), "xlsx")
    office(table("v_label_brackets_mid", [
        [f"黄土岭镇2020年6月{T_HEAD}"], ["填报单位：黄土岭镇"], ["序号", "指标名称", "本月", "备注"],
        [1, "疫情防控队伍（支）", 2],
        [2, "完成民生工程（项）数", 3],
        [3, "党政纪处分（人）", 2],
        [4, "追回资金（单位：万元）", 0.8],
        [5, "确诊感染病例（例）", 0],
    ], merges=("A1:D1",)), "xlsx")
    office(table("v_label_department_renshu", [
        [f"县委组织部2020年6月{T_HEAD}"], ["填报单位：县委组织部"], HEADER,
        [1, "提拔调整科级干部（批次）", "批次", 1],
        [2, "90后干部人数", "人", 12],
        [3, "大学本科学历干部人数", "人", 140],
        [4, "交流副科级干部人数", "人", 6],
        [5, "干部培训人次数", "人次", 200],
    ], merges=("A1:E1",)), "xlsx")
    office(table("reject_v_label_two_indicators", [
        [f"三合镇2020年6月{T_HEAD}"], ["填报单位：三合镇"], HEADER,
        [1, "干部培训", "人次", 10],
        [2, "立案和党政纪处分", "件", 4],
    ], merges=("A1:E1",)), "xlsx")


# --- second round: labels one step further from the template ---------------------------------

def labels_further() -> None:
    """Unit suffixes, more verbs, short forms, numbering with a space, labels over two columns, a category column."""
    office(table("v_label_unit_suffixes", [
        [f"南湾乡2020年6月{T_HEAD}"], ["填报单位：南湾乡"], HEADER,
        [1, "学习交流活动批次", "批次", 2],
        [2, "警示教育大会场次", "次", 1],
        [3, "中央和省市主流媒体刊发稿件篇数", "篇", 4],
        [4, "疫情防控队伍支数", "支", 3],
        [5, "追回资金万元", "万元", 0.6],
        [6, "党员参与疫情防控", "名", 25],
    ], merges=("A1:E1",)), "xlsx")
    office(table("v_label_more_verbs", [
        [f"城关镇2020年6月{T_HEAD}"], ["填报单位：城关镇"], HEADER,
        [1, "查处违反中央八项规定精神和“四风”问题案件", "件", 1],
        [2, "给予党政纪处分", "人", 2],
        [3, "民生工程", "项", 3],
        [4, "干部培训", "人次", 10],
    ], merges=("A1:E1",)), "xlsx")
    office(table("v_label_short_forms", [
        [f"青石镇2020年6月{T_HEAD}"], ["填报单位：青石镇"], HEADER,
        [1, "第一种形态", "人次", 3],
        [2, "第二种形态", "人次", 1],
        [3, "干部培训", "人次", 10],
    ], merges=("A1:E1",)), "xlsx")
    office(table("v_label_number_space", [
        [f"柳河镇2020年6月{T_HEAD}"], ["填报单位：柳河镇"], ["指标名称", "计量单位", "本月", "备注"],
        ["1 疫情防控队伍", "支", 2],
        ["2 干部培训", "人次", 14],
        ["一）处置问题线索", "件", 3],
    ], merges=("A1:D1",)), "xlsx")
    office(table("v_label_merged_two_columns", [
        [f"白马镇2020年6月{T_HEAD}"], ["填报单位：白马镇"],
        ["序号", "指标名称", None, "计量单位", "本月", "备注"],
        [1, "疫情防控队伍", None, "支", 2],
        [2, "干部培训", None, "人次", 26],
        [3, "解决群众困难", None, "件", 5],
    ], merges=("A1:F1", "B3:C3", "B4:C4", "B5:C5", "B6:C6")), "xlsx")
    office(table("v_label_category_column", [
        [f"黄土岭镇2020年6月{T_HEAD}"], ["填报单位：黄土岭镇"],
        ["类别", "指标名称", "计量单位", "本月", "备注"],
        ["政治建设", "疫情防控队伍", "支", 2],
        [None, "动员党员参与疫情防控", "名", 21],
        ["选人用人", "干部培训", "人次", 17],
    ], merges=("A1:E1", "A4:A5")), "xlsx")
