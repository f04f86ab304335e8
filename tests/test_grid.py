"""The cell grid every reader gives: CSV encodings and delimiters, xlsx facts, merged cells, other formats."""
from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from countystat.sources.grid import UnreadableFile, read_workbook
from countystat.sources.intake import read_submissions
from countystat.sources.sheet_facts import NO_FACTS, SheetFacts
from countystat.sources.xlsx_facts import read_xlsx_facts
from countystat.sources.xlsx_sheet_facts import sheet_facts
from tests.conftest import TODAY
from tests.forms import fill_form

GALLERY = Path(__file__).parent / "gallery" / "grid"
REALWORLD = Path(__file__).resolve().parents[2] / "shared" / "realworld-xlsx"
TABLE = [["指标名称", "计量单位", "本月"], ["理论学习次数", "次", "3"], ["追回资金", "万元", "2.35"]]


def realworld(name: str) -> Path:
    path = REALWORLD / name
    if not path.exists():
        pytest.skip(f"the real-world spreadsheets are not beside this checkout ({REALWORLD})")
    return path


# --- CSV ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("content", [
    pytest.param("\n".join(",".join(row) for row in TABLE).encode("utf-8"), id="utf-8"),
    pytest.param(b"\xef\xbb\xbf" + "\r\n".join(",".join(row) for row in TABLE).encode("utf-8"), id="utf-8-bom"),
    pytest.param("\r\n".join(",".join(row) for row in TABLE).encode("gbk"), id="gbk"),
    pytest.param("\r\n".join(",".join(row) for row in TABLE).encode("gb18030"), id="gb18030"),
    pytest.param("\n".join("\t".join(row) for row in TABLE).encode("utf-8"), id="tab"),
    pytest.param("\n".join(";".join(row) for row in TABLE).encode("gbk"), id="semicolon-gbk"),
    pytest.param("\r\n".join("\t".join(row) for row in TABLE).encode("utf-16"), id="utf-16-bom"),
    pytest.param(("\n".join(",".join(row) + ",," for row in TABLE) + "\n,,,\n\n").encode("utf-8"),
                 id="trailing-empty-cells"),
])
def test_csv_reads_as_one_sheet_of_text(tmp_path, content):
    path = tmp_path / "城关镇2020年6月.csv"
    path.write_bytes(content)
    book = read_workbook(path)
    [sheet] = book.sheets
    assert (book.file_name, sheet.name, sheet.rows) == ("城关镇2020年6月.csv", "城关镇2020年6月", TABLE)
    assert (sheet.hidden_rows, sheet.hidden_cols, sheet.uncached, sheet.merged) == (frozenset(),) * 3 + ((),)


