"""The variants gallery's containers: CSV, HTML tables and Excel 2003 XML written byte by byte, renamed workbooks.

Part of the variants gallery's maker (make_variants.py runs every case); the helpers are in variant_files.py.
"""
from __future__ import annotations

from tests.gallery.gallery_files import HEADER
from tests.gallery.variants.variant_files import HERE, SCRATCH, T_HEAD, office, table, text_file


# --- containers ---------------------------------------------------------------------------------

def containers() -> None:
    """CSV with semicolons, a title, GBK thousands; an HTML table with <thead>; SpreadsheetML; a CSV saved as .xlsx."""
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


# --- second round: workbooks under the other extension, HTML with &nbsp; -------------------------

def containers_further() -> None:
    """Workbooks under the other extension, and GBK HTML tables with &nbsp; (a number, and a typed 100%)."""
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


# --- seventh round: a month written as its days, split HTML tables, Excel's sep= line -------------

def seventh() -> None:
    """A month written as its days, a value with its unit in brackets, Excel's sep= line, two HTML tables."""
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


# --- tenth round: a value spanning two rows in HTML and Excel 2003 XML -----------------------------

def spans() -> None:
    """A value over two rows in HTML (rowspan) and SpreadsheetML (MergeDown), and HTML percent styles."""
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
