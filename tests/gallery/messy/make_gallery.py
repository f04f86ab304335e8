"""Rebuild the messy gallery: one small real spreadsheet per kind of mess a township sends.

Run from the repository root:

    .venv/bin/python tests/gallery/messy/make_gallery.py

Forms based on the standard template are made with tests/forms.py (the real template, filled as a
clerk does); retyped tables with openpyxl; CSV files with the csv module; the LibreOffice files with
`soffice --headless --convert-to` (so their cached formula values, error values and BIFF/ODF
structure are what a real office program writes); the encrypted .xls through LibreOffice's own
Python (UNO, `Password` on store) and the encrypted .xlsx with msoffcrypto-tool when it is
importable. A step whose tool is missing is skipped and its committed file kept.

What each file must give is written by hand in expected.toml, not generated from the reader.
"""
from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import openpyxl
from openpyxl.workbook import Workbook

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from tests.forms import fill_form, row_of  # noqa: E402
from tests.gallery.gallery_files import CATALOG, HEADER, JUNE, UNITS, cell_of, office_profile, write_sheet  # noqa: E402

SCRATCH = Path(tempfile.mkdtemp(prefix="messy-gallery-"))
tempfile.tempdir = str(SCRATCH)  # the blank forms tests/forms.py writes go there too, and are removed


# --- helpers -----------------------------------------------------------------------------------

def template(name: str, unit: str, values: dict[str, object], period: date = JUNE, **cells) -> Path:
    """The unit's standard form for the month with values typed into 本月 (by indicator code)."""
    return fill_form(HERE, UNITS.get(unit), period, CATALOG, values, name=name, cells=cells or None)


def table(name: str, rows: list[list[object]], sheet: str = "Sheet1", merges: tuple[str, ...] = ()) -> Path:
    """A retyped one-sheet table, as a clerk types it into a new workbook."""
    book = Workbook()
    write_sheet(book.active, sheet, rows, merges)
    return save(book, name)


def save(book: Workbook, name: str) -> Path:
    path = HERE / name
    book.save(path)
    return path


def soffice(source: Path, target_name: str, filter_name: str) -> Path | None:
    """Open the file in LibreOffice and save it under target_name (the filter picks the format)."""
    program = shutil.which("soffice")
    if program is None:
        print(f"skipped {target_name}: no soffice here (the committed file is kept)")
        return None
    out = Path(tempfile.mkdtemp(dir=SCRATCH))
    profile = office_profile(Path(tempfile.mkdtemp(dir=SCRATCH))).as_uri()
    subprocess.run([program, f"-env:UserInstallation={profile}", "--headless", "--convert-to", filter_name,
                    "--outdir", str(out), str(source)], check=True, capture_output=True, timeout=180)
    [made] = out.iterdir()
    target = HERE / target_name
    shutil.move(made, target)
    return target


def scratch(path: Path) -> Path:
    """Move a file just made here into the scratch folder (it is only a step towards another)."""
    moved = SCRATCH / path.name
    shutil.move(path, moved)
    return moved


UNO_SAVE_WITH_PASSWORD = r"""
import os, subprocess, sys, time, uno
from com.sun.star.beans import PropertyValue
source, target, filter_name, password, profile = sys.argv[1:6]
def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p
pipe = "messygallery%d" % os.getpid()
office = subprocess.Popen(["soffice", "-env:UserInstallation=" + profile, "--headless", "--invisible",
                           "--norestore", "--accept=pipe,name=%s;urp;" % pipe])
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(150):
        try:
            context = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            time.sleep(0.2)
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0, (prop("Hidden", True),))
    doc.storeToURL(uno.systemPathToFileUrl(target), (prop("FilterName", filter_name), prop("Password", password)))
    doc.close(True)
    try:
        desktop.terminate()
    except Exception:
        pass
finally:
    office.wait(timeout=60)
"""


def soffice_with_password(source: Path, target_name: str, filter_name: str) -> None:
    """Save the file through LibreOffice with a password (File > Save As > Save with password)."""
    office_python = Path("/usr/bin/python3")
    probe = subprocess.run([str(office_python), "-c", "import uno"], capture_output=True) \
        if office_python.exists() and shutil.which("soffice") else None
    if probe is None or probe.returncode != 0:
        print(f"skipped {target_name}: no LibreOffice Python (uno) here (the committed file is kept)")
        return
    profile = office_profile(Path(tempfile.mkdtemp(dir=SCRATCH))).as_uri()
    subprocess.run([str(office_python), "-c", UNO_SAVE_WITH_PASSWORD, str(source), str(HERE / target_name),
                    filter_name, "123456", profile], check=True, capture_output=True, timeout=180)


def encrypt_xlsx(source: Path, target_name: str) -> None:
    """An xlsx encrypted as Excel does it (agile encryption in an OLE container), by msoffcrypto-tool."""
    try:
        from msoffcrypto.format.ooxml import OOXMLFile
    except ImportError:
        print(f"skipped {target_name}: msoffcrypto-tool is not installed (the committed file is kept)")
        return
    with source.open("rb") as plain, (HERE / target_name).open("wb") as locked:
        OOXMLFile(plain).encrypt("123456", locked)


def write_csv(name: str, rows: list[list[object]], encoding: str) -> Path:
    """A CSV as Excel saves it: CRLF lines, UTF-8 with BOM ('utf-8-sig') or GBK."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path = HERE / name
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


# --- accepted: formats --------------------------------------------------------------------------

CLEAN_VALUES = {
    "epidemic_teams": 4, "party_members_mobilized": 86, "infections": 0, "theory_study_sessions": 3,
    "training_attendance": 120, "grassroots_clues": 5, "grassroots_cases": 2, "grassroots_handled": 2,
    "clues_disposed": 6, "cases_filed": 3, "punished_total": 4, "punished_section_level": 1,
    "punished_general_cadres": 2, "punished_others": 1, "funds_recovered": 2.35,
}


def formats() -> None:
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


# --- rejected -------------------------------------------------------------------------------------

def rejections() -> None:
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


def main() -> None:
    formats()
    layouts()
    hidden_and_merged()
    rejections()
    label_shapes()
    shutil.rmtree(SCRATCH, ignore_errors=True)
    for path in sorted(HERE.iterdir()):
        if path.suffix in (".xlsx", ".xls", ".ods", ".csv"):
            print(f"{path.stat().st_size:>7}  {path.name}")


if __name__ == "__main__":
    main()
