"""The messy gallery's accepted files: formats (LibreOffice saves, formulas, CSV), retyped layouts, labels,
numbers, identity, hidden and merged cells.

Part of the messy gallery's maker (make_gallery.py runs every case); the helpers are in messy_files.py.
"""
from __future__ import annotations

import openpyxl
from openpyxl.workbook import Workbook

from tests.forms import row_of
from tests.gallery.gallery_files import CATALOG, HEADER, UNITS, cell_of, write_sheet
from tests.gallery.messy.messy_files import save, scratch, soffice, table, template, write_csv


# --- accepted: formats --------------------------------------------------------------------------

CLEAN_VALUES = {
    "epidemic_teams": 4, "party_members_mobilized": 86, "infections": 0, "theory_study_sessions": 3,
    "training_attendance": 120, "grassroots_clues": 5, "grassroots_cases": 2, "grassroots_handled": 2,
    "clues_disposed": 6, "cases_filed": 3, "punished_total": 4, "punished_section_level": 1,
    "punished_general_cadres": 2, "punished_others": 1, "funds_recovered": 2.35,
}


def formats() -> None:
    """Accepted formats: the clean template and its LibreOffice saves, computed formulas, CSV in UTF-8 and GBK."""
    clean = template("clean_template.xlsx", "T02", CLEAN_VALUES)
    soffice(clean, "libreoffice_saved.xls", "xls")
    soffice(clean, "libreoffice_saved.ods", "ods")

    d04 = "D04"
    formulas = template("formulas_openpyxl.xlsx", d04, {
        "clues_disposed": 9, "cases_filed": 7, "grassroots_clues": 4,
        "grassroots_cases": f"={cell_of(d04, 'grassroots_clues')}-1",
        "punished_section_level": 2, "punished_general_cadres": 5, "punished_others": 4,
        "punished_total": f"=SUM({cell_of(d04, 'punished_section_level')}:{cell_of(d04, 'punished_others')})",
        "funds_recovered": "=12.5+3.25",
    })
    computed = soffice(scratch(formulas), "libreoffice_formulas.xlsx", "xlsx")
    if computed:
        soffice(computed, "libreoffice_formulas.xls", "xls")

    rows = [
        ["南湾乡2020年6月党建工作统计月报表"],
        ["填报单位：南湾乡", "", "", "填报日期：2020年7月4日"],
        ["序号", "指标名称", "计量单位", "本月", "本年累计", "备注"],
        ["二、政治建设"],
        ["1", "疫情防控队伍", "支", "3", "3", ""],
        ["2", "动员党员参与疫情防控", "名", "48", "52", ""],
        ["四、选人用人"],
        ["3", "干部培训", "人次", "35", "160", "含线上培训"],
        ["六、反腐败"],
        ["4", "追回资金", "万元", "1.8", "4.25", ""],
    ]
    write_csv("csv_utf8_bom.csv", rows, "utf-8-sig")
    rows = [
        ["北山乡2020年6月党建工作统计月报表"],
        ["填报单位：北山乡", "", "", "填报日期：2020年7月2日"],
        ["序号", "指标名称", "计量单位", "本月", "本年累计", "备注"],
        ["1", "确诊感染病例", "例", "0", "0", ""],
        ["2", "干部培训", "人次", "30", "150", ""],
        ["3", "违反中央八项规定精神和“四风”问题案件", "件", "1", "2", "已立案"],
        ["4", "解决群众困难", "件", "14", "70", ""],
    ]
    write_csv("csv_gbk.csv", rows, "gbk")


# --- accepted: layouts, labels, numbers, identity --------------------------------------------------

