"""The send-back workbook a clerk gets for a rejected file: problems listed, their cells marked red."""
from __future__ import annotations

import hashlib
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from countystat.sources import sendback
from countystat.sources.form_layout import FORM_SHEET, META_SHEET
from countystat.sources.intake import read_submissions
from countystat.sources.problems import error, warning
from countystat.sources.sendback import SENDBACK_SHEET, sendback_file_name, sendback_title, write_sendback
from countystat.sources.submission import Submission
from tests.conftest import TODAY
from tests.forms import fill_form, row_of
from tests.libreoffice import missing, soffice

JUNE = date(2020, 6, 1)
RED = "FFC7CE"
BAD_VALUES = {"party_members_mobilized": "约30", "training_attendance": -5, "epidemic_teams": 2}
REALWORLD = Path(__file__).resolve().parents[2] / "shared" / "realworld-xlsx"
SOFFICE = soffice()


def read(path: Path, catalog, registry) -> Submission:
    [submission] = read_submissions(path, path.name, sha256(path), catalog, registry, TODAY)
    return submission


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listed(book: openpyxl.Workbook) -> list[tuple[object, ...]]:
    """The rows of the explanation table below its header: (序号, 工作表, 单元格, 问题及修改要求)."""
    rows = list(book[SENDBACK_SHEET].iter_rows(values_only=True))
    header = rows.index(("序号", "工作表", "单元格", "问题及修改要求"))
    return rows[header + 1:]


def wording(submission: Submission) -> list[str]:
    """What the table should say for each problem, blocking ones first: its words, no location."""
    ordered = sorted(submission.problems, key=lambda p: not p.blocking)
    return [replace(p, file="", sheet="", cell="").message() for p in ordered]


def is_marked_red(cell) -> bool:
    return cell.fill.patternType == "solid" and cell.fill.fgColor.rgb.endswith(RED)


def libreoffice(args: list[str], profile: Path) -> subprocess.CompletedProcess:
    """Run soffice headless with its own profile, so parallel runs don't share one instance."""
    command = [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=180)


@pytest.fixture
def rejected(tmp_path, catalog, registry) -> tuple[Path, Submission]:
    """柳河镇's June form with two bad cells (约30, -5), read by intake as it is in production."""
    path = fill_form(tmp_path / "inbox", registry.get("T03"), JUNE, catalog, BAD_VALUES, name="柳河镇6月.xlsx")
    submission = read(path, catalog, registry)
    assert submission.status == "rejected" and len(submission.problems) == 2
    return path, submission


def test_first_sheet_lists_every_problem_under_a_title(tmp_path, rejected):
    original, submission = rejected
    folder = tmp_path / "reports" / "sendback" / "2020-06"
    path = write_sendback(original, submission, folder, "柳河镇")
    assert path == folder / "柳河镇6月_退回修改.xlsx"
    assert [p.name for p in folder.iterdir()] == [path.name]  # no temporary file left behind
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == SENDBACK_SHEET and book.active.title == SENDBACK_SHEET
    sheet = book[SENDBACK_SHEET]
    assert sheet["A1"].value == "柳河镇 2020年6月 报表退回修改说明"
    assert "柳河镇6月.xlsx" in sheet["A2"].value
    rows = listed(book)
    assert [(n, s, c) for n, s, c, _ in rows] == [(1, FORM_SHEET, "D6"), (2, FORM_SHEET, "D15")]
    for problem, row in zip(submission.problems, rows):
        assert row[3] == problem.text
    assert sheet.column_dimensions["D"].width >= 50 and sheet["D6"].alignment.wrap_text
    assert int(sheet.page_setup.paperSize) == 9 and sheet.page_setup.fitToWidth == 1  # A4, one page wide


def test_problem_cells_are_red_with_the_problem_as_comment(tmp_path, rejected, catalog, registry):
    original, submission = rejected
    book = openpyxl.load_workbook(write_sendback(original, submission, tmp_path / "out", "柳河镇"))
    form = book[FORM_SHEET]
    unit = registry.get("T03")
    for code in ("party_members_mobilized", "training_attendance"):
        cell = form[f"D{row_of(catalog, unit, code)}"]
        problem = next(p for p in submission.problems if p.cell == cell.coordinate)
        assert is_marked_red(cell) and cell.font.color.rgb.endswith("9C0006")
        assert cell.comment.text == problem.text and cell.comment.author == "countystat"
    fine = form[f"D{row_of(catalog, unit, 'epidemic_teams')}"]
    assert fine.value == 2 and not is_marked_red(fine) and fine.comment is None


