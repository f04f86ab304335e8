"""The content, not the name, decides the format: Excel 95, Unicode text, HTML, Excel 2003 XML, TSV, refusals."""
from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from countystat.sources.grid import UnreadableFile, read_workbook
from tests.realworld import realworld

GALLERY = Path(__file__).parent / "gallery" / "grid"
TABLE = [["指标名称", "计量单位", "本月"], ["理论学习次数", "次", "3"], ["追回资金", "万元", "2.35"]]


# --- containers: the content decides ------------------------------------------------------------

def test_excel95_with_chinese_text_is_read_through_its_code_page():
    [sheet] = read_workbook(GALLERY / "excel95_gbk.xls").sheets
    assert sheet.name == "月报表"
    assert sheet.rows[0] == ["指标名称", "计量单位", "本月"] and sheet.rows[5] == ["追回资金", "万元", 2.35]
    assert sheet.hidden_rows == frozenset({2})
    assert sheet.formats == {(3, 2): "percent", (4, 2): "date"}
    assert sheet.rows[6] == ["", "合计", 18] and sheet.formulas == frozenset({(6, 2)})


def test_excel_unicode_text_reads_as_a_table_as_txt_or_csv(tmp_path):
    expected = read_workbook(GALLERY / "small.xlsx").sheets[0].rows
    shown = [["" if v is None else (str(int(v)) if isinstance(v, (int, float)) and v == int(v) else str(v))
              for v in row] for row in expected]
    for name in ("unicode_text.txt", "收到.csv"):
        path = tmp_path / name
        path.write_bytes((GALLERY / "unicode_text.txt").read_bytes())
        assert read_workbook(path).sheets[0].rows == shown


def test_an_html_table_named_xls_reads_with_spans_line_breaks_and_hidden_rows():
    [sheet] = read_workbook(GALLERY / "web_export_gbk.xls").sheets
    assert sheet.name == "web_export_gbk"
    assert sheet.rows[1:4] == [["序号", "指标名称", "计量单位", "本月"], ["1", "查处案件\n立案", "件", "4"],
                               ["1", "查处案件\n结案", "件", "3"]]
    assert sheet.merged == ((0, 0, 0, 3), (2, 0, 3, 0)) and sheet.hidden_rows == frozenset({4})
    [calc] = read_workbook(GALLERY / "calc_html.xls").sheets  # LibreOffice's HTML export: both sheets, stacked
    assert calc.rows[4] == ["3", "追回资金", "万元", "2.35"] and calc.rows[-1][:2] == ["填报说明", "按月填报"]


def test_an_excel_binary_workbook_is_an_excel_format():
    [sheet] = read_workbook(GALLERY / "binary.xlsb").sheets
    assert (sheet.name, sheet.rows) == ("月报表", [TABLE[0], ["理论学习次数", "次", 3], ["追回资金", "万元", 2.35]])


@pytest.mark.parametrize("encoding", ["utf-8", "gb2312"])
def test_an_excel_2003_xml_workbook_named_xls_reads_typed(tmp_path, encoding):
    path = tmp_path / "导出.xls"
    xml = (GALLERY / "excel2003.xls").read_text(encoding="utf-8")
    path.write_bytes(xml.replace('<?xml version="1.0"?>', f'<?xml version="1.0" encoding="{encoding}"?>')
                     .encode("gbk" if encoding == "gb2312" else encoding))
    form, notes = read_workbook(path).sheets
    assert (form.name, notes.name, form.hidden, notes.hidden) == ("月报表", "说明", False, True)
    assert form.rows[2] == [1, "理论学习次数", "次", 3] and form.rows[6] == ["", "合计", "", 4]
    assert form.value(7, 1) == datetime(2020, 6, 1) and form.format_of(7, 1) == "date"
    assert form.formats == {(3, 3): "percent", (4, 3): "date", (7, 1): "date"}
    assert (form.formulas, form.errors) == (frozenset({(6, 3)}), {(7, 2): "#DIV/0!"})
    assert (form.hidden_rows, form.hidden_cols, form.merged) == (frozenset({4}), frozenset({2}), ((0, 0, 0, 3),))
    assert form.rows[0] == ["城关镇2020年6月党建工作统计月报表", "", "", ""]


def test_an_excel_2003_xml_workbook_declaring_entities_is_refused(tmp_path):
    path = tmp_path / "实体.xls"
    path.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><Workbook xmlns="urn:schemas-'
                    'microsoft-com:office:spreadsheet"><Worksheet><Table><Row><Cell><Data ss:Type="String">&a;'
                    "</Data></Cell></Row></Table></Worksheet></Workbook>", encoding="utf-8")
    with pytest.raises(UnreadableFile, match="无法打开"):
        read_workbook(path)