def layouts() -> None:
    """Accepted layouts: retyped tables, months per sheet or column, labels and numbers as typed, notices, yuan."""
    table("retyped_layout.xlsx", [
        ["柳河镇2020年6月党建工作统计月报表"],
        ["（乡镇填报，每月5日前报送）"],
        ["填报单位：柳河镇（盖章）", None, None, None, "填报日期：2020年7月3日"],
        [],
        ["指标名称", "上年同期", "本月", "同比", "计量单位", "备注"],
        ["二、政治建设"],
        ["动员党员参与疫情防控", 70, 86, "+22.9%", "名"],
        ["疫情防控队伍", 3, 4, "+33.3%", "支"],
        [],
        ["四、选人用人"],
        ["干部培训", 100, 120, "+20%", "人次", "含线上培训40人次"],
        ["三、思想建设"],
        ["理论中心组学习研讨", 2, 3, "+50%", "次"],
        ["中央和省市主流媒体刊发稿件", 1, 0, "-100%", "篇"],
        ["理论宣讲组", 2, None, None, "个", "尚未统计"],
        ["合计", 178, 213],
        ["注：本表数据截至2020年6月30日，同比按上年同期计算。"],
    ], sheet="党建统计", merges=("A1:F1",))

    book = Workbook()
    notes = book.active
    notes.title = "填表说明"
    for line in ("填表说明", "1. 每月一张表，工作表以月份命名（如“1月”）。", "2. 没有发生的填0，尚未统计的留空。",
                 "3. 请于次月5日前报县委办。"):
        notes.append([line])
    months = {"1月": (3, 40, 12), "2月": (5, 0, 8), "3月": (5, 60, 15), "2020.04": (4, 80, 20)}
    for title, (teams, training, difficulties) in months.items():
        write_sheet(book.create_sheet(), title, [
            ["新集镇2020年党建工作统计月报表"],
            ["填报单位：新集镇"],
            HEADER,
            [1, "疫情防控队伍", "支", teams],
            [2, "干部培训", "人次", training],
            [3, "解决群众困难", "件", difficulties],
        ])
    save(book, "months_per_sheet.xlsx")

    table("catch_up_months.xlsx", [
        ["城关镇2020年上半年党建工作统计补报表"],
        ["填报单位：城关镇"],
        ["序号", "指标名称", "计量单位", "1月", "2月", "3月", "4月", "5月", "6月", "合计", "备注"],
        [1, "疫情防控队伍", "支", 3, 3, 4, 4, 4, 4, 22],
        [2, "干部培训", "人次", 20, 0, 35, 25, 10, 30, 120],
        [3, "理论中心组学习研讨", "次", 1, 1, None, 2, 1, 1, 6, "3月数据待核实"],
        [4, "确诊感染病例", "例", 0, 0, 0, 0, 0, 0, 0],
    ], sheet="补报")

    table("labels_normalized.xlsx", [
        ["县委巡察办2020年5月党建工作统计月报表"],
        ["填报单位：县委巡察办"],
        ["序号", "指标名称", "本月", "备注"],
        ["一、管党治党"],
        [1, "1.召开县委常委会会议次数", 2],
        [2, "（一）党建领导小组会议", 1],
        [3, "２、 理论 研究室", 1],
        [4, "警示教育大会（次）", 1],
        [5, "９０后干部", 12],
        [6, "巡察乡镇（个）", 3],
        [7, "党政纪处分", 4],
        [8, "其中:乡科级干部", 1],
        [9, "其中：一般干部", 2],
        [10, "其中:其他人员", 1],
        [11, "追回资金（万元）", 5.6],
    ], sheet="5月报表")

    table("numbers_as_typed.xlsx", [
        ["黄土岭镇2020年6月党建工作统计月报表"],
        ["填报单位：黄土岭镇"],
        HEADER,
        [1, "动员党员参与疫情防控", "名", "12人"],
        [2, "中央和省市主流媒体刊发稿件", "篇", "３０"],
        [3, "干部培训", "人次", "1,234"],
        [4, "学习交流活动", "批次", "十二"],
        [5, "解决群众困难", "件", "一百零五"],
        [6, "确诊感染病例", "例", "无"],
        [7, "重点信访案件", "件", "—"],
        [8, "完成民生工程", "项", "/"],
        [9, "理论研究室", "处", "-"],
        [10, "疫情防控队伍", "支", "４支"],
        [11, "理论中心组学习研讨", "次", "2.0"],
        [12, "理论宣讲组", "个", ""],
        [13, "追回资金", "万元", "3.5万元"],
    ], sheet="月报表")

    table("notice_names_recipient.xlsx", [
        ["红旗乡2020年6月党建工作统计月报表"],
        ["（请于每月5日前报县委组织部）"],
        ["填报单位：红旗乡"],
        HEADER,
        [1, "疫情防控队伍", "支", 2],
        [2, "干部培训", "人次", 26],
    ], sheet="月报表")
    table("notice_names_deadline.xlsx", [
        ["龙泉镇2020年6月党建工作统计月报表"],
        ["（请于2020年7月5日前报送）"],
        ["填报单位：龙泉镇"],
        HEADER,
        [1, "疫情防控队伍", "支", 2],
        [2, "干部培训", "人次", 31],
    ], sheet="月报表")

    t06 = "T06"
    template("money_in_yuan.xlsx", t06, {"epidemic_teams": 2, "training_attendance": 45, "funds_recovered": 123456},
             **{cell_of(t06, "funds_recovered").replace("D", "C"): "元"})

    table("file_name_only_高庙乡2020年6月.xlsx", [
        ["序号", "指标名称", "计量单位", "本月", "备注"],
        [1, "疫情防控队伍", "支", 2],
        [2, "干部培训", "人次", 28],
        [3, "完成民生工程", "项", 3],
    ])


