"""Rebuild the reading gallery: one small real file per class of issue 10 (what a careful clerk reads).

Run from the repository root:

    .venv/bin/python tests/gallery/reading/make_gallery.py

Standard forms are the real template (tests/forms.py), filled as a clerk does; retyped tables are
written with openpyxl. Almost every workbook then goes through LibreOffice (`soffice --headless
--convert-to xlsx|xls|ods`), so its styles, number formats, merged ranges, cached formula results and
BIFF/ODF structure are what a real office program writes. LibreOffice 7 cannot write Excel 95 (BIFF5)
any more: that file is written by Gnumeric's ssconvert under a GBK locale. Text exports (Unicode
text, tab-separated, HTML tables saved as .xls) are written byte by byte the way Excel and government
web systems write them. The .xlsb is written with pyxlsbwriter when it is importable (neither
LibreOffice nor Gnumeric writes .xlsb). A step whose tool is missing is skipped and its committed file
kept.

What each file must give is written by hand in expected.toml, not generated from the reader.
"""
from __future__ import annotations

import random
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment
from openpyxl.workbook import Workbook

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from countystat.sources.form_template import indicator_rows, write_form  # noqa: E402
from tests.forms import fill_form  # noqa: E402
from tests.gallery import gallery_files  # noqa: E402
from tests.gallery.gallery_files import CATALOG, HEADER, JUNE, UNITS, cell_of, text_export, type_formatted  # noqa: E402

SCRATCH = Path(tempfile.mkdtemp(prefix="reading-gallery-"))
tempfile.tempdir = str(SCRATCH)  # the blank forms tests/forms.py writes go there too, and are removed
OFFICE_JOBS: list[tuple[Path, str]] = []  # (source in SCRATCH, LibreOffice filter), done in batches
PERCENT = "0%"
CHINESE_DAY = 'm"月"d"日"'  # what Chinese Excel shows a typed 3-5 as
CHINESE_MONTH = 'yyyy"年"m"月"'
CHINESE_DATE = 'yyyy"年"m"月"d"日"'


# --- helpers -----------------------------------------------------------------------------------

def source_path(stem: str) -> Path:
    """Where the openpyxl-made source of a LibreOffice-saved file is written (its stem is the target's)."""
    return gallery_files.source_path(SCRATCH, stem)


def template(stem: str, unit: str, values: dict[str, object], period: date = JUNE) -> Path:
    """The unit's standard form with values typed into 本月 (by indicator code), as a source file."""
    path = source_path(stem)
    return fill_form(path.parent, UNITS.get(unit), period, CATALOG, values, name=path.name)


def table(stem: str, rows: list[list[object]], sheet: str = "月报表", merges: tuple[str, ...] = ()) -> Path:
    """A retyped one-sheet table, as a clerk types it into a new workbook, as a source file."""
    book = Workbook()
    write_sheet(book.active, sheet, rows, merges)
    path = source_path(stem)
    book.save(path)
    return path


def write_sheet(sheet, title: str, rows: list[list[object]], merges: tuple[str, ...] = ()):
    """The shared write_sheet, with line breaks in a cell wrapped as Excel shows them."""
    gallery_files.write_sheet(sheet, title, rows, merges)
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and "\n" in cell.value:
                cell.alignment = Alignment(wrap_text=True)  # what Alt+Enter turns on
    return sheet


def formatted(path: Path, cells: dict[str, tuple[object, str | None]], sheet: str = "月报表",
              quoted: tuple[str, ...] = ()) -> Path:
    """Type values with a number format into cells (and Excel's ' text prefix into `quoted` cells)."""
    book = openpyxl.load_workbook(path)
    type_formatted(book[sheet], cells)
    for ref in quoted:
        book[sheet][ref].quotePrefix = True
    book.save(path)
    return path


def office(source: Path, *filters: str) -> None:
    """Have LibreOffice open the source and save it in each format (xlsx, xls, ods)."""
    for filter_name in filters:
        OFFICE_JOBS.append((source, filter_name))


def write_text(name: str, rows: list[list[object]], encoding: str, separator: str = "\t") -> Path:
    """A text export: cells joined by the separator, CRLF lines (as Excel and web systems write them)."""
    return text_export(HERE / name, rows, encoding, separator)


def html_table(name: str, rows: list[list[object]], title: str) -> Path:
    """An HTML table saved as .xls in GBK, as government web systems export it for Excel."""
    width = max(len(r) for r in rows)
    body = [f'<tr><td colspan="{width}" align="center"><b>{title}</b></td></tr>']
    for row in rows:
        cells = "".join(f"<td>{'' if v is None else str(v).replace(chr(10), '<br>')}</td>" for v in row)
        body.append(f"<tr>{cells}</tr>")
    page = ('<html xmlns:o="urn:schemas-microsoft-com:office:office" '
            'xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns="http://www.w3.org/TR/REC-html40">\r\n'
            '<head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">\r\n'
            f"<title>{title}</title></head>\r\n<body>\r\n<table border=\"1\" cellspacing=\"0\">\r\n"
            + "\r\n".join(body) + "\r\n</table>\r\n</body>\r\n</html>\r\n")
    path = HERE / name
    path.write_bytes(page.encode("gbk"))
    return path


