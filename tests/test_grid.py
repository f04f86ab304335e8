"""The cell grid every reader gives: CSV encodings and delimiters, xlsx facts, merged cells, other formats."""
from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date
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
from tests.realworld import REALWORLD, realworld

GALLERY = Path(__file__).parent / "gallery" / "grid"
TABLE = [["指标名称", "计量单位", "本月"], ["理论学习次数", "次", "3"], ["追回资金", "万元", "2.35"]]


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