def test_the_township_sheets_are_kept_as_they_were_and_the_original_is_untouched(tmp_path, rejected):
    original, submission = rejected
    before = sha256(original)
    path = write_sendback(original, submission, tmp_path / "out", "柳河镇")
    assert sha256(original) == before
    mine, theirs = openpyxl.load_workbook(path), openpyxl.load_workbook(original)
    assert mine.sheetnames == [SENDBACK_SHEET, *theirs.sheetnames]
    assert mine[META_SHEET].sheet_state == "hidden"
    for name in theirs.sheetnames:
        kept, was = mine[name], theirs[name]
        assert list(kept.iter_rows(values_only=True)) == list(was.iter_rows(values_only=True))
        assert set(map(str, kept.merged_cells.ranges)) == set(map(str, was.merged_cells.ranges))
        assert kept.column_dimensions["B"].width == was.column_dimensions["B"].width
    assert theirs[FORM_SHEET].protection.sheet and not mine[FORM_SHEET].protection.sheet


def test_a_sendback_the_clerk_fixes_is_accepted_and_a_partial_fix_is_sent_back_again(
    tmp_path, rejected, catalog, registry
):
    original, submission = rejected
    first = write_sendback(original, submission, tmp_path / "out", "柳河镇")
    book = openpyxl.load_workbook(first)
    book[FORM_SHEET]["D6"] = 30  # the clerk fixes one cell and returns the send-back file itself
    partly = tmp_path / "inbox2" / first.name
    partly.parent.mkdir()
    book.save(partly)
    again = read(partly, catalog, registry)
    assert [p.cell for p in again.problems] == ["D15"]

    second = write_sendback(partly, again, tmp_path / "out2", "柳河镇")
    assert second.name == "柳河镇6月_退回修改.xlsx"  # not 柳河镇6月_退回修改_退回修改.xlsx
    book = openpyxl.load_workbook(second)
    assert book.sheetnames.count(SENDBACK_SHEET) == 1 and len(listed(book)) == 1
    form = book[FORM_SHEET]
    assert form["D6"].value == 30 and not is_marked_red(form["D6"]) and form["D6"].comment is None
    assert is_marked_red(form["D15"]) and "负数" in form["D15"].comment.text

    book[FORM_SHEET]["D15"] = 5
    fixed = tmp_path / "inbox3" / first.name
    fixed.parent.mkdir()
    book.save(fixed)
    done = read(fixed, catalog, registry)
    assert (done.status, done.unit_code, done.period) == ("accepted", "T03", JUNE)
    values = {v.indicator_code: v.value for v in done.values}
    assert (values["party_members_mobilized"], values["training_attendance"]) == (30, 5)


@pytest.mark.parametrize("name, unit_code, period, expected", [
    ("柳河镇", "T03", JUNE, "柳河镇 2020年6月 报表退回修改说明"),
    (None, "T03", date(2020, 11, 1), "T03 2020年11月 报表退回修改说明"),
    (None, None, JUNE, "2020年6月 报表退回修改说明"),
    (None, None, None, "报表退回修改说明"),
])
def test_title_names_the_unit_and_month_when_known(name, unit_code, period, expected):
    submission = Submission("x.xlsx", "0" * 64, unit_code=unit_code, period=period)
    assert sendback_title(submission, name) == expected


@pytest.mark.parametrize("source, expected", [
    ("柳河镇6月.xlsx", "柳河镇6月_退回修改.xlsx"),
    ("城关镇.xls", "城关镇_退回修改.xlsx"),
    ("城关镇_退回修改.xlsx", "城关镇_退回修改.xlsx"),
    ("报表.v2.ods", "报表.v2_退回修改.xlsx"),
])
def test_file_name(source, expected):
    assert sendback_file_name(source) == expected