# --- part 1: labels ------------------------------------------------------------------------------

def labels() -> None:
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


# --- part 5: identity from typed cells ------------------------------------------------------------

def identity() -> None:
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


# --- part 7: text exports and other containers ----------------------------------------------------

def text_exports() -> None:
    def form(unit: str, values: list[tuple[str, str, object]]) -> list[list[object]]:
        return [[f"{unit}2020年6月党建工作统计月报表"], [f"填报单位：{unit}", "", "", "填报日期：2020年7月3日"],
                HEADER] + [[i, label, measure, value, ""] for i, (label, measure, value) in enumerate(values, 1)]

    write_text("unicode_text.txt", form("三合镇", [("疫情防控队伍", "支", 3), ("干部培训", "人次", 44),
                                               ("追回资金", "万元", 2.5)]), "utf-16")  # BOM + LE, Excel's “Unicode 文本”
    write_text("unicode_text.csv", form("龙泉镇", [("疫情防控队伍", "支", 2), ("解决群众困难", "件", 12)]), "utf-16")
    html_table("html_table.xls", [[f"填报单位：新集镇", "", "", "填报日期：2020年7月2日", ""], HEADER,
                                  [1, "疫情防控队伍", "支", 4, ""], [2, "动员党员参与\n疫情防控", "名", 66, ""],
                                  [3, "干部培训", "人次", 75, "含线上"]],
               "新集镇2020年6月党建工作统计月报表")
    write_text("tab_text.xls", form("石桥乡", [("疫情防控队伍", "支", 2), ("干部培训", "人次", 38),
                                           ("完成民生工程", "项", 1)]), "gbk")

    excel95(table("excel95", [
        ["杨庄乡2020年6月党建工作统计月报表"],
        ["填报单位：杨庄乡"],
        HEADER,
        [1, "疫情防控队伍", "支", 3],
        [2, "理论中心组学习研讨", "次", 2],
        [3, "干部培训", "人次", 52],
        [4, "追回资金", "万元", 0.6],
    ], sheet="Sheet1", merges=("A1:E1",)))

    xlsb([["东岗乡2020年6月党建工作统计月报表", "", "", "", ""], ["填报单位：东岗乡", "", "", "", ""], HEADER,
          [1, "疫情防控队伍", "支", 2, ""], [2, "干部培训", "人次", 27, ""], [3, "解决群众困难", "件", 6, ""]])

    noise = random.Random(10)
    (HERE / "reject_random_bytes.xls").write_bytes(bytes(noise.randrange(256) for _ in range(4096)))
    (HERE / "reject_pdf_named_xls.xls").write_bytes(minimal_pdf())


def excel95(source: Path) -> None:
    """An Excel 95 (BIFF5) workbook with GBK strings (code page 936), as Chinese Excel 95 saved it.

    LibreOffice 7 no longer writes BIFF5; Gnumeric's ssconvert does, in the code page of its locale,
    so a zh_CN.GBK locale is compiled into the scratch folder for it. (The sheet keeps an ASCII name:
    Gnumeric writes a Chinese sheet name's EXTERNSHEET length in characters, which xlrd then misreads.)
    """
    program, localedef = shutil.which("ssconvert"), shutil.which("localedef")
    if program is None or localedef is None:
        print("skipped excel95.xls: no ssconvert (Gnumeric) or localedef here (the committed file is kept)")
        return
    locales = SCRATCH / "locales"
    locales.mkdir()
    subprocess.run([localedef, "-i", "zh_CN", "-f", "GBK", str(locales / "zh_CN.GBK")], check=True,
                   capture_output=True, timeout=120)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(SCRATCH), "LOCPATH": str(locales), "LC_ALL": "zh_CN.GBK",
           "LANG": "zh_CN.GBK"}
    subprocess.run([program, "-T", "Gnumeric_Excel:excel_biff7", str(source), str(HERE / "excel95.xls")],
                   check=True, capture_output=True, timeout=180, env=env)


def xlsb(rows: list[list[object]]) -> None:
    """An Excel binary workbook (.xlsb), written with pyxlsbwriter if it is importable."""
    try:
        from pyxlsbwriter import XlsbWriter
    except ImportError:
        print("skipped workbook.xlsb: pyxlsbwriter is not installed (the committed file is kept)")
        return
    with XlsbWriter(str(HERE / "workbook.xlsb")) as writer:
        writer.add_sheet("月报表")
        writer.write_sheet(rows)


def minimal_pdf() -> bytes:
    """A one-page PDF (what a scanner or 'print to PDF' gives), to be named .xls by mistake."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# --- part 8: the rest of what a careful clerk reads -----------------------------------------------

def the_rest() -> None:
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


def main() -> None:
    labels()
    cell_formats()
    empty_forms()
    identity()
    header_shapes()
    text_exports()
    the_rest()
    gallery_files.run_office_jobs(OFFICE_JOBS, SCRATCH, HERE)
    shutil.rmtree(SCRATCH, ignore_errors=True)
    for path in sorted(HERE.iterdir()):
        if path.suffix not in (".py", ".md", ".toml"):
            print(f"{path.stat().st_size:>7}  {path.name}")


if __name__ == "__main__":
    main()
