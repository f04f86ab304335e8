"""The half-year workbook, written from a small real warehouse and read back with openpyxl."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from countystat.reports.data import PeriodData, read_period
from countystat.reports.halves import parse_half
from countystat.reports.workbook import SHEETS, workbook_filename, write_workbook
from countystat.sources.inbox import ReceivedFile
from countystat.sources.problems import error
from countystat.sources.submission import ReportedValue, Submission
from countystat.warehouse.load import ReadFile, load_read_files
from countystat.warehouse.store import connect, refresh_reference

H1_2020 = [date(2020, m, 1) for m in range(1, 7)]
H1_2019 = [date(2019, m, 1) for m in range(1, 7)]


def _township(month: int, year: int, unit: str) -> dict[str, float | None]:
    bump = 1 if year == 2020 else 0
    values: dict[str, float | None] = {
        "cases_filed": month if unit == "T01" else 2,
        "clues_disposed": 3 + bump,
        "punished_total": 1,
        "grassroots_clues": 2,
        "form1_cases": 4 + bump,
        "form2_cases": 2,
        "form3_cases": 1,
        "form4_cases": bump,
        "funds_recovered": 1.25,
        "training_attendance": 40,
        "grassroots_cases": 1 if unit == "T01" else None,  # T02 leaves it blank every month
        "lecture_groups": month if unit == "T01" else 3,  # last: T02 sends nothing in June 2020
        "party_members_mobilized": (5, 9, 7, 3, 0, 2)[month - 1] if unit == "T01" else (1, 1, 8, 1, 1, 1)[month - 1],
    }
    return values


def _department(month: int, year: int) -> dict[str, float | None]:
    post90 = {1: 10, 2: 11, 3: 12, 4: 13} if year == 2020 else {m: 8 for m in range(1, 7)}
    return {
        "cadres_post90": post90.get(month),  # 2020: blank in May and June
        "inspection_round": (1, 2, 2, 3, 3, 2)[month - 1],
        "cases_filed": None,
    }


def _file(unit: str, period: date, values: dict[str, float | None], problems=()) -> ReadFile:
    name = f"{unit}-{period:%Y%m}.xlsx"
    sha = hashlib.sha256(name.encode()).hexdigest()
    received = ReceivedFile(Path("/inbox") / name, name, sha, 100, datetime(period.year, period.month, 28))
    reported = [ReportedValue(code, v, "月报表", f"D{i + 5}") for i, (code, v) in enumerate(values.items())]
    return ReadFile(received, f"/archive/{sha}.xlsx",
                    [Submission(name, sha, unit, period, reported, list(problems))])


def _next_month(period: date, day: int) -> datetime:
    return datetime(period.year + period.month // 12, period.month % 12 + 1, day, 9, 0)


@pytest.fixture(scope="module")
def data(tmp_path_factory, catalog, registry) -> PeriodData:
    """2019H1 and 2020H1 from T01 (on time), T02 (late in March, nothing in June) and D01 (June rejected)."""
    con = connect(tmp_path_factory.mktemp("wb") / "warehouse.duckdb")
    refresh_reference(con, catalog, registry)
    for period in H1_2019 + H1_2020:
        load_read_files(con, [_file("T01", period, _township(period.month, period.year, "T01"))],
                        _next_month(period, 3))
        if period != date(2020, 6, 1):
            day = 20 if period == date(2020, 3, 1) else 4
            load_read_files(con, [_file("T02", period, _township(period.month, period.year, "T02"))],
                            _next_month(period, day))
        problems = [error("「约30」不是数字")] if period == date(2020, 6, 1) else []
        load_read_files(con, [_file("D01", period, _department(period.month, period.year), problems)],
                        _next_month(period, 2))
    result = read_period(con, parse_half("2020H1"), catalog)
    con.close()
    return result


@pytest.fixture(scope="module")
def book(data, tmp_path_factory) -> Path:
    return write_workbook(data, tmp_path_factory.mktemp("out"))


@pytest.fixture(scope="module")
def wb(book):
    return openpyxl.load_workbook(book)


def _row_of(ws, label: str, col: int = 2) -> int:
    rows = [c.row for c in ws.iter_cols(min_col=col, max_col=col).__next__() if c.value == label]
    assert rows, f"{label} not on {ws.title}"
    return rows[0]


def _col_of(ws, label: str, row: int) -> int:
    cols = [c.column for c in ws[row] if c.value == label]
    assert cols, f"{label} not in row {row} of {ws.title}"
    return cols[0]


def test_a_folder_gets_the_standard_name_and_the_first_sheet_is_active(book, wb):
    assert book.name == workbook_filename(parse_half("2020H1")) == "2020年上半年党建工作指标表.xlsx"
    assert wb.sheetnames == list(SHEETS)
    assert wb.sheetnames[:5] == ["全县指标", "分单位", "逐月", "报送情况", "四种形态"] and wb.sheetnames[-1] == "追溯"
    assert wb.active.title == "全县指标"
    assert all(len(name) <= 31 for name in wb.sheetnames)


def test_an_explicit_file_path_is_used_as_given(data, tmp_path):
    assert write_workbook(data, tmp_path / "out.xlsx") == tmp_path / "out.xlsx"
    assert not list(tmp_path.glob(".*partial"))


def test_county_sheet_shows_this_half_and_last_year(wb, data):
    ws = wb["全县指标"]
    assert ws["A1"].value == "2020年上半年党建工作主要指标（全县）"
    assert [c.value for c in ws[3]] == ["序号", "指标名称", "计量单位", "本期", "去年同期", "增减", "增减%", "报送单位数"]
    for code in ("cases_filed", "clues_disposed", "form1_cases", "funds_recovered", "cadres_post90"):
        figure = data.county[code]
        row = _row_of(ws, figure.indicator.name_zh)
        assert ws.cell(row, 4).value == pytest.approx(figure.value)
        assert ws.cell(row, 5).value == pytest.approx(figure.prev_value)
        assert ws.cell(row, 8).value == f"{figure.units_reported}/{figure.units_expected}"
    row = _row_of(ws, "立案")
    assert ws.cell(row, 4).value == sum(range(1, 7)) + 2 * 5  # T01 1..6, T02 2 a month for five months
    assert ws.cell(row, 4).number_format == "0"
    row = _row_of(ws, "追回资金")
    assert ws.cell(row, 4).value == pytest.approx(1.25 * 11) and ws.cell(row, 4).number_format == "0.00"
    row = _row_of(ws, "处置问题线索")
    assert ws.cell(row, 7).value == pytest.approx(data.county["clues_disposed"].change_pct / 100)
    assert ws.cell(row, 7).number_format == "0.0%"
    assert _row_of(ws, "五、作风建设", col=1) < _row_of(ws, "六、反腐败", col=1) < _row_of(ws, "派生指标", col=1)
    assert f"A{_row_of(ws, '派生指标', col=1)}:H{_row_of(ws, '派生指标', col=1)}" in ws.merged_cells
    share = _row_of(ws, "第一种形态占比")
    assert ws.cell(share, 4).value == pytest.approx(data.derived["form1_share"].value / 100)


def test_units_sheet_leaves_unreported_blank(wb, data):
    ws = wb["分单位"]
    col = _col_of(ws, "群众身边腐败和作风问题立案", row=3)
    assert ws.cell(4, col).value == "件"
    t01, t02 = _row_of(ws, "T01", col=1), _row_of(ws, "T02", col=1)
    assert ws.cell(t01, col).value == 6
    assert ws.cell(t02, col).value is None  # not reported: blank, never 0
    assert (("T02", "grassroots_cases") not in data.unit_values)
    total = _row_of(ws, "全县合计")
    assert ws.cell(total, _col_of(ws, "立案", row=3)).value == data.county["cases_filed"].value


@pytest.mark.parametrize(("name", "expected", "blank_months"), [
    ("立案", 21 + 10, []),                  # sum
    ("90后干部", 13, ["5月", "6月"]),        # last: April, the latest month with a value
    ("巡察轮次", 3, []),                     # max
])
def test_months_sheet_total_follows_each_rule(wb, name, expected, blank_months):
    ws = wb["逐月"]
    row = _row_of(ws, name)
    assert ws.cell(row, _col_of(ws, "合计/期末", row=2)).value == expected
    for month in blank_months:
        assert ws.cell(row, _col_of(ws, month, row=2)).value is None


@pytest.mark.parametrize(("code", "expected", "monthly_rule"), [
    ("lecture_groups", 6 + 3, 6),              # T01's June and T02's May; June's county figure is 6
    ("party_members_mobilized", 9 + 8, 15),    # T01's February and T02's March; the largest month is 15
])
def test_months_sheet_total_is_the_half_year_rule_per_unit_summed(wb, data, code, expected, monthly_rule):
    """Each unit's half by the rule, then the sum over units: the county sheet's 本期, not the rule
    applied to the county's monthly figures."""
    name = data.county[code].indicator.name_zh
    ws = wb["逐月"]
    row = _row_of(ws, name)
    months = [ws.cell(row, _col_of(ws, f"{m}月", row=2)).value for m in range(1, 7)]
    rule = max if code == "party_members_mobilized" else (lambda values: values[-1])
    assert rule(months) == monthly_rule
    assert ws.cell(row, _col_of(ws, "合计/期末", row=2)).value == expected == data.county[code].value
    county = wb["全县指标"]
    assert county.cell(_row_of(county, name), 4).value == expected