def test_an_html_cell_excel_shows_as_a_percent_or_date_keeps_its_number_and_format(tmp_path):
    page = ('<html><head><style>.p{mso-number-format:"0%";} .t{mso-number-format:"\\@";}</style></head><body><table>'
            '<tr><td>指标名称</td><td>本月</td></tr>'
            '<tr><td>立案</td><td class="x p" x:num="1">1</td></tr>'
            '<tr><td>干部培训</td><td style="mso-number-format:Percent">0.5</td></tr>'
            '<tr><td>处置问题线索</td><td style="mso-number-format:\'yyyy\\-mm\\-dd\'">2020-06-01</td></tr>'
            '<tr><td>党政纪处分</td><td class="t">3</td></tr></table></body></html>')
    path = tmp_path / "web.xls"
    path.write_text(page, encoding="utf-8")
    [sheet] = read_workbook(path).sheets
    assert [row[1] for row in sheet.rows] == ["本月", 1.0, 0.5, "2020-06-01", "3"]  # a date typed as text stays text
    assert sheet.formats == {(1, 1): "percent", (2, 1): "percent"}


def test_an_html_export_with_its_head_left_open_still_reads(tmp_path):
    path = tmp_path / "导出.xls"
    path.write_text("<html><head><meta charset='utf-8'><title>导出<body><table><tr><td>追回资金</td><td>2.35</td></tr>"
                    "</table>", encoding="utf-8")
    assert read_workbook(path).sheets[0].rows == [["追回资金", "2.35"]]


def test_tab_separated_text_named_xls_reads_as_a_table():
    assert read_workbook(GALLERY / "web_export_tsv.xls").sheets[0].rows == TABLE


@pytest.mark.parametrize("source, name", [("small.xlsx", "改名.xls"), ("small.xls", "改名.xlsx"),
                                          ("small.ods", "改名.xlsx"), ("small.xlsx", "改名.csv"),
                                          ("binary.xlsb", "改名.xlsx"), ("excel95_gbk.xls", "改名.xlsx")])
def test_a_workbook_with_the_wrong_extension_is_read_by_its_content(tmp_path, source, name):
    path = tmp_path / name
    path.write_bytes((GALLERY / source).read_bytes())
    assert [s.rows for s in read_workbook(path).sheets] == [s.rows for s in read_workbook(GALLERY / source).sheets]


def _docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return path


@pytest.mark.parametrize("name, content, words", [
    ("报表.xls", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nstream\n\x00\x01\x02", "不是Excel表格"),
    ("报表.xlsx", "指标名称,本月\n培训人次,3\n".encode(), "无法打开"),
    ("报表.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "不是Excel表格"),  # a photo of the form
    ("报表.csv", b"\x01\x02\x03binary", "不是文本格式"),
    ("报表.xls", b"<html><body><p>\xc3\xbb\xd3\xd0\xca\xfd\xbe\xdd</p></body></html>", "无法打开"),
    ("报表.pdf", b"%PDF-1.4", "不是Excel表格"),
])
def test_what_no_office_suite_wrote_is_refused_clearly(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnreadableFile) as caught:
        read_workbook(path)
    assert words in caught.value.message_zh and name in caught.value.message_zh


def test_a_word_document_is_no_spreadsheet_whatever_its_name(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_fixtures", GALLERY / "build_fixtures.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    (tmp_path / "报表.xls").write_bytes(build.compound_file("WordDocument", b"\0" * 4096))
    for path in (tmp_path / "报表.xls", _docx(tmp_path / "报表.xlsx")):
        with pytest.raises(UnreadableFile, match="不是Excel表格"):
            read_workbook(path)


def test_an_encrypted_xlsx_is_named_encrypted_whatever_its_extension(tmp_path):
    path = tmp_path / "加密.xls"
    path.write_bytes(realworld("cal__pass_protected.xlsx").read_bytes())
    with pytest.raises(UnreadableFile, match="已加密"):
        read_workbook(path)


@pytest.mark.parametrize("name, sheet, cell, value", [
    ("excel95_gbk.xls", "月报表", "A6", "追回资金"), ("web_export_gbk.xls", "web_export_gbk", "B3", "查处案件\n立案"),
    ("excel2003.xls", "月报表", "B3", "理论学习次数"), ("binary.xlsb", "月报表", "A3", "追回资金"),
    ("web_export_tsv.xls", "web_export_tsv", "B2", "次"), ("unicode_text.txt", "unicode_text", "B3", "理论学习中心组学习次数"),
])
def test_every_new_container_gets_a_send_back_workbook_with_its_cells(tmp_path, name, sheet, cell, value):
    from countystat.sources.problems import error
    from countystat.sources.sendback import write_sendback
    from countystat.sources.submission import Submission

    submission = Submission(name, "0" * 64, problems=[error("请核实", file=name, sheet=sheet, cell=cell)])
    book = openpyxl.load_workbook(write_sendback(GALLERY / name, submission, tmp_path))
    assert book[sheet][cell].value == value and book[sheet][cell].comment is not None