def test_a_note_is_listed_after_the_errors_and_its_cell_is_yellow_not_red(tmp_path, catalog, registry):
    unit = registry.get("T03")
    values = {"funds_recovered": "35000元", "training_attendance": -5}
    original = fill_form(tmp_path / "inbox", unit, JUNE, catalog, values, name="柳河镇6月.xlsx")
    submission = read(original, catalog, registry)
    assert [p.level for p in submission.problems] == ["error", "note"]
    book = openpyxl.load_workbook(write_sendback(original, submission, tmp_path / "out", "柳河镇"))
    assert [r[3] for r in listed(book)] == wording(submission)
    assert listed(book)[1][3].startswith("【说明】")
    note = book[FORM_SHEET][f"D{row_of(catalog, unit, 'funds_recovered')}"]
    assert note.value == "35000元" and note.fill.fgColor.rgb.endswith("FFEB9C") and not is_marked_red(note)
    assert note.comment.text == "【说明】" + submission.problems[1].text
    assert is_marked_red(book[FORM_SHEET][f"D{row_of(catalog, unit, 'training_attendance')}"])


def test_blocking_problems_come_first_and_odd_cells_are_only_listed(tmp_path, rejected):
    original, submission = rejected
    problems = [
        warning("「备注」较长，已截断", submission.source_file, FORM_SHEET, "F6"),
        error("填报单位不一致，请核实后重新报送", submission.source_file, FORM_SHEET),
        error("单位名称在合并单元格中", submission.source_file, FORM_SHEET, "B2"),  # inside A2:C2
        error("不存在的工作表", submission.source_file, "别的表", "A1"),
        error("不是单元格", submission.source_file, FORM_SHEET, "第3行"),
    ]
    odd = Submission(submission.source_file, submission.sha256, problems=problems)
    book = openpyxl.load_workbook(write_sendback(original, odd, tmp_path / "out"))
    rows = listed(book)
    assert [r[3] for r in rows] == [p.text for p in problems[1:]] + ["【提醒】「备注」较长，已截断"]
    assert book[SENDBACK_SHEET]["A1"].value == "报表退回修改说明"
    form = book[FORM_SHEET]
    assert is_marked_red(form["A2"]) and form["A2"].comment.text == "单位名称在合并单元格中"
    assert not is_marked_red(form["F6"]) and form["F6"].comment.text == "【提醒】「备注」较长，已截断"
    assert form["F6"].fill.fgColor.rgb.endswith("FFEB9C")  # a warning is yellow, not red
    assert sum(1 for row in form.iter_rows() for c in row if c.comment) == 2


@pytest.mark.skipif(missing("calc"), reason=str(missing("calc")))
@pytest.mark.parametrize("fmt", ["ods", "xls"])
def test_ods_and_xls_are_converted_to_an_xlsx_with_the_cell_marked(tmp_path, catalog, registry, fmt):
    filled = fill_form(tmp_path / "filled", registry.get("T03"), JUNE, catalog, BAD_VALUES, name="柳河镇6月.xlsx")
    done = libreoffice(["--convert-to", fmt, "--outdir", str(tmp_path / "inbox"), str(filled)], tmp_path / "lo")
    original = tmp_path / "inbox" / f"柳河镇6月.{fmt}"
    assert original.exists(), done.stdout + done.stderr
    before = sha256(original)
    submission = read(original, catalog, registry)
    assert [p.cell for p in submission.problems] == ["D6", "D15"]

    path = write_sendback(original, submission, tmp_path / "out", "柳河镇")
    assert path.name == "柳河镇6月_退回修改.xlsx" and sha256(original) == before
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [SENDBACK_SHEET, FORM_SHEET]  # visible sheets only
    assert len(listed(book)) == 2
    form = book[FORM_SHEET]
    assert form["A1"].value == "柳河镇2020年6月党建工作统计月报表" and form["D6"].value == "约30"
    assert is_marked_red(form["D6"]) and "约数" in form["D6"].comment.text
    assert is_marked_red(form["D15"]) and form["D15"].value == -5
    assert form["D5"].value == 2 and not is_marked_red(form["D5"])
    assert form["B1"].value is None  # a merged title is written once, not into every cell it covers
    if fmt == "xls":  # calamine reports xls merges (not ods ones): they are merged again
        assert {"A1:F1", "A4:F4"} <= {str(r) for r in form.merged_cells.ranges}