@pytest.mark.parametrize(("unit", "month", "text", "colour"), [
    ("T01", "1月", "按时", "C6EFCE"),
    ("T02", "3月", "逾期", "FFEB9C"),
    ("D01", "6月", "退回", "FFC7CE"),
    ("T02", "6月", "未报", "D9D9D9"),
    ("T03", "2月", "未报", "D9D9D9"),
])
def test_completeness_cells_are_coloured_by_status(wb, unit, month, text, colour):
    ws = wb["报送情况"]
    cell = ws.cell(_row_of(ws, unit, col=1), _col_of(ws, month, row=2))
    assert cell.value == text
    assert cell.fill.fgColor.rgb.endswith(colour)


def test_completeness_counts_per_unit(wb):
    ws = wb["报送情况"]
    row = _row_of(ws, "T02", col=1)
    counts = {label: ws.cell(row, _col_of(ws, label, row=2)).value for label in ("按时", "逾期", "退回", "未报")}
    assert counts == {"按时": 4, "逾期": 1, "退回": 0, "未报": 1}
    assert _row_of(ws, "图例") > row


def test_four_forms_sheet_and_its_pie(wb, data):
    ws = wb["四种形态"]
    row = _row_of(ws, "第一种形态", col=1)
    assert ws.cell(row, 2).value == data.county["form1_cases"].value == 5 * 11
    assert ws.cell(row, 3).value == pytest.approx(data.derived["form1_share"].value / 100)
    assert ws.cell(row, 4).value == data.county["form1_cases"].prev_value
    assert ws.cell(row, 3).number_format == "0.0%"
    assert [type(c).__name__ for c in ws._charts] == ["PieChart"]