def test_csv_keeps_quoted_delimiters_and_ragged_rows_as_empty_cells(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('指标名称,本月,备注\n"培训人次",125,"含线上,线下"\n追回资金\n', encoding="utf-8")
    assert read_workbook(path, "收到.csv").sheets[0].rows == [
        ["指标名称", "本月", "备注"], ["培训人次", "125", "含线上,线下"], ["追回资金", "", ""]]


@pytest.mark.parametrize("content, words", [
    (b"\x80\x81\xff\xfe abc", "文字编码无法识别"),
    (b"abc,\xff\n", "文字编码无法识别"),
    (b"a,b\n\x00\x00,c\n", "不是文本格式"),
    (b"", "是空文件"),
])
def test_csv_that_cannot_be_read_is_unreadable(tmp_path, content, words):
    path = tmp_path / "坏.csv"
    path.write_bytes(content)
    with pytest.raises(UnreadableFile) as caught:
        read_workbook(path)
    assert words in caught.value.message_zh and "坏.csv" in caught.value.message_zh


def test_a_form_saved_as_gbk_csv_is_accepted(tmp_path, catalog, registry):
    form = fill_form(tmp_path, registry.get("T02"), date(2020, 6, 1), catalog,
                     {"epidemic_teams": 4, "funds_recovered": 2.35})
    buffer = io.StringIO()
    for row in read_workbook(form).sheet("月报表").rows:
        csv.writer(buffer).writerow([int(v) if isinstance(v, float) and v.is_integer() else v for v in row])
    path = tmp_path / "青石镇6月报表.csv"
    path.write_bytes(buffer.getvalue().encode("gbk"))
    [sub] = read_submissions(path, path.name, "0" * 64, catalog, registry, TODAY)
    assert (sub.status, sub.unit_code, sub.period) == ("accepted", "T02", date(2020, 6, 1))
    assert {v.indicator_code: v.value for v in sub.values if v.value is not None} == {
        "epidemic_teams": 4, "funds_recovered": 2.35}


# --- xlsx facts: hidden rows and columns, formulas without a cached value ---------------------

def test_openpyxl_workbook_gives_hidden_rows_columns_and_uncached_formulas(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "月报表"
    for row in TABLE[:1] + [["理论学习次数", "次", 3], ["追回资金", "万元", 2]]:
        sheet.append(row)
    sheet["C4"] = "=SUM(C2:C3)"  # openpyxl saves formulas with no cached result
    sheet.row_dimensions[3].hidden = True
    sheet.column_dimensions["B"].hidden = True
    book.create_sheet("空白")
    path = tmp_path / "f.xlsx"
    book.save(path)
    grid = read_workbook(path).sheet("月报表")
    assert (grid.hidden_rows, grid.hidden_cols, grid.uncached) == (frozenset({2}), frozenset({1}), frozenset({(3, 2)}))
    assert len(grid.rows) == 3 and grid.value(3, 2) == ""  # calamine sees nothing there at all
    assert read_workbook(path).sheet("空白").uncached == frozenset()


def test_errors_xlsx_has_its_hidden_row_20():
    book = read_workbook(realworld("cal__errors.xlsx"))
    assert book.sheet("Feuil1").hidden_rows == frozenset({19})
    assert book.sheet("Feuil2").hidden_rows == frozenset()


@pytest.mark.parametrize("name, sheet", [
    ("cal__strict_iso_paths.xlsx", "ml_out"),
    ("cal__nonstandard-xml-ns-prefix.xlsx", "Sheet1"),
    ("ezx__compatibility_t04.xlsx", "工作表1"),   # ns2: prefixes everywhere
    ("cal__issue_261.xlsx", "Some Sheet"),       # no r attributes, BOM before the XML declaration
])
def test_odd_packages_still_map_their_sheets(name, sheet):
    import zipfile

    from countystat.sources.xlsx_parts import sheet_parts

    with zipfile.ZipFile(realworld(name)) as archive:
        assert sheet in sheet_parts(archive)
    facts = read_xlsx_facts(realworld(name)).get(sheet, NO_FACTS)
    assert (facts.hidden_rows, facts.hidden_cols, facts.uncached, facts.errors) == (frozenset(),) * 3 + ((),)
    if name == "ezx__compatibility_t04.xlsx":
        assert facts.formats == (((1, 6), "text"),)  # G2's style has builtin format 49, '@'
    if name == "cal__issue_261.xlsx":
        assert facts.formats and {kind for _, kind in facts.formats} == {"date"}


def test_facts_agree_with_the_realworld_index():
    index = json.loads(realworld("facts.json").read_text(encoding="utf-8"))
    for name, known in index.items():
        if not name.endswith(".xlsx") or known.get("kind") != "zip":
            continue
        facts = read_xlsx_facts(REALWORLD / name).values()
        counts = [sum(len(getattr(f, field)) for f in facts) for field in ("hidden_rows", "hidden_cols", "uncached")]
        assert counts == [known["hidden_rows"], known["hidden_cols"], known["formulas_no_cached"]], name


CELLS = b'<c r="A1"><v>1</v></c><c r="B1"><f>A1*2</f></c><c r="C1"><f>A1</f><v>1</v></c>'


@pytest.mark.parametrize("xml, facts", [
    pytest.param(b"<worksheet><sheetData><row r='1'>" + CELLS + b"</row></sheetData></worksheet>",
                 SheetFacts(uncached=frozenset({(0, 1)}), formulas=frozenset({(0, 1), (0, 2)})), id="cached-and-uncached"),
    pytest.param(b'<x:worksheet><x:cols><x:col min="3" max="5" hidden="true"/><x:col min="6" max="6" hidden="0"/>'
                 b'</x:cols><x:sheetData><x:row r="2" hidden="1"><x:c r="B2"><x:f>1</x:f></x:c></x:row>'
                 b'<x:row r="3" hidden="false"/></x:sheetData></x:worksheet>',
                 SheetFacts(frozenset({1}), frozenset({2, 3, 4}), frozenset({(1, 1)}), formulas=frozenset({(1, 1)})),
                 id="prefixed"),
    pytest.param(b"<worksheet><sheetData><row><c><v>1</v></c><c><f>A1</f></c></row><row hidden='1'>"
                 b"<c t='s'><v>0</v></c><c/><c><f>B1</f></c></row></sheetData></worksheet>",
                 SheetFacts(frozenset({1}), frozenset(), frozenset({(0, 1), (1, 2)}), formulas=frozenset({(0, 1), (1, 2)})),
                 id="no-r-attributes"),
    pytest.param(b'<worksheet><sheetData><row r="3"><c r="D3" t="str"><f t="shared" si="0" ref="D3:D4">X</f></c>'
                 b'</row><row r="4"><c r="D4"><f t="shared" si="0"/></c></row></sheetData><extLst>'
                 b"<x14:dataValidation><xm:f>Sheet2!A1</xm:f><xm:sqref>A1</xm:sqref></x14:dataValidation>"
                 b"</extLst></worksheet>",
                 SheetFacts(uncached=frozenset({(2, 3), (3, 3)}), formulas=frozenset({(2, 3), (3, 3)})),
                 id="shared-formula-and-extlst"),
    pytest.param(b"<worksheet><sheetData><row r='1'><c r='A1'><v>1</v></c></row></sheetData></worksheet>",
                 NO_FACTS, id="nothing"),
    pytest.param(b'<worksheet><sheetData><row r="1"><c r="A1" t="str"><f>""</f><v></v></c>'
                 b'<c r="B1"><f>1</f><v/></c></row></sheetData></worksheet>',
                 SheetFacts(uncached=frozenset({(0, 1)}), formulas=frozenset({(0, 0), (0, 1)})),
                 id="empty-string-result-is-cached"),
    pytest.param(b'<worksheet><sheetData><row r="2"><c r="C2" s="1" t="e"><f>A1/0</f><v>#DIV/0!</v></c>'
                 b'<c r="D2" t="e"><v>#N/A</v></c><c r="E2" t="n"><v>3</v></c></row></sheetData></worksheet>',
                 SheetFacts(errors=(((1, 2), "#DIV/0!"), ((1, 3), "#N/A")), formulas=frozenset({(1, 2)})),
                 id="error-values"),
])
def test_sheet_facts_from_xml(xml, facts):
    assert sheet_facts(xml) == facts


@pytest.mark.parametrize("body", [
    b'<c r="A1"><f>' * 100_000,
    b"<c><f>" * 100_000,
    b"<c <f>" * 100_000,
    b'<row hidden="1">' * 100_000 + b'<c r="A1"><f>1</f>',
    b"<row " * 100_000 + b"hidden='1'>",
])
def test_sheet_facts_finish_on_hostile_xml(body):
    """That they stay linear is benchmarks/reader.py --hostile's business (100k against 400k repeats)."""
    try:
        facts = sheet_facts(b"<worksheet>" + body)
    except ValueError:
        return  # read_xlsx_facts turns this into "no facts for that sheet"
    assert isinstance(facts, SheetFacts)


def _rewritten(source: Path, target: Path, edits: dict[str, tuple[bytes, bytes]]) -> Path:
    """A copy of a zip package with byte replacements in some parts."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for info in original.infolist():
            data = original.read(info)
            if info.filename in edits:
                data = data.replace(*edits[info.filename])
            copy.writestr(info, data)
    return target


def test_facts_survive_odd_packages(tmp_path):
    book = openpyxl.Workbook()
    book.active.append([1])
    book.active.row_dimensions[2].hidden = True
    plain = tmp_path / "plain.xlsx"
    book.save(plain)
    absolute = _rewritten(plain, tmp_path / "absolute.xlsx", {
        "xl/_rels/workbook.xml.rels": (b'Target="worksheets/', b'Target="/xl/worksheets/'),
        "xl/workbook.xml": (b"<sheets>", b"<sheets >")})
    assert read_xlsx_facts(absolute)["Sheet"].hidden_rows == frozenset({1})
    bomb = b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
    with_dtd = _rewritten(plain, tmp_path / "dtd.xlsx", {"xl/workbook.xml": (b"<workbook", bomb + b"<workbook")})
    garbage = _rewritten(plain, tmp_path / "garbage.xlsx", {"xl/workbook.xml": (b"<sheets>", b"<sheets><<<")})
    for path in (with_dtd, garbage, tmp_path / "missing.xlsx"):
        assert read_xlsx_facts(path) == {}


# --- merged cells ------------------------------------------------------------------------------

def test_merged_ranges_are_listed_and_carried_down_their_first_column():
    sheet1, sheet2 = read_workbook(realworld("cal__merged_range.xlsx")).sheets
    assert len(sheet1.merged) + len(sheet2.merged) == 15
    assert (0, 0, 3, 0) in sheet2.merged and (0, 2, 1, 3) in sheet2.merged
    assert [row[0] for row in sheet2.rows] == ["A1"] * 4              # A1:A4
    assert [sheet1.rows[r][c] for r in (0, 1) for c in (2, 3)] == ["C1", "", "C1", ""]  # C1:D2
    assert sheet2.rows[3][5] == "F1"                                  # F1:H4, below the data


def test_a_label_merged_over_two_rows_reads_on_both_and_a_heading_band_stays_put():
    for name in ("merged.xlsx", "merged.xls", "merged.ods"):  # .ods: the ranges come from its content.xml
        [sheet] = read_workbook(GALLERY / name).sheets
        assert sheet.merged == ((1, 0, 1, 3), (2, 0, 3, 0), (2, 1, 3, 1)), name
        assert sheet.rows == [["序号", "指标名称", "分项", "本月"], ["一、作风建设", "", "", ""],
                              [1, "查处案件", "立案", 4], [1, "查处案件", "结案", 3]], name


def test_a_merge_reaching_below_the_data_grows_the_grid(tmp_path):
    book = openpyxl.Workbook()
    book.active["A1"] = "标签"
    book.active["B1"] = 1
    book.active.merge_cells("A1:A3")
    path = tmp_path / "m.xlsx"
    book.save(path)
    assert read_workbook(path).sheets[0].rows == [["标签", 1], ["标签", ""], ["标签", ""]]


# --- other formats and the real-world gallery ----------------------------------------------------

@pytest.mark.parametrize("converted", ["small.xls", "small.ods"])
def test_xls_and_ods_made_by_libreoffice_read_like_the_xlsx(converted):
    xlsx, other = read_workbook(GALLERY / "small.xlsx"), read_workbook(GALLERY / converted)
    assert [s.name for s in other.sheets] == [s.name for s in xlsx.sheets] == ["月报表", "说明"]
    assert [s.rows for s in other.sheets] == [s.rows for s in xlsx.sheets]
    assert xlsx.sheets[0].rows[4] == [3, "追回资金", "万元", 2.35]


def _realworld_files() -> list[Path]:
    return sorted(p for p in REALWORLD.glob("*.*") if p.suffix in (".xlsx", ".xlsm", ".xls", ".ods"))


@pytest.mark.parametrize("path", _realworld_files() or [pytest.param(None, marks=pytest.mark.skip("no gallery"))],
                         ids=lambda p: p.name if p else "none")
def test_every_realworld_file_reads_or_is_unreadable(path):
    try:
        book = read_workbook(path)
    except UnreadableFile as exc:
        assert exc.message_zh
    else:
        assert book.sheets and all(isinstance(s.rows, list) for s in book.sheets)


def test_an_ods_sheet_gives_its_hidden_rows_columns_and_error_values():
    [sheet] = read_workbook(GALLERY / "hidden_and_error.ods").sheets
    assert (sheet.hidden_rows, sheet.hidden_cols) == (frozenset({2}), frozenset({2}))
    assert sheet.errors == {(1, 1): "#DIV/0!", (4, 0): "#N/A"}
    assert read_workbook(GALLERY / "small.ods").sheets[0].errors == {}


# --- number formats and formula cells (fixtures written by LibreOffice: build_fixtures.py) --------

SHOWN = {(1, 2): "percent", (2, 2): "percent", (3, 2): "date", (4, 2): "time", (8, 2): "date"}


@pytest.mark.parametrize("name", ["formats.xlsx", "formats.xls", "formats.ods"])
def test_percent_date_and_time_formats_are_known_per_cell_in_every_format(name):
    [sheet] = read_workbook(GALLERY / name).sheets
    assert {cell: kind for cell, kind in sheet.formats.items() if kind != "text"} == SHOWN
    assert sheet.value(1, 2) == 1 and sheet.format_of(1, 2) == "percent"   # typed 100%: stored 1
    assert sheet.format_of(6, 2) is None and sheet.value(6, 2) == 7          # a plain number
    assert sheet.value(5, 2) == "12"                                         # '@' text: the typed string
    assert sheet.value(7, 2) == 14                                           # =C7*2, its cached result


def test_text_format_and_formula_cells_where_the_file_keeps_them():
    [xlsx] = read_workbook(GALLERY / "formats.xlsx").sheets
    assert xlsx.formats[(5, 2)] == "text" and xlsx.formulas == frozenset({(7, 2)})
    [ods] = read_workbook(GALLERY / "formats.ods").sheets
    assert ods.formulas == frozenset({(7, 2)})
    [xls] = read_workbook(GALLERY / "formats.xls").sheets
    assert xls.formulas == frozenset({(7, 2)})  # from the FORMULA records: xlrd keeps only the result
    assert read_workbook(realworld("cal__xls_formula.xls")).sheet("Sheet1").formulas == {(1, 0), (2, 0), (3, 0)}


def test_a_plain_standard_form_has_no_formats_and_no_formulas(tmp_path, catalog, registry):
    form = fill_form(tmp_path, registry.get("T02"), date(2020, 6, 1), catalog, {"epidemic_teams": 4})
    for sheet in read_workbook(form).sheets:
        assert (sheet.formats, sheet.formulas) == ({}, frozenset())


def test_a_percent_formatted_cell_is_refused_through_its_format(tmp_path):
    from countystat.sources.catalog import load_catalog
    from countystat.sources.numbers import ValueProblem, read_number

    [sheet] = read_workbook(GALLERY / "formats.xlsx").sheets
    members = load_catalog().get("party_members_mobilized")
    with pytest.raises(ValueProblem, match="「100%」是百分比"):
        read_number(sheet.value(1, 2), members, cell_format=sheet.format_of(1, 2))
    with pytest.raises(ValueProblem, match="「2026年3月5日」是日期"):
        read_number(sheet.value(3, 2), members, cell_format=sheet.format_of(3, 2))
    assert read_number(sheet.value(5, 2), members, cell_format=sheet.format_of(5, 2)).value == 12


@pytest.mark.parametrize("code, kind", [
    ("0%", "percent"), ("0.00%", "percent"), ("[Red]0.0%", "percent"), ("#,##0.00_);[Red](#,##0.00)", None),
    ("General", None), ("G/通用格式", None), ("0.00E+00", None), ('0"人"', None), ('"%"0', None),
    ('#,##0" 元"', None), ("[DBNum1]G/通用格式", None), ("@", "text"),
    ("m/d/yyyy", "date"), ('yyyy"年"m"月"', "date"), ('[DBNum1][$-804]yyyy"年"m"月"d"日"', "date"), ("mmm", "date"),
    ("yyyy-mm-dd hh:mm", "date"), ("[$-804]h:mm", "time"), ("mm:ss", "time"), ("[h]:mm:ss", "time"),
    ('h"时"mm"分"', "time"), ("上午/下午h:mm", "time"), ('0.0;"-"0.0%', None),
])
def test_excel_format_codes_are_classified(code, kind):
    from countystat.sources.cell_format import excel_format_kind

    assert excel_format_kind(code) == kind


@pytest.mark.parametrize("number_format, kind", [(9, "percent"), (10, "percent"), (14, "date"), (22, "date"),
                                                 (20, "time"), (45, "time"), (49, "text"), (31, "date"),
                                                 (58, "date"), (0, None), (1, None), (4, None)])
def test_builtin_format_ids_are_classified(number_format, kind):
    from countystat.sources.cell_format import builtin_format_kind

    assert builtin_format_kind(number_format) == kind


def test_xlsx_formats_come_from_custom_and_builtin_styles_and_a_text_prefix(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    for row, (value, shown) in enumerate([(1, "0%"), (3, '0.0"%"'), (5, "yyyy/m/d"), (7, "General"), (9, "0.00")],
                                         start=1):
        sheet.cell(row, 1, value).number_format = shown
    sheet["B1"] = "12"
    sheet["B1"].quotePrefix = True
    sheet["B2"] = 12
    sheet["B2"].number_format = "0%"
    path = tmp_path / "f.xlsx"
    book.save(path)
    assert read_workbook(path).sheets[0].formats == {(0, 0): "percent", (2, 0): "date", (0, 1): "text",
                                                     (1, 1): "percent"}


def test_formats_in_a_sheet_without_r_attributes_follow_the_cells_before_them():
    from countystat.sources.xlsx_sheet_facts import sheet_facts as facts_of

    xml = (b"<worksheet><sheetData><row><c><v>1</v></c><c s='2'><v>1</v></c></row>"
           b'<row r="4"><c s="3"><v>5</v></c><c r="D4" s="2"/><c s="1"><v>0</v></c></row></sheetData></worksheet>')
    assert facts_of(xml, {2: "percent", 3: "date"}).formats == (((0, 1), "percent"), ((3, 0), "date"),
                                                                ((3, 3), "percent"))


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
