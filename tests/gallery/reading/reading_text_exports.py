"""The reading gallery's part 7: text exports written byte by byte (Unicode text, tab-separated, an HTML
table), Excel 95 through Gnumeric, .xlsb through pyxlsbwriter, random bytes and a PDF named .xls.

Part of the reading gallery's maker (make_gallery.py runs every case); the helpers are in reading_files.py.
"""
from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

from tests.gallery.gallery_files import HEADER
from tests.gallery.reading.reading_files import HERE, SCRATCH, table, write_text


# --- part 7: text exports and other containers ----------------------------------------------------

def text_exports() -> None:
    """Part 7: Unicode and GBK text, an HTML table, Excel 95, .xlsb, random bytes and a PDF named .xls."""
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
