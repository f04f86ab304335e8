"""Rebuild the grid fixtures of cell formats and containers: `.venv/bin/python tests/gallery/grid/build_fixtures.py`.

Office files are written by LibreOffice (soffice, headless) from a small openpyxl source, so each is
a file a real office suite wrote. What web systems export under an .xls name (an HTML table,
tab-separated text, an Excel 2003 XML workbook, whose LibreOffice export fails here) is written as
those systems write it. LibreOffice 7.4 no longer writes Excel 95 and no tool here does, so
`excel95_gbk.xls` is built record by record (BIFF5 in an OLE compound file, CODEPAGE 936) following
the published format; nothing here writes .xlsb either, so `binary.xlsb` is built the same way from
MS-XLSB (the fewest records a reader needs). See README.md for what each file holds.
"""
from __future__ import annotations

import shutil
import struct
import subprocess
import tempfile
import zipfile
from datetime import date, time
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent
TABLE = [["指标名称", "计量单位", "本月"], ["理论学习次数", "次", "3"], ["追回资金", "万元", "2.35"]]


def formats_source(path: Path) -> None:
    """One sheet whose C column shows numbers as percentages, dates, times, text, plain and by formula."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "月报表"
    rows = [
        ("指标名称", "计量单位", "本月", None),
        ("党员人数", "人", 1, "0%"),                       # typed 100%
        ("培训人次", "人次", 0.5, "0.00%"),                # typed 50%
        ("立案", "件", date(2026, 3, 5), 'm"月"d"日"'),    # typed 3-5
        ("会议", "次", time(8, 30), "h:mm"),               # typed 8:30
        ("文本数字", "个", "12", "@"),                     # typed '12
        ("普通数字", "篇", 7, "0"),
        ("公式", "篇", "=C7*2", "0"),
        ("结案", "件", date(2026, 3, 5), 'yyyy"年"m"月"d"日"'),
    ]
    for values in rows:
        sheet.append(values[:3])
        if values[3]:
            sheet.cell(sheet.max_row, 3).number_format = values[3]
    book.save(path)


def soffice(source: Path, target: Path, filter_name: str) -> None:
    """Convert with LibreOffice into target (its suffix names the format)."""
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(["soffice", "--headless", "--convert-to", filter_name, "--outdir", out, str(source)],
                       check=True, capture_output=True, timeout=120)
        [written] = Path(out).iterdir()
        shutil.move(written, target)


def web_html() -> bytes:
    """An HTML table as a government web system exports it for Excel: GBK, spans, <br>, a hidden row."""
    page = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>报表导出</title><style>td {mso-number-format:"\\@";}</style></head><body>
<table border="1">
<tr><td colspan="4">城关镇2020年6月党建工作统计月报表</td></tr>
<tr><th>序号</th><th>指标名称</th><th>计量单位</th><th>本月</th></tr>
<tr><td rowspan="2">1</td><td>查处案件<br>立案</td><td>件</td><td>4</td></tr>
<tr><td>查处案件<br/>结案</td><td>件</td><td>&nbsp;3 </td></tr>
<tr style="display:none"><td>9</td><td>隐藏行</td><td>次</td><td>99</td></tr>
<tr><td>2</td><td>追回资金</td><td>万元</td><td>2.35</td></tr>
</table></body></html>
"""
    return page.encode("gbk")


def web_tsv() -> bytes:
    """Tab-separated text in GBK, as web systems save it under an .xls name."""
    return "\r\n".join("\t".join(row) for row in TABLE).encode("gbk") + b"\r\n"