def test_charts_exist(wb):
    kinds = sorted(type(c).__name__ for c in wb["图表"]._charts)
    assert kinds == ["BarChart", "BarChart", "LineChart"]


def test_every_sheet_prints_a4_landscape_with_titles_and_freezes(wb):
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.page_setup.paperSize in (9, "9"), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.print_title_rows, ws.title
        if ws.title != "图表":
            assert ws.freeze_panes, ws.title
    assert wb["全县指标"].freeze_panes == "C4"
    assert wb["全县指标"].column_dimensions["B"].width >= 2 * len("违反中央八项规定精神和“四风”问题案件")


def test_trace_defaults_to_the_source_cells(wb, data):
    ws = wb["追溯"]
    assert [c.value for c in ws[2]] == ["指标代码", "指标名称", "单位代码", "单位", "月份", "数值", "文件", "工作表", "单元格"]
    cells = sum(len(v) for (half, _), v in data.sources.items() if half == "2020H1")
    assert ws.max_row - 2 == cells


def test_trace_rows_are_written_with_their_own_keys(data, tmp_path):
    rows = [{"句子": "共处置问题线索24件", "数值": 24, "表达式": "clues_disposed", "指标": "处置问题线索",
             "来源": "全县指标"},
            {"句子": "=SUM(A1)\x07", "数值": None, "表达式": "form1_cases / form_total * 100", "指标": "x",
             "来源": ["a", "b"]}]
    ws = openpyxl.load_workbook(write_workbook(data, tmp_path, trace_rows=rows))["追溯"]
    assert [c.value for c in ws[2]] == ["句子", "数值", "表达式", "指标", "来源"]
    assert [c.value for c in ws[3]] == ["共处置问题线索24件", 24, "clues_disposed", "处置问题线索", "全县指标"]
    assert ws["A4"].value == "=SUM(A1)" and ws["A4"].data_type == "s"  # text, not a formula
    assert ws["E4"].value == "a；b"


def test_libreoffice_converts_the_workbook_to_pdf(book, tmp_path):
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice is not installed")
    canary = tmp_path / "canary.xlsx"
    plain = openpyxl.Workbook()
    plain.active["A1"] = 1
    plain.save(canary)
    copy = tmp_path / "book.xlsx"
    shutil.copy(book, copy)
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run([shutil.which("soffice"), f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(canary), str(copy)],  # one start for both
                   capture_output=True, timeout=300, check=False)
    if not (tmp_path / "canary.pdf").exists():
        pytest.skip("LibreOffice Calc is not installed (soffice cannot open even a one-cell .xlsx)")
    pdf = tmp_path / "book.pdf"
    assert pdf.exists() and pdf.stat().st_size > 1000
    assert pdf.read_bytes().startswith(b"%PDF")
