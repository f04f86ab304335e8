"""The messy gallery's refused files (numbers, labels, periods, units, rules, formulas, encryption, not a
form), and issue 10's label shapes (one accepted, one refused).

Part of the messy gallery's maker (make_gallery.py runs every case); the helpers are in messy_files.py.
"""
from __future__ import annotations

from datetime import date

from openpyxl.workbook import Workbook

from tests.gallery.gallery_files import HEADER, cell_of, write_sheet
from tests.gallery.messy.messy_files import save, scratch, soffice, table, template
from tests.gallery.messy.messy_locked_files import encrypt_xlsx, soffice_with_password


# --- rejected -------------------------------------------------------------------------------------

def rejections() -> None:
    """Refused files: bad numbers, labels, periods and units, a sum rule, formulas, encryption, no form."""
    template("reject_approximation.xlsx", "T03", {
        "epidemic_teams": 2, "party_members_mobilized": "约30", "media_articles": "30多",
        "training_attendance": "30余", "difficulties_resolved": "30+",
    })
    template("reject_negative.xlsx", "T16", {"epidemic_teams": 2, "training_attendance": -5})
    template("reject_fraction.xlsx", "T01", {"epidemic_teams": 2.5, "training_attendance": 30})
    template("reject_not_a_number.xlsx", "T02", {"epidemic_teams": 3, "infections": "见附件",
                                                 "livelihood_projects": "暂无数据"})
    template("reject_unit_disagrees.xlsx", "T04", {"grassroots_clues": 12, "grassroots_cases": 3,
                                                   "grassroots_handled": "12次"})
    template("reject_range_percent.xlsx", "T05", {"training_attendance": "20-30", "media_articles": "50%"})

    table("reject_unknown_label.xlsx", [
        ["三合镇2020年6月党建工作统计月报表"],
        ["填报单位：三合镇"],
        HEADER,
        [1, "疫情防控队伍", "支", 2],
        [2, "党员志愿服务时长", "小时", 36],
        [3, "干部培训", "人次", 40],
    ], sheet="月报表")
    table("reject_ambiguous_label.xlsx", [
        ["龙泉镇2020年6月党建工作统计月报表"],
        ["填报单位：龙泉镇"],
        ["序号", "指标名称", "本月", "备注"],
        [1, "疫情防控队伍", 2],
        [2, "违反中央八项规定精神和“四风”问题", 2],
        [3, "干部培训", 40],
    ], sheet="月报表")
    table("reject_duplicate_rows.xlsx", [
        ["新集镇2020年6月党建工作统计月报表"],
        ["填报单位：新集镇"],
        HEADER,
        [1, "干部培训", "人次", 120],
        [2, "疫情防控队伍", "支", 3],
        [3, "干部培训", "人次", 150, "更正"],
    ], sheet="月报表")
    table("reject_title_vs_sheet_month.xlsx", [
        ["石桥乡2020年5月党建工作统计月报表"],
        ["填报单位：石桥乡"],
        HEADER,
        [1, "疫情防控队伍", "支", 2],
        [2, "干部培训", "人次", 33],
    ], sheet="6月")
    table("reject_no_period.xlsx", [
        ["杨庄乡党建工作统计月报表"],
        ["填报单位：杨庄乡", None, None, "填报日期：2020年7月3日"],
        HEADER,
        [1, "疫情防控队伍", "支", 2],
        [2, "干部培训", "人次", 33],
    ])
    template("reject_future_period.xlsx", "T11", {"epidemic_teams": 2}, period=date(2030, 6, 1))
    table("reject_unknown_unit.xlsx", [
        ["幸福镇2020年6月党建工作统计月报表"],
        ["填报单位：幸福镇"],
        HEADER,
        [1, "疫情防控队伍", "支", 2],
    ], sheet="月报表")
    template("reject_sum_rule.xlsx", "D04", {"punished_total": 12, "punished_section_level": 2,
                                             "punished_general_cadres": 5, "punished_others": 4})
    t12 = "T12"
    template("reject_uncached_formula.xlsx", t12, {"epidemic_teams": 3,
                                                   "training_attendance": f"={cell_of(t12, 'epidemic_teams')}*10"})
    t13 = "T13"
    division = template("formula_error_openpyxl.xlsx", t13, {
        "epidemic_teams": 0, "party_members_mobilized": 30,
        "training_attendance": f"={cell_of(t13, 'party_members_mobilized')}/{cell_of(t13, 'epidemic_teams')}",
    })
    made = soffice(scratch(division), "reject_formula_error.xlsx", "xlsx")
    if made:
        soffice(made, "reject_formula_error.xls", "xls")
        soffice(made, "reject_formula_error.ods", "ods")

    secret = template("secret_source.xlsx", "T15", {"epidemic_teams": 2})
    secret = scratch(secret)
    encrypt_xlsx(secret, "reject_encrypted.xlsx")
    soffice_with_password(secret, "reject_encrypted.xls", "MS Excel 97")

    save(Workbook(), "reject_empty_workbook.xlsx")
    table("reject_not_a_form.xlsx", [
        ["党员花名册"],
        ["姓名", "性别", "出生年月", "入党时间", "职务"],
        ["张建华", "男", "1978.03", "2001.07", "支部书记"],
        ["李秀英", "女", "1985.11", "2009.06", "组织委员"],
    ], sheet="花名册")

    book = Workbook()
    for title, training in (("6月", 40), ("6月 (2)", 45)):  # the copy Excel makes by "移动或复制工作表"
        write_sheet(book.active if title == "6月" else book.create_sheet(), title, [
            ["北山乡2020年6月党建工作统计月报表"],
            ["填报单位：北山乡"],
            HEADER,
            [1, "疫情防控队伍", "支", 3],
            [2, "干部培训", "人次", training],
        ])
    save(book, "reject_two_forms_same_month.xlsx")


def label_shapes() -> None:
    """Issue 10, part 1 and the label half of part 8: label shapes clerks type every day, and a label
    naming two indicators at once."""
    table("labels_issue10_shapes.xlsx", [
        ["红旗乡2020年6月党建工作统计月报表"],
        ["填报单位：红旗乡"],
        ["序号", "指标名称", "本月", "备注"],
        [1, "确诊感染病例数", 0],
        [2, "成立理论宣讲组", 2],
        [3, "完成民生工程项数", 5],
        [4, '违反中央八项规定精神和"四风"问题案件', 1],
        [5, "群众身边腐败和\n作风问题线索", 4],
        [6, "群众身边腐败和作风问题立案（件）数", 2],
        [7, "第一种形态处理人次", 3],
        [8, "中央和省市主流媒体刊发稿件数", 6],
        [9, "追回资金(万元)", 1.5],
    ], sheet="6月报表")
    table("reject_label_names_two_indicators.xlsx", [
        ["西坪乡2020年6月党建工作统计月报表"],
        ["填报单位：西坪乡"],
        HEADER,
        [1, "疫情防控队伍", "支", 2],
        [2, "立案及处分人数", "件", 3],
        [3, "干部培训", "人次", 40],
    ], sheet="月报表")
