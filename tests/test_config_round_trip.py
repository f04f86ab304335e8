"""Issue 11's round trip: an office carries countystat from one year's form and narrative to the next
without touching the installed package. `init`, then the office edits its home (an indicator asked
from 2020-01, one retired after 2019-12, a township's own label approved, its own summary text for
2020H2), `check`, `template`, a township and a department send every month of 2019 and 2020, `collect`,
and the report of both halves of 2020 and of the year."""
from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import docx
import duckdb
import openpyxl
import pytest
from click.testing import CliRunner

from countystat.flows.cli import main
from countystat.reports.halves import parse_period
from countystat.reports.plan import load_plan
from countystat.reports.report_pipeline import ReportFiles, report
from countystat.sources.form_layout import FORM_SHEET
from countystat.sources.home import Home, reference
from countystat.sources.months import month_range
from tests import pipelines
from tests.forms import fill_form, row_of

NEW, RETIRED, RENAMED_LABEL = "theme_meetings", "gang_cases", "纪检立案"
NEW_ROW = "theme_meetings,主题教育专题会议,次,sum,int,both,一、管党治党,召开专题会议XX次,,2020-01,,\n"
UNITS = ("T01", "D01")
MONTHS = month_range(date(2019, 1, 1), date(2020, 12, 1))


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def cases(month: date) -> int:
    """What each unit files as 立案 in a month: the month's number, one more in 2020."""
    return month.month + (month.year - 2019)


def office_template(path: Path) -> None:
    """The office's own text for 2020H2, typed in Word (a placeholder split across runs, as Word does)."""
    document = docx.Document()
    document.add_paragraph("{{ 期间 }}党建工作总结")
    paragraph = document.add_paragraph()
    for text in ("全县召开主题教育专题会议{{ 主题教育", "专题会议 }}次，立案{{ 立案 }}件，", "{{ 立案.同比 }}。"):
        paragraph.add_run(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)


@pytest.fixture(scope="module")
def office(tmp_path_factory, registry) -> Home:
    """A home made by `init`, edited as the office would, with two units' forms of 2019 and 2020 collected."""
    home = Home(tmp_path_factory.mktemp("round-trip") / "home")
    assert invoke("init", "--home", str(home.root)).exit_code == 0
    text = home.indicators_csv.read_text("utf-8")
    retired = next(line for line in text.splitlines() if line.startswith(f"{RETIRED},"))
    assert retired.endswith(",,,")  # open today
    home.indicators_csv.write_text(text.replace(retired, retired[:-1] + "2019-12,") + NEW_ROW, "utf-8")
    approved = invoke("labels", "approve", RENAMED_LABEL, "cases_filed", "--by", "县委组织部", "--home", str(home.root))
    assert approved.exit_code == 0, approved.output
    office_template(home.summary_templates / "2020H2.docx")
    catalog = reference(home)[0]
    for month in MONTHS:
        asked = catalog.in_effect(month)
        for code in UNITS:
            unit = registry.get(code)
            values = {"cases_filed": cases(month), NEW: 2, RETIRED: 1}
            values = {c: v for c, v in values.items() if c in {i.code for i in asked.for_kind(unit.kind)}}
            label = {f"B{row_of(asked, unit, 'cases_filed')}": RENAMED_LABEL} if (code, month.month) == ("T01", 12) else {}
            fill_form(home.inbox / f"{month:%Y%m}", unit, month, asked, values, cells=label)
    pipelines.collect(str(home.root), "2020-12")
    return home


def test_check_passes_on_the_edited_home_and_the_template_follows_the_month(office, tmp_path):
    checked = invoke("check", "--home", str(office.root))
    assert checked.exit_code == 0 and checked.output.startswith("配置检查通过"), checked.output
    labels = {}
    for month in ("2019-12", "2020-01"):
        out = tmp_path / month
        assert invoke("template", "--month", month, "--unit", "T01", "--out", str(out),
                      "--home", str(office.root)).exit_code == 0
        [form] = out.iterdir()
        sheet = openpyxl.load_workbook(form)[FORM_SHEET]
        labels[month] = {str(row[0].value) for row in sheet.iter_rows(min_col=2, max_col=2) if row[0].value}
    assert "扫黑除恶惩腐打伞立案" in labels["2019-12"] and "主题教育专题会议" not in labels["2019-12"]
    assert "主题教育专题会议" in labels["2020-01"] and "扫黑除恶惩腐打伞立案" not in labels["2020-01"]