@pytest.mark.parametrize("failure", ["raises", "no sheets"])
def test_when_openpyxl_cannot_load_the_file_the_grid_is_converted(tmp_path, rejected, monkeypatch, failure):
    original, submission = rejected

    def broken(*args, **kwargs):
        if failure == "raises":
            raise ValueError("openpyxl cannot read this file")
        book = openpyxl.Workbook()
        book.remove(book.active)
        return book  # strict OOXML loads with 0 sheets

    monkeypatch.setattr(sendback, "load_workbook", broken)
    book = openpyxl.load_workbook(write_sendback(original, submission, tmp_path / "out"))
    assert book.sheetnames == [SENDBACK_SHEET, FORM_SHEET]
    assert is_marked_red(book[FORM_SHEET]["D6"]) and is_marked_red(book[FORM_SHEET]["D15"])


@pytest.mark.parametrize("name, content", [
    ("坏文件.xlsx", b"this is not a spreadsheet"),
    ("空文件.xlsx", b""),
    ("旧报表.xls", b"\x00" * 600),
    ("报表.csv", b"\x00\x01\x02 binary, not text"),
])
def test_an_unreadable_file_gets_only_the_explanation(tmp_path, catalog, registry, name, content):
    original = tmp_path / "inbox" / name
    original.parent.mkdir()
    original.write_bytes(content)
    submission = read(original, catalog, registry)
    assert submission.status == "rejected"
    book = openpyxl.load_workbook(write_sendback(original, submission, tmp_path / "out"))
    assert book.sheetnames == [SENDBACK_SHEET]
    assert [r[3] for r in listed(book)] == wording(submission)
    assert "无法打开" in book[SENDBACK_SHEET]["A3"].value
    assert original.read_bytes() == content


def test_a_csv_is_converted_with_the_cell_marked(tmp_path, catalog, registry):
    unit = registry.get("T03")
    form = openpyxl.load_workbook(fill_form(tmp_path / "filled", unit, JUNE, catalog, BAD_VALUES))[FORM_SHEET]
    original = tmp_path / "inbox" / "柳河镇6月.csv"
    original.parent.mkdir()
    lines = [",".join("" if v is None else str(v) for v in row) for row in form.iter_rows(values_only=True)]
    original.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    submission = read(original, catalog, registry)
    if not any(p.sheet for p in submission.problems):
        pytest.skip("countystat.sources.grid does not read .csv files yet")
    assert [p.cell for p in submission.problems] == ["D6", "D15"]
    book = openpyxl.load_workbook(write_sendback(original, submission, tmp_path / "out", "柳河镇"))
    assert book.sheetnames == [SENDBACK_SHEET, "柳河镇6月"]
    sheet = book["柳河镇6月"]
    assert sheet["D6"].value == "约30" and is_marked_red(sheet["D6"]) and is_marked_red(sheet["D15"])
    assert sheet["B5"].value == form["B5"].value and not is_marked_red(sheet["D5"])


@pytest.mark.skipif(missing("calc"), reason=str(missing("calc")))
def test_libreoffice_opens_the_sendback(tmp_path, rejected):
    original, submission = rejected
    path = write_sendback(original, submission, tmp_path / "out", "柳河镇")
    done = libreoffice(["--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(path)], tmp_path / "lo")
    pdf = tmp_path / "pdf" / "柳河镇6月_退回修改.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF"), done.stdout + done.stderr


def test_every_real_world_file_gets_a_sendback_that_opens(tmp_path, catalog, registry):
    files = sorted(p for p in REALWORLD.glob("*.*") if p.suffix in (".xlsx", ".xls", ".ods"))
    if not files:
        pytest.skip(f"the real-world spreadsheets are not beside this checkout ({REALWORLD})")
    for original in files:
        submission = read(original, catalog, registry)
        path = write_sendback(original, submission, tmp_path / original.stem)
        book = openpyxl.load_workbook(path)
        assert book.sheetnames[0] == SENDBACK_SHEET, original.name
        assert [r[3] for r in listed(book)] == wording(submission), original.name