def excel_2003_xml() -> bytes:
    """An Excel 2003 XML workbook as Excel writes it (LibreOffice 7.4's export of it fails here)."""
    return """<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:html="http://www.w3.org/TR/REC-html40">
 <Styles>
  <Style ss:ID="Default" ss:Name="Normal"><Alignment ss:Vertical="Center"/><Font ss:FontName="宋体" x:CharSet="134"
   ss:Size="11"/></Style>
  <Style ss:ID="s21"><NumberFormat ss:Format="Percent"/></Style>
  <Style ss:ID="s22"><NumberFormat ss:Format="Short Date"/></Style>
  <Style ss:ID="s23"><NumberFormat ss:Format="yyyy&quot;年&quot;m&quot;月&quot;"/></Style>
 </Styles>
 <Worksheet ss:Name="月报表">
  <Table ss:ExpandedColumnCount="4" ss:ExpandedRowCount="8" x:FullColumns="1" x:FullRows="1">
   <Column ss:Width="40"/><Column ss:Width="120"/><Column ss:Hidden="1" ss:Width="0"/><Column ss:Width="60"/>
   <Row><Cell ss:MergeAcross="3"><Data ss:Type="String">城关镇2020年6月党建工作统计月报表</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">序号</Data></Cell><Cell><Data ss:Type="String">指标名称</Data></Cell>
    <Cell><Data ss:Type="String">计量单位</Data></Cell><Cell><Data ss:Type="String">本月</Data></Cell></Row>
   <Row><Cell><Data ss:Type="Number">1</Data></Cell><Cell><Data ss:Type="String">理论学习次数</Data></Cell>
    <Cell><Data ss:Type="String">次</Data></Cell><Cell><Data ss:Type="Number">3</Data></Cell></Row>
   <Row><Cell><Data ss:Type="Number">2</Data></Cell><Cell><Data ss:Type="String">党员人数</Data></Cell>
    <Cell><Data ss:Type="String">人</Data></Cell><Cell ss:StyleID="s21"><Data ss:Type="Number">1</Data></Cell></Row>
   <Row ss:Hidden="1"><Cell><Data ss:Type="Number">3</Data></Cell><Cell><Data ss:Type="String">立案</Data></Cell>
    <Cell><Data ss:Type="String">件</Data></Cell><Cell ss:StyleID="s22"><Data
    ss:Type="DateTime">2026-03-05T00:00:00.000</Data></Cell></Row>
   <Row ss:Index="7"><Cell ss:Index="2"><Data ss:Type="String">合计</Data></Cell><Cell ss:Index="4"
    ss:Formula="=R[-4]C+R[-3]C"><Data ss:Type="Number">4</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">统计月份</Data></Cell><Cell ss:StyleID="s23"><Data
    ss:Type="DateTime">2020-06-01T00:00:00.000</Data></Cell><Cell><Data ss:Type="Error">#DIV/0!</Data></Cell></Row>
  </Table>
 </Worksheet>
 <Worksheet ss:Name="说明">
  <Table><Row><Cell><Data ss:Type="String">填报说明</Data></Cell></Row></Table>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions>
 </Worksheet>
</Workbook>
""".encode()


# --- Excel 95 (BIFF5) ----------------------------------------------------------------------------

def _record(kind: int, data: bytes) -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def _xf(font: int, number_format: int, style: bool) -> bytes:
    kind = 0xFFF4 if style else 0x0000  # style XF: parent 0xFFF and bit 2; cell XF: parent 0
    return _record(0x00E0, struct.pack("<HHHBBII", font, number_format, kind, 0x20, 0, 0, 0))


def excel95_book() -> bytes:
    """The Book stream of a BIFF5 workbook, CODEPAGE 936: Chinese labels, a percent, a date, a hidden row, a formula."""
    gbk = "gbk"
    font = _record(0x0031, struct.pack("<HHHHHBBBB", 200, 0, 0x7FFF, 400, 0, 0, 0, 0x86, 0)
                   + bytes([len("宋体".encode(gbk))]) + "宋体".encode(gbk))
    xfs = b"".join(_xf(0, 0, True) for _ in range(16)) + _xf(0, 0, False) + _xf(0, 9, False) + _xf(0, 14, False)
    plain, percent, dated = 16, 17, 18
    sheet_name = "月报表".encode(gbk)
    head = (_record(0x0809, struct.pack("<HHHH", 0x0500, 0x0005, 0x0DBB, 0x07CC))
            + _record(0x0042, struct.pack("<H", 936)) + font * 5 + xfs)
    boundsheet_size = 4 + 7 + len(sheet_name)
    globals_end = len(head) + boundsheet_size + 4
    boundsheet = _record(0x0085, struct.pack("<IBBB", globals_end, 0, 0, len(sheet_name)) + sheet_name)

    def label(row: int, col: int, text: str) -> bytes:
        data = text.encode(gbk)
        return _record(0x0204, struct.pack("<HHHH", row, col, plain, len(data)) + data)

    def number(row: int, col: int, value: float, xf: int = plain) -> bytes:
        return _record(0x0203, struct.pack("<HHHd", row, col, xf, value))

    rows = [["指标名称", "计量单位", "本月"], ["理论学习次数", "次", 3.0], ["隐藏的行", "次", 9.0],
            ["党员人数", "人", (1.0, percent)], ["立案", "件", (46086.0, dated)], ["追回资金", "万元", 2.35]]
    cells = b""
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str):
                cells += label(r, c, value)
            elif isinstance(value, tuple):
                cells += number(r, c, *value)
            else:
                cells += number(r, c, value)
    rgce = bytes([0x1E]) + struct.pack("<H", 18)  # ptgInt 18: the formula =18, its result cached
    cells += label(len(rows), 1, "合计") + _record(0x0006, struct.pack("<HHHdHIH", len(rows), 2, plain, 18.0, 0, 0,
                                                                       len(rgce)) + rgce)
    hidden_row = _record(0x0208, struct.pack("<HHHHHHHH", 2, 0, 3, 255, 0, 0, 0x0120, plain))  # fDyZero
    sheet = (_record(0x0809, struct.pack("<HHHH", 0x0500, 0x0010, 0x0DBB, 0x07CC))
             + _record(0x0200, struct.pack("<HHHHH", 0, len(rows) + 1, 0, 3, 0)) + hidden_row + cells
             + _record(0x000A, b""))
    book = head + boundsheet + _record(0x000A, b"") + sheet
    return book + b"\0" * max(0, 4096 - len(book))  # a stream of 4 KB or more lives in normal sectors