def hidden_and_merged() -> None:
    """Accepted with notes: a hidden row, column and sheet; merged cells and a label merged over two rows."""
    t09 = "T09"
    path = template("hidden_row.xlsx", t09, {"epidemic_teams": 3, "party_members_mobilized": 40,
                                             "training_attendance": 60})
    book = openpyxl.load_workbook(path)
    book["月报表"].row_dimensions[row_of(CATALOG, UNITS.get(t09), "party_members_mobilized")].hidden = True
    book.save(path)

    book = Workbook()
    sheet = write_sheet(book.active, "6月", [
        ["杨庄乡2020年6月党建工作统计月报表"],
        ["填报单位：杨庄乡"],
        ["序号", "指标名称", "计量单位", "本月", "本月", "备注"],
        [1, "疫情防控队伍", "支", 2, 3],
        [2, "干部培训", "人次", 50, 65],
        [3, "解决群众困难", "件", 9, 11],
    ])
    sheet.column_dimensions["D"].hidden = True  # May's figures, kept out of sight when June's column was added
    save(book, "hidden_column.xlsx")

    book = Workbook()
    for title, values in (("6月", (3, 42)), ("5月", (2, 30))):
        sheet = write_sheet(book.active if title == "6月" else book.create_sheet(), title, [
            ["东岗乡2020年党建工作统计月报表"],
            ["填报单位：东岗乡"],
            HEADER,
            [1, "疫情防控队伍", "支", values[0]],
            [2, "干部培训", "人次", values[1]],
        ])
    sheet.sheet_state = "hidden"  # last month's sheet, hidden rather than deleted
    save(book, "hidden_sheet.xlsx")

    table("merged_cells.xlsx", [
        ["西坪乡2020年6月党建工作统计月报表"],
        ["填报单位：西坪乡", None, None, "填报日期：2020年7月2日"],
        HEADER,
        ["二、政治建设"],
        [1, "疫情防控队伍", "支", 2],
        [2, "动员党员参与疫情防控", "名", 55],
        [],
        ["六、反腐败"],
        [3, "群众身边腐败和作风问题线索", "件", 6],
        [4, "群众身边腐败和作风问题立案", "件", 2],
    ], sheet="月报表", merges=(
        "A1:E1", "A2:C2", "D2:E2", "A4:E4", "A8:E8",
        "A6:A7", "B6:B7", "C6:C7", "D6:D7", "E6:E7",  # a tall row: every cell merged over rows 6-7
    ))
    table("merged_label_only.xlsx", [
        ["城关镇2020年6月党建工作统计月报表"],
        ["填报单位：城关镇"],
        HEADER,
        [1, "疫情防控队伍", "支", 2],
        [2, "群众身边腐败和作风问题线索", "件", 6],
        [],
        [3, "群众身边腐败和作风问题立案", "件", 2],
    ], sheet="月报表", merges=("A5:A6", "B5:B6", "C5:C6"))  # a long label merged over two rows, its value typed in D5
