"""Rebuild the variants gallery: forms of issue 10's classes in shapes the team did not design for.

Run from the repository root:

    .venv/bin/python tests/gallery/variants/make_variants.py

Each file is a plausible variant of what a township sends: a table retyped with openpyxl and then
opened and saved by LibreOffice (`soffice --headless --convert-to xlsx|xls|ods`), or a text export
(CSV, HTML, SpreadsheetML 2003) written byte by byte the way web systems and Excel write them.
What each file must give is written by hand in expected.toml from issue 10's rules, never from
the reader's output. A missing soffice skips the LibreOffice files and keeps the committed ones.
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import datetime
from pathlib import Path

import openpyxl
from openpyxl.workbook import Workbook

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from tests.gallery import gallery_files  # noqa: E402
from tests.gallery.gallery_files import HEADER, text_export, type_formatted, write_sheet  # noqa: E402

SCRATCH = Path(tempfile.mkdtemp(prefix="variants-gallery-"))
OFFICE_JOBS: list[tuple[Path, str]] = []


def source_path(stem: str) -> Path:
    """Where the openpyxl-made source of a LibreOffice-saved file is written."""
    return gallery_files.source_path(SCRATCH, stem)


def table(stem: str, rows: list[list[object]], sheet: str = "月报表", merges: tuple[str, ...] = (),
          formats: dict[str, tuple[object, str]] | None = None) -> Path:
    """A retyped one-sheet table (values with number formats typed into `formats` cells)."""
    book = Workbook()
    type_formatted(write_sheet(book.active, sheet, rows, merges), formats or {})
    path = source_path(stem)
    book.save(path)
    return path


def office(source: Path, *filters: str) -> None:
    """Have LibreOffice open the source and save it in each format."""
    OFFICE_JOBS.extend((source, f) for f in filters)


def text_file(name: str, rows: list[list[object]], encoding: str, separator: str, bom: bytes = b"",
              newline: str = "\r\n") -> None:
    """A text export: cells joined by the separator (quoted when they hold it)."""
    text_export(HERE / name, rows, encoding, separator, bom, newline)


T_HEAD = "党建工作统计月报表"


# --- labels -------------------------------------------------------------------------------------

def labels() -> None:
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


# --- header shapes ----------------------------------------------------------------------------

def headers() -> None:
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


# --- cell formats -------------------------------------------------------------------------------

def formats() -> None:
    rows = [
        [f"高庙乡2020年6月{T_HEAD}"], ["填报单位：高庙乡"], HEADER,
        [1, "疫情防控队伍", "支", None],
        [2, "干部培训", "人次", None],
        [3, "追回资金", "万元", None],
    ]
    pct = table("reject_v_percent_custom", rows, merges=("A1:E1",),
                formats={"D4": (2, "0.0%"), "D5": (1, "0%"), "D6": (1.5, "0.00%")})
    office(pct, "xlsx", "xls", "ods")
    office(table("reject_v_percent_amount", [
        [f"红旗乡2020年6月{T_HEAD}"], ["填报单位：红旗乡"], HEADER,
        [1, "干部培训", "人次", 20],
        [2, "追回资金", "万元", None],
    ], merges=("A1:E1",), formats={"D5": (0.35, "0%")}), "ods")
    office(table("reject_v_date_serial", [
        [f"城关镇2020年6月{T_HEAD}"], ["填报单位：城关镇"], HEADER,
        [1, "疫情防控队伍", "支", 3],
        [2, "干部培训", "人次", None],
    ], merges=("A1:E1",), formats={"D5": (45, "yyyy/m/d")}), "xlsx", "xls", "ods")
    office(table("v_numbers_text_cells", [
        [f"青石镇2020年6月{T_HEAD}"], ["填报单位：青石镇"], HEADER,
        [1, "疫情防控队伍", "支", None],
        [2, "干部培训", "人次", None],
        [3, "处置问题线索", "件", None],
    ], merges=("A1:E1",), formats={"D4": (" 12 ", "@"), "D5": ("１２", "@"), "D6": ("3\u3000", "@")}),
        "xlsx", "ods")


# --- identity -----------------------------------------------------------------------------------

def identity() -> None:
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


# --- containers ---------------------------------------------------------------------------------

def containers() -> None:
    rows = [HEADER, [1, "疫情防控队伍", "支", 3], [2, "干部培训", "人次", 1234], [3, "处置问题线索", "件", 2]]
    text_file("v_csv_semicolon.csv", [[f"新集镇2020年6月{T_HEAD}"], *rows], "utf-8", ";", bom=b"\xef\xbb\xbf")
    text_file("v_csv_utf8_title.csv", [[f"石桥乡2020年6月{T_HEAD}"], ["填报单位：石桥乡"], *rows],
              "utf-8", ",", newline="\n")
    text_file("v_csv_gbk_thousands.csv", [[f"杨庄乡2020年6月{T_HEAD}"], HEADER,
                                          [1, "干部培训", "人次", "1,234"], [2, "立案", "件", 2]], "gbk", ",")
    html = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>报表导出</title></head><body>\n"
            "<table border=\"1\">\n<thead>\n"
            "<tr><th colspan=\"5\">东岗乡2020年6月党建工作统计月报表</th></tr>\n"
            "<tr><th rowspan=\"2\">序号</th><th rowspan=\"2\">指标名称</th><th rowspan=\"2\">计量单位</th>"
            "<th colspan=\"2\">数据</th></tr>\n<tr><th>本月</th><th>本年累计</th></tr>\n</thead>\n<tbody>\n"
            "<tr><td>1</td><td>疫情防控队伍</td><td>支</td><td>2</td><td>2</td></tr>\n"
            "<tr><td>2</td><td>干部培训</td><td>人次</td><td>18</td><td>90</td></tr>\n"
            "<tr><td>3</td><td>解决群众困难</td><td>件</td><td>4</td><td>21</td></tr>\n"
            "</tbody></table></body></html>\n")
    (HERE / "v_html_thead_utf8.xls").write_bytes(html.encode("utf-8"))
    sml_rows = [[f"西坪乡2020年6月{T_HEAD}"], ["填报单位：西坪乡"], *rows]
    xml_rows = []
    for row in sml_rows:
        xml_cells = "".join(
            f'<Cell><Data ss:Type="{"Number" if isinstance(v, int) else "String"}">{v}</Data></Cell>'
            for v in row)
        xml_rows.append(f"<Row>{xml_cells}</Row>")
    sml = ('<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>\n'
           '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
           'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">\n'
           '<Worksheet ss:Name="月报表"><Table>\n' + "\n".join(xml_rows) + "\n</Table></Worksheet>\n</Workbook>\n")
    (HERE / "v_spreadsheetml_2003.xls").write_text(sml, encoding="utf-8")
    source = SCRATCH / "sources" / "v_from_csv"
    source.mkdir(parents=True)
    (source / "v_from_csv.csv").write_bytes(
        ("\r\n".join(",".join(str(v) for v in r) for r in [[f"高庙乡2020年6月{T_HEAD}"], *rows]) + "\r\n")
        .encode("utf-8"))
    office(source / "v_from_csv.csv", "xlsx:Calc Office Open XML")  # own batch: UTF-8 import (76)


# --- must refuse --------------------------------------------------------------------------------

def refusals() -> None:
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


# --- second round: shapes one step further from the template ------------------------------------

def labels_further() -> None:
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


def headers_further() -> None:
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


def formats_further() -> None:
    rows = [[f"东岗乡2020年6月{T_HEAD}"], ["填报单位：东岗乡"], HEADER,
            [1, "疫情防控队伍", "支", 3], [2, "干部培训", "人次", None], [3, "处置问题线索", "件", None],
            [4, "追回资金", "万元", None], [5, "立案", "件", None]]
    office(table("v_formats_harmless", rows, merges=("A1:E1",), formats={
        "D5": (12, '0"人次"'), "D6": (4, "0.00"), "D7": (1.5, '"¥"#,##0.00'), "D8": (None, "0%"),
        "E4": (datetime(2020, 6, 15), 'm"月"d"日"')}), "xlsx", "xls", "ods")
    office(table("reject_v_percent_zero", [
        [f"西坪乡2020年6月{T_HEAD}"], ["填报单位：西坪乡"], HEADER,
        [1, "疫情防控队伍", "支", 3], [2, "干部培训", "人次", None],
    ], merges=("A1:E1",), formats={"D5": (0, "0%")}), "xlsx")


def identity_further() -> None:
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


def containers_further() -> None:
    office(table("v_xlsx_named_xls", [
        [f"三合镇2020年6月{T_HEAD}"], ["填报单位：三合镇"], HEADER,
        [1, "疫情防控队伍", "支", 2], [2, "干部培训", "人次", 9],
    ], merges=("A1:E1",)), "xlsx")
    office(table("v_xls_named_xlsx", [
        [f"龙泉镇2020年6月{T_HEAD}"], ["填报单位：龙泉镇"], HEADER,
        [1, "疫情防控队伍", "支", 2], [2, "干部培训", "人次", 9],
    ], merges=("A1:E1",)), "xls")
    html = ('<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head>'
            '<meta http-equiv="Content-Type" content="text/html; charset=gbk"></head><body>'
            '<table><tr><td colspan="5">新集镇2020年6月党建工作统计月报表</td></tr>'
            '<tr><td colspan="5">填报单位：新集镇&nbsp;&nbsp;</td></tr>'
            '<tr><td>序号</td><td>指标名称</td><td>计量单位</td><td>本月</td><td>备注</td></tr>'
            '<tr><td>1</td><td>疫情防控队伍</td><td>支</td><td x:num="3">3</td><td>&nbsp;</td></tr>'
            '<tr><td>2</td><td>干部培训&nbsp;</td><td>人次</td><td>&nbsp;25&nbsp;</td><td>&nbsp;</td></tr>'
            '<tr><td>3</td><td>处置问题线索</td><td>件</td><td>&nbsp;</td><td>&nbsp;</td></tr>'
            '</table></body></html>')
    (HERE / "v_html_nbsp.xls").write_bytes(html.encode("gbk"))
    html = html.replace("新集镇", "石桥乡").replace("&nbsp;25&nbsp;", "100%")
    (HERE / "reject_v_html_percent_text.xls").write_bytes(html.encode("gbk"))


def refusals_further() -> None:
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


# --- fourth round: formats set on a whole column, times in .xls and .ods -------------------------

def column_formats() -> None:
    source = table("reject_v_percent_whole_column", [
        [f"石桥乡2020年6月{T_HEAD}"], ["填报单位：石桥乡"], HEADER,
        [1, "疫情防控队伍", "支", 2], [2, "干部培训", "人次", 3],
    ], merges=("A1:E1",))
    book = openpyxl.load_workbook(source)
    book["月报表"].column_dimensions["D"].number_format = "0%"  # the whole column formatted, as LibreOffice applies it
    book.save(source)
    office(source, "ods", "xls", "xlsx")
    office(table("reject_v_time_format", [
        [f"杨庄乡2020年6月{T_HEAD}"], ["填报单位：杨庄乡"], HEADER,
        [1, "疫情防控队伍", "支", 2], [2, "干部培训", "人次", None],
    ], merges=("A1:E1",), formats={"D5": (0.5, "h:mm")}), "xls", "ods")


# --- fifth round: the words around the table ------------------------------------------------------

def around_the_table() -> None:
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


# --- sixth round: number formats in Excel 2003 XML -----------------------------------------------

def spreadsheetml_formats() -> None:
    def cell(value: object, style: str = "", kind: str = "") -> str:
        style_attr = f' ss:StyleID="{style}"' if style else ""
        kind = kind or ("Number" if isinstance(value, (int, float)) else "String")
        return f"<Cell{style_attr}><Data ss:Type=\"{kind}\">{value}</Data></Cell>"
    rows = [[cell(f"东岗乡2020年6月{T_HEAD}")], [cell("填报单位：东岗乡")], [cell(h) for h in HEADER],
            [cell(1), cell("疫情防控队伍"), cell("支"), cell(1, "pct")],
            [cell(2), cell("干部培训"), cell("人次"), cell("1900-02-14T00:00:00.000", "day", "DateTime")],
            [cell(3), cell("处置问题线索"), cell("件"), cell(3)]]
    sml = ('<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>\n'
           '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
           'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">\n<Styles>'
           '<Style ss:ID="pct"><NumberFormat ss:Format="Percent"/></Style>'
           '<Style ss:ID="day"><NumberFormat ss:Format="Short Date"/></Style></Styles>\n'
           '<Worksheet ss:Name="月报表"><Table>\n'
           + "\n".join(f"<Row>{''.join(r)}</Row>" for r in rows) + "\n</Table></Worksheet>\n</Workbook>\n")
    (HERE / "reject_v_spreadsheetml_formats.xls").write_text(sml, encoding="utf-8")


# --- seventh round: a month written as its days, split HTML tables, Excel's sep= line -------------

def seventh() -> None:
    body = [[1, "疫情防控队伍", "支", 2], [2, "干部培训", "人次", 16]]
    office(table("v_month_as_day_range", [
        [f"柳河镇{T_HEAD}（2020年6月1日至6月30日）"], ["填报单位：柳河镇"], HEADER, *body,
    ], merges=("A1:E1",)), "xlsx")
    office(table("v_month_as_dotted_day_range", [
        [f"白马镇{T_HEAD}"], ["填报单位：白马镇", None, "统计时段：2020.6.1-2020.6.30"], HEADER, *body,
    ], merges=("A1:E1",)), "xlsx")
    office(table("v_value_with_bracket_unit", [
        [f"黄土岭镇2020年6月{T_HEAD}"], ["填报单位：黄土岭镇"], HEADER,
        [1, "疫情防控队伍", "支", "2（支）"], [2, "干部培训", "人次", "16(人次)"],
    ], merges=("A1:E1",)), "xlsx")
    text_file("v_csv_sep_line.csv", [["sep=;"], [f"三合镇2020年6月{T_HEAD}"], HEADER, *body], "utf-8", ";",
              bom=b"\xef\xbb\xbf")
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>'
            '<table><tr><td>龙泉镇2020年6月党建工作统计月报表</td></tr><tr><td>填报单位：龙泉镇</td></tr></table>'
            '<table border="1"><tr><td>序号</td><td>指标名称</td><td>计量单位</td><td>本月</td><td>备注</td></tr>'
            '<tr><td>1</td><td>疫情防控队伍</td><td>支</td><td>2</td><td></td></tr>'
            '<tr><td>2</td><td>干部培训</td><td>人次</td><td>16</td><td></td></tr></table></body></html>')
    (HERE / "v_html_two_tables.xls").write_bytes(page.encode("utf-8"))


# --- eighth round: merged value cells, formulas in the month column ------------------------------

def merged_values() -> None:
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


# --- tenth round: a value spanning two rows in HTML and Excel 2003 XML -----------------------------

def spans() -> None:
    page = ('<html><head><meta charset="utf-8"></head><body><table border="1">'
            '<tr><td colspan="5">南湾乡2020年6月党建工作统计月报表</td></tr><tr><td colspan="5">填报单位：南湾乡</td></tr>'
            '<tr><td>序号</td><td>指标名称</td><td>计量单位</td><td>本月</td><td>备注</td></tr>'
            '<tr><td>1</td><td>疫情防控队伍</td><td>支</td><td>2</td><td></td></tr>'
            '<tr><td>2</td><td>理论研究室</td><td>处</td><td rowspan="2">1</td><td></td></tr>'
            '<tr><td>3</td><td>理论宣讲组</td><td>个</td><td></td></tr></table></body></html>')
    (HERE / "reject_v_value_rowspan_html.xls").write_bytes(page.encode("utf-8"))
    def row(*cells: str) -> str:
        return "<Row>" + "".join(cells) + "</Row>"
    def cell(value: object, extra: str = "") -> str:
        kind = "Number" if isinstance(value, int) else "String"
        return f'<Cell{extra}><Data ss:Type="{kind}">{value}</Data></Cell>'
    rows = [row(cell(f"南湾乡2020年6月{T_HEAD}")), row(cell("填报单位：南湾乡")), row(*(cell(h) for h in HEADER)),
            row(cell(1), cell("疫情防控队伍"), cell("支"), cell(2)),
            row(cell(2), cell("理论研究室"), cell("处"), cell(1, ' ss:MergeDown="1"')),
            row(cell(3), cell("理论宣讲组"), cell("个"))]
    sml = ('<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>\n'
           '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
           'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">\n<Worksheet ss:Name="月报表"><Table>\n'
           + "\n".join(rows) + "\n</Table></Worksheet>\n</Workbook>\n")
    (HERE / "reject_v_value_mergedown_spreadsheetml.xls").write_text(sml, encoding="utf-8")
    page = ('<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8">'
            '<style>.pct{mso-number-format:"0%";}</style></head><body><table border="1">'
            '<tr><td colspan="5">红旗乡2020年6月党建工作统计月报表</td></tr><tr><td colspan="5">填报单位：红旗乡</td></tr>'
            '<tr><td>序号</td><td>指标名称</td><td>计量单位</td><td>本月</td><td>备注</td></tr>'
            '<tr><td>1</td><td>疫情防控队伍</td><td>支</td><td class="pct" x:num="1">1</td><td></td></tr>'
            '<tr><td>2</td><td>干部培训</td><td>人次</td><td style="mso-number-format:0%" x:num="3">3</td><td></td></tr>'
            '</table></body></html>')
    (HERE / "reject_v_html_percent_style.xls").write_bytes(page.encode("utf-8"))


# --- eleventh round: two units' forms in one workbook ----------------------------------------------

def two_units() -> None:
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


def main() -> None:
    labels()
    headers()
    formats()
    identity()
    containers()
    refusals()
    labels_further()
    headers_further()
    formats_further()
    identity_further()
    containers_further()
    refusals_further()
    traps()
    column_formats()
    around_the_table()
    spreadsheetml_formats()
    seventh()
    merged_values()
    blanks()
    spans()
    two_units()
    gallery_files.run_office_jobs(OFFICE_JOBS, SCRATCH, HERE, thumbnail=True)  # these files were saved with one
    (HERE / "v_xlsx_named_xlsx.xls").unlink(missing_ok=True)
    (HERE / "v_xlsx_named_xls.xlsx").replace(HERE / "v_xlsx_named_xls.xls")
    (HERE / "v_xls_named_xlsx.xls").replace(HERE / "v_xls_named_xlsx.xlsx")
    shutil.rmtree(SCRATCH, ignore_errors=True)
    big = [p.name for p in HERE.iterdir() if p.suffix not in (".py", ".toml", ".md") and p.stat().st_size > 30 * 1024]
    print("written;", "too big: " + ", ".join(big) if big else "every file under 30 KB")


if __name__ == "__main__":
    main()
