"""The variants gallery's number formats: percent, date and text cells, set per cell, per column or in Excel 2003 XML.

Part of the variants gallery's maker (make_variants.py runs every case); the helpers are in variant_files.py.
"""
from __future__ import annotations

from datetime import datetime

import openpyxl

from tests.gallery.gallery_files import HEADER
from tests.gallery.variants.variant_files import HERE, T_HEAD, office, table


# --- cell formats -------------------------------------------------------------------------------

def formats() -> None:
    """Custom percent formats, a percent amount, a date serial, and counts in text cells."""
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


# --- second round: formats that change nothing, a zero percent ---------------------------------

def formats_further() -> None:
    """Formats that change nothing (units, decimals, currency, an empty percent) and a zero formatted as percent."""
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


# --- fourth round: formats set on a whole column, times in .xls and .ods -------------------------

def column_formats() -> None:
    """A percent format on the whole month column, and a time in .xls and .ods."""
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


# --- sixth round: number formats in Excel 2003 XML -----------------------------------------------

def spreadsheetml_formats() -> None:
    """Percent and Short Date styles in Excel 2003 XML."""
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