def test_every_form_is_read_with_the_catalog_of_its_month(office):
    with duckdb.connect(str(office.warehouse), read_only=True) as con:
        statuses = con.execute("SELECT status, count(*) FROM submissions GROUP BY status").fetchall()
        values = con.execute("SELECT indicator_code, year(period), sum(value) FROM monthly_values "
                             "WHERE indicator_code IN (?, ?, 'cases_filed') AND value IS NOT NULL GROUP BY ALL",
                             [NEW, RETIRED]).fetchall()
        december = con.execute("SELECT value FROM monthly_values WHERE unit_code = 'T01' AND period = '2020-12-01' "
                               "AND indicator_code = 'cases_filed'").fetchone()[0]
        validity = con.execute("SELECT indicator_code, valid_from, valid_to FROM indicators WHERE indicator_code "
                               "IN (?, ?)", [NEW, RETIRED]).fetchall()
    assert statuses == [("accepted", len(MONTHS) * len(UNITS))]
    assert sorted(values) == [("cases_filed", 2019, 156), ("cases_filed", 2020, 180), (RETIRED, 2019, 24),
                              (NEW, 2020, 48)]
    assert december == 13  # typed on the row the township calls 纪检立案, approved as 立案
    assert sorted(validity) == [(RETIRED, None, date(2019, 12, 1)), (NEW, date(2020, 1, 1), None)]


@pytest.fixture(scope="module")
def reports(office) -> dict[str, ReportFiles]:
    plan = load_plan(office.plan_toml)
    return {label: report(office, parse_period(label), plan) for label in ("2020H1", "2020H2", "2020")}


def test_both_halves_and_the_year_are_drafted_each_from_its_own_template(reports):
    for label, files in reports.items():
        assert files.workbook.exists() and files.docx.exists() and files.trace.exists(), label
    first, second, year = (reports[label].markdown.read_text("utf-8") for label in ("2020H1", "2020H2", "2020"))
    assert first.startswith("# 2020年上半年党的建设工作总结暨下半年工作谋划")  # init's copy of the seed text
    assert "【缺数：扫黑除恶惩腐打伞立案 2020H1（2020年无此指标）】" in first
    assert second == "# 2020年下半年党建工作总结\n\n全县召开主题教育专题会议24次，立案126件，同比增长10.5%。\n"
    assert year.startswith("# 2020年党的建设工作总结暨2021年工作谋划") and "全年" in year and "上半年" not in year
    assert "【缺数：扫黑除恶惩腐打伞立案 2020（2020年无此指标）】" in year


def test_the_trace_and_the_workbook_follow_the_catalog_of_each_year(reports):
    rows = list(csv.DictReader(reports["2020H2"].trace.open(encoding="utf-8-sig")))
    traced = {row["表达式"].split(":")[0]: row for row in rows}
    new = traced["{{ 主题教育专题会议 }}"]["来源"].split("; ")
    assert len(new) == 12 and all("2020-" in cell and "=2）" in cell for cell in new)  # both units, July to December
    cases_cells = traced["{{ 立案 }}"]["来源"]
    assert "T01_城关镇2020年12月党建工作统计月报表.xlsx!月报表!D35（城关镇2020-12=13）" in cases_cells  # the 纪检立案 row
    assert "2019-" in traced["{{ 立案.同比 }}"]["来源"]  # a change traces both halves
    sheet = openpyxl.load_workbook(reports["2020"].workbook)["全县指标"]
    rows = {sheet.cell(r, 2).value: r for r in range(4, sheet.max_row + 1)}
    new = rows["主题教育专题会议"]
    assert sheet.cell(new, 7).value is None and sheet.cell(new, 7).comment.text == "不作同比：2019年无此指标"
    assert sheet.cell(rows["立案"], 7).value is not None
