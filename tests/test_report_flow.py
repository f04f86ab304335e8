"""`countystat report` on the demo home: the workbook, the drafts and the trace, as golden files."""
from __future__ import annotations

import csv
import re
import subprocess

import docx
import openpyxl
import pytest

from countystat.flows.report import report
from tests.golden import assert_golden
from tests.libreoffice import missing
from tests.run_logs import run_artifact, run_logs, runs_log_info

pytestmark = pytest.mark.usefixtures("prefect_server")


@pytest.fixture(scope="module")
def run(demo_home):
    """The report flow's run on the demo home: its final state."""
    with runs_log_info():
        return report(home=str(demo_home.root), period="2020H1", return_state=True)


@pytest.fixture(scope="module")
def files(run):
    return run.result()


def cell_values(path, skip=("追溯",)) -> str:
    """Every non-empty cell of the workbook as 'sheet!A1=value' lines."""
    book = openpyxl.load_workbook(path)
    lines = []
    for sheet in book.worksheets:
        if sheet.title in skip:
            lines.append(f"{sheet.title}: {sheet.max_row} rows")
            continue
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    value = round(cell.value, 6) if isinstance(cell.value, float) else cell.value
                    lines.append(f"{sheet.title}!{cell.coordinate}={value}")
    return "\n".join(lines) + "\n"


def test_the_report_writes_its_four_files(files, demo_home):
    folder = demo_home.reports / "2020H1"
    assert files.workbook == folder / "2020年上半年党建工作指标表.xlsx"
    for path in (files.workbook, files.docx, files.markdown, files.trace):
        assert path.exists() and path.stat().st_size > 0
    assert files.missing == []


def test_the_run_says_where_its_files_went_in_its_log_and_links_them_in_its_artifact(run, files):
    said = [m for level, m in run_logs(run.state_details.flow_run_id) if level == "INFO"]
    names = ", ".join(p.name for p in (files.workbook, files.docx, files.markdown, files.trace))
    assert f"2020H1 report written to {files.workbook.parent}: {names}" in said
    markdown = run_artifact(run.state_details.flow_run_id, "report-2020h1").data
    assert markdown.startswith("# 2020年上半年党建工作主要指标（全县）")
    for path in (files.workbook, files.docx, files.markdown, files.trace):
        assert f"[{path.name}]({path.as_uri()})" in markdown


def test_the_workbook_matches_its_golden_file(files):
    assert_golden("2020H1_workbook.txt", cell_values(files.workbook))


def test_the_docx_carries_the_draft(files):
    text = "\n".join(p.text for p in docx.Document(files.docx).paragraphs)
    markdown = files.markdown.read_text(encoding="utf-8")
    assert text.split("\n")[0] == markdown.split("\n")[0].removeprefix("# ")
    assert "XX" not in text and "先后召开县委常委会" in text


def test_the_trace_lists_every_number_with_its_cells(files):
    rows = list(csv.DictReader(files.trace.open(encoding="utf-8-sig")))
    book = openpyxl.load_workbook(files.workbook)
    assert book["追溯"].max_row == len(rows) + 2  # a title row and the header
    cases = next(r for r in rows if r["指标"] == "cases_filed" and "立案" in r["句子"])
    cells = re.findall(r"\.(?:xlsx|csv)![^!;]+![A-Z]+\d+（", cases["来源"])
    assert len(cells) >= 100  # every unit's six months of 立案, from standard and retyped forms alike
    assert all(r["文本"] in r["句子"] for r in rows)


@pytest.mark.skipif(missing("writer", "calc"), reason=str(missing("writer", "calc")))
def test_libreoffice_converts_both_files_to_pdf(files, tmp_path):
    profile = (tmp_path / "lo-profile").as_uri()  # its own profile: no clash with another running office
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(files.workbook), str(files.docx)],  # one start for both
                   check=True, capture_output=True, timeout=180)
    for path in (files.workbook, files.docx):
        pdf = tmp_path / (path.stem + ".pdf")
        assert pdf.exists() and pdf.stat().st_size > 10_000
