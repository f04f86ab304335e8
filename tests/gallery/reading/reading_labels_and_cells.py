"""The reading gallery's parts 1, 3 and 4: label shapes, cell formats (each in xlsx, xls and ods) and empty
forms.

Part of the reading gallery's maker (make_gallery.py runs every case); the helpers are in reading_files.py.
"""
from __future__ import annotations

import shutil
from datetime import datetime

from countystat.sources.form_template import indicator_rows, write_form
from tests.gallery.gallery_files import CATALOG, HEADER, JUNE, UNITS, cell_of
from tests.gallery.reading.reading_files import (
    CHINESE_DAY, HERE, PERCENT, SCRATCH, formatted, office, source_path, table, template,
)


# --- part 1: labels ------------------------------------------------------------------------------

def labels() -> None:
    """Part 1: labels with counts, verbs, ASCII quotes, line breaks, units in brackets; two or no indicators."""
    office(table("label_trailing_count", [
        ["柳河镇2020年6月党建工作统计月报表"],
        ["填报单位：柳河镇"],
        HEADER,
        [1, "疫情防控队伍", "支", 2],
        [2, "确诊感染病例数", "例", 0],
        [3, "完成民生工程项数", "项", 2],
        [4, "第一种形态处理人次", "人次", 4],
        [5, "处置问题线索", "件", 5],
        [6, "立案数", "件", 3],
    ], merges=("A1:E1",)), "xlsx")
    office(table("label_leading_verb", [
        ["白马镇2020年6月党建工作统计月报表"],
        ["填报单位：白马镇"],
        HEADER,
        [1, "成立疫情防控队伍", "支", 3],
        [2, "建立理论研究室", "处", 1],
        [3, "成立理论宣讲组", "个", 2],
        [4, "开展学习交流活动", "批次", 4],
        [5, "组织干部培训", "人次", 60],
    ], merges=("A1:E1",)), "xlsx")
    office(table("label_ascii_quotes", [
        ["黄土岭镇2020年6月党建工作统计月报表"],
        ["填报单位：黄土岭镇"],
        HEADER,
        [1, '违反中央八项规定精神和"四风"问题案件', "件", 1],
        [2, '违反中央八项规定精神和"四风"问题纪律处分', "人", 1],
        [3, "干部培训", "人次", 20],
    ], merges=("A1:E1",)), "xlsx")
    office(table("label_line_break", [
        ["三合镇2020年6月党建工作统计月报表"],
        ["填报单位：三合镇"],
        HEADER,
        [1, "动员党员参与\n疫情防控", "名", 30],
        [2, "群众身边腐败和作风\n问题线索", "件", 4],
        [3, "干部\n培训", "人次", 25],
    ], merges=("A1:E1",)), "xlsx")
    office(table("label_unit_in_brackets", [
        ["龙泉镇2020年6月党建工作统计月报表"],
        ["填报单位：龙泉镇"],
        ["序号", "指标名称", "本月", "备注"],
        [1, "疫情防控队伍（支）数", 3],
        [2, "解决群众困难(件)数量", 8],
        [3, "处置问题线索（件）", 4],
        [4, "立案（件）", 2],
        [5, "追回资金(万元)", 1.5],
    ], merges=("A1:D1",)), "xlsx")
    office(table("reject_label_two_indicators", [
        ["新集镇2020年6月党建工作统计月报表"],
        ["填报单位：新集镇"],
        HEADER,
        [1, "疫情防控队伍", "支", 2],
        [2, "立案及党政纪处分", "件", 5],
    ], merges=("A1:E1",)), "xlsx")
    office(table("reject_label_unknown", [
        ["石桥乡2020年6月党建工作统计月报表"],
        ["填报单位：石桥乡"],
        HEADER,
        [1, "疫情防控队伍", "支", 2],
        [2, "警示教育活动", "次", 2],
    ], merges=("A1:E1",)), "xlsx")


# --- part 3: cell formats, each in xlsx, xls and ods ------------------------------------------------

def cell_formats() -> None:
    """Part 3: percent, date and time formats on counts, and numbers typed as text."""
    t10 = "T10"
    percent = formatted(template("reject_percent_format", t10, {"training_attendance": 40}), {
        cell_of(t10, "epidemic_teams"): (1, PERCENT),            # shown 100%
        cell_of(t10, "party_members_mobilized"): (3, PERCENT),   # shown 300%
        cell_of(t10, "funds_recovered"): (0.5, "0.00%"),         # an amount, shown 50.00%
    })
    office(percent, "xlsx", "xls", "ods")

    t11 = "T11"
    typed_date = formatted(template("reject_date_format", t11, {"epidemic_teams": 2}), {
        cell_of(t11, "training_attendance"): (datetime(2020, 3, 5), CHINESE_DAY),  # a typed 3-5, as Excel keeps it
    })
    office(typed_date, "xlsx", "xls", "ods")

    t16 = "T16"
    typed_time = formatted(template("reject_time_format", t16, {"epidemic_teams": 2}), {
        cell_of(t16, "training_attendance"): (0.5, "h:mm"),  # a typed 12:00, stored as half a day
    })
    office(typed_time, "xlsx")

    t12 = "T12"
    as_text = formatted(template("numbers_as_text", t12, {}), {
        cell_of(t12, "epidemic_teams"): ("3", None),                     # typed '3
        cell_of(t12, "party_members_mobilized"): ("45", "@"),            # a text-formatted cell
        cell_of(t12, "theory_study_sessions"): (" 2 ", None),            # ordinary spaces
        cell_of(t12, "training_attendance"): ("120\u00a0", None),       # a no-break space pasted from the web
        cell_of(t12, "difficulties_resolved"): ("\u30008", None),       # a full-width space
        cell_of(t12, "funds_recovered"): ("1.25", None),                 # typed '1.25
    }, quoted=(cell_of(t12, "epidemic_teams"), cell_of(t12, "funds_recovered")))
    shutil.copy(as_text, HERE / as_text.name)  # quotePrefix kept as Excel writes it (LibreOffice drops the flag)
    office(as_text, "xls", "ods")


# --- part 4: empty forms --------------------------------------------------------------------------

def empty_forms() -> None:
    """Part 4: the blank template, formulas over blanks, and every value typed as zero."""
    blank = write_form(UNITS.get("T13"), JUNE, CATALOG, SCRATCH / "blank")  # as `countystat template` writes it
    shutil.copy(blank, HERE / "reject_blank_template.xlsx")
    resaved = source_path("reject_blank_template")
    shutil.copy(blank, resaved)
    office(resaved, "xls")

    t14 = "T14"
    over_blanks = template("reject_formulas_over_blanks", t14, {
        "punished_total": f"=SUM({cell_of(t14, 'punished_section_level')}:{cell_of(t14, 'punished_others')})",
        "training_attendance": f"={cell_of(t14, 'epidemic_teams')}*10",
    })
    office(over_blanks, "xlsx", "ods")

    t15 = "T15"
    zeros = {code: 0 for code in indicator_rows(CATALOG, "township")}
    office(template("all_zeros", t15, zeros), "xlsx")