def compound_file(stream_name: str, stream: bytes) -> bytes:
    """An OLE compound file (version 3, 512-byte sectors) holding one stream: FAT, directory, stream."""
    sectors = -(-len(stream) // 512)
    end, free, fat_sector = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    fat = [fat_sector, end] + [n + 1 for n in range(2, sectors + 1)] + [end]
    fat += [free] * (128 - len(fat))
    header = (bytes.fromhex("d0cf11e0a1b11ae1") + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + bytes(6) + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<I", 0) + struct.pack("<I", free) * 108)

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        return (encoded.ljust(64, b"\0") + struct.pack("<HBB", len(encoded), kind, 1)
                + struct.pack("<III", free, free, child) + bytes(16) + struct.pack("<I", 0) + bytes(16)
                + struct.pack("<III", start, size, 0))

    directory = (entry("Root Entry", 5, 1, end, 0) + entry(stream_name, 2, free, 2, len(stream))
                 + entry("", 0, free, 0, 0) * 2)
    body = stream.ljust(sectors * 512, b"\0")
    return header + struct.pack("<128I", *fat) + directory + body


# --- Excel binary workbook (.xlsb) ------------------------------------------------------------------

def _brt(kind: int, data: bytes = b"") -> bytes:
    """An MS-XLSB record: type and size as 7-bit groups with a continuation bit, then the data."""
    head = bytes([kind]) if kind < 0x80 else bytes([(kind & 0x7F) | 0x80, kind >> 7])
    size, length = len(data), b""
    while True:
        length += bytes([(size & 0x7F) | (0x80 if size > 0x7F else 0)])
        size >>= 7
        if not size:
            return head + length + data


def _wide(text: str) -> bytes:
    return struct.pack("<I", len(text)) + text.encode("utf-16-le")


def xlsb_book() -> bytes:
    """A one-sheet .xlsb holding TABLE (numbers as numbers), with its relationships and content types."""
    workbook = (_brt(0x83) + _brt(0x8F) + _brt(0x9C, struct.pack("<II", 0, 1) + _wide("rId1") + _wide("月报表"))
                + _brt(0x90) + _brt(0x84))
    cells = b""
    for r, row in enumerate(TABLE):
        cells += _brt(0x00, struct.pack("<IIHBBBI", r, 0, 300, 0, 0, 0, 0))  # BrtRowHdr
        for c, value in enumerate(row):
            if r and c == 2:
                cells += _brt(0x05, struct.pack("<IId", c, 0, float(value)))  # BrtCellReal
            else:
                cells += _brt(0x06, struct.pack("<II", c, 0) + _wide(value))  # BrtCellSt
    sheet = (_brt(0x81) + _brt(0x94, struct.pack("<IIII", 0, len(TABLE) - 1, 0, 2)) + _brt(0x91) + cells
             + _brt(0x92) + _brt(0x82))
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="bin" ContentType="application/vnd.ms-excel.sheet.binary.'
            'macroEnabled.main"/><Override PartName="/xl/worksheets/sheet1.bin" ContentType="application/'
            'vnd.ms-excel.worksheet"/></Types>').encode(),
        "_rels/.rels": (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}"><Relationship '
                        f'Id="rId1" Type="{office}/officeDocument" Target="xl/workbook.bin"/></Relationships>').encode(),
        "xl/workbook.bin": workbook,
        "xl/_rels/workbook.bin.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}"><Relationship Id="rId1" '
            f'Type="{office}/worksheet" Target="worksheets/sheet1.bin"/></Relationships>').encode(),
        "xl/worksheets/sheet1.bin": sheet,
    }
    with tempfile.SpooledTemporaryFile() as buffer:
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
        buffer.seek(0)
        return buffer.read()


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "formats.xlsx"
        formats_source(source)
        soffice(source, HERE / "formats.ods", "ods")
        soffice(HERE / "formats.ods", HERE / "formats.xlsx", "xlsx")
        soffice(HERE / "formats.ods", HERE / "formats.xls", "xls")
        soffice(HERE / "small.xlsx", HERE / "unicode_text.txt", "txt:Text - txt - csv (StarCalc):9,34,65535")
        soffice(HERE / "small.xlsx", HERE / "calc_html.xls", "html")
    (HERE / "web_export_gbk.xls").write_bytes(web_html())
    (HERE / "web_export_tsv.xls").write_bytes(web_tsv())
    (HERE / "excel2003.xls").write_bytes(excel_2003_xml())
    (HERE / "excel95_gbk.xls").write_bytes(compound_file("Book", excel95_book()))
    (HERE / "binary.xlsb").write_bytes(xlsb_book())


if __name__ == "__main__":
    main()
