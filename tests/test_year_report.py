"""Any period: the year's report (twelve months by each indicator's rule, beside the year before) and a
half-year of a later year, through the report pipeline without Prefect; the CLI refuses a period to come,
one without data, and --half with --year, in one line."""
from __future__ import annotations

from datetime import date, datetime

import duckdb
import openpyxl
import pytest
from click.testing import CliRunner

from countystat.flows.cli import main
from countystat.reports.data import read_period, require_data
from countystat.reports.halves import parse_half, parse_period, parse_year, whole_year
from countystat.reports.plan import load_plan
from countystat.reports.report_pipeline import report
from countystat.reports.seed_template import packaged_template
from countystat.reports.word_draft import word_draft
from countystat.reports.workbook import write_workbook
from countystat.sources.home import Home
from countystat.sources.preflight import PreflightError
from countystat.warehouse.load import load_read_files
from countystat.warehouse.store import open_warehouse, refresh_reference
from tests.golden import assert_golden
from tests.loads import read_file

# Each unit's value for the year by the indicator's rule, written apart from the views: every month for
# sum, the value of the latest month reported for last, the largest for max; then the county's sum.
PER_RULE = """
WITH reported AS (
    SELECT m.unit_code, m.indicator_code, m.period, m.value, i.aggregation
    FROM monthly_values AS m JOIN indicators AS i USING (indicator_code)
    WHERE m.value IS NOT NULL AND year(m.period) = $year
),
latest AS (
    SELECT unit_code, indicator_code, max(period) AS period FROM reported GROUP BY ALL
),
per_unit AS (
    SELECT unit_code, indicator_code, sum(value) AS value FROM reported WHERE aggregation = 'sum' GROUP BY ALL
    UNION ALL
    SELECT r.unit_code, r.indicator_code, r.value FROM reported AS r JOIN latest USING (unit_code, indicator_code, period)
    WHERE r.aggregation = 'last'
    UNION ALL
    SELECT unit_code, indicator_code, max(value) FROM reported WHERE aggregation = 'max' GROUP BY ALL
)
SELECT indicator_code, sum(value) FROM per_unit GROUP BY indicator_code
"""


@pytest.fixture(scope="module")
def years(demo_home, catalog):
    """The demo's years: 2019 whole, 2020 January to June."""
    con = duckdb.connect(str(demo_home.warehouse), read_only=True)
    yield {year: read_period(con, whole_year(year), catalog) for year in (2019, 2020)}
    con.close()


def per_rule(demo_home, year: int) -> dict[str, float]:
    con = duckdb.connect(str(demo_home.warehouse), read_only=True)
    try:
        return dict(con.execute(PER_RULE, {"year": year}).fetchall())
    finally:
        con.close()


def test_a_year_is_parsed_as_people_type_it():
    for typed in ("2020", "2020年", "2020年度", "２０２０", " 2020全年 "):
        assert parse_year(typed) == parse_period(typed) == whole_year(2020)
    year = whole_year(2020)
    assert (year.label, year.name_zh, year.span_zh, year.kind) == ("2020", "2020年", "全年", "year")
    assert len(year.months) == 12 and year.previous_year == whole_year(2019) and year.following == whole_year(2021)
    assert parse_period("2020H1") == parse_half("2020H1") and parse_half("2020H2").following == parse_half("2021H1")


@pytest.mark.parametrize("year", [2019, 2020])
def test_the_years_county_figures_are_the_months_by_each_rule(years, demo_home, year):
    expected = per_rule(demo_home, year)
    county = years[year].county
    assert set(expected) and set(expected) <= set(county)
    for code, figure in county.items():
        assert figure.value == pytest.approx(expected.get(code)), code
    assert years[year].period.months == [date(year, m, 1) for m in range(1, 13)]


def test_a_year_is_compared_with_the_year_before(years):
    this, before = years[2020].county, years[2019].county
    for code, figure in this.items():
        assert figure.prev_value == pytest.approx(before[code].value), code
        if figure.value is not None and figure.prev_value:
            assert figure.change_pct == pytest.approx((figure.value - figure.prev_value) / figure.prev_value * 100)
    assert all(figure.prev_value is None for figure in before.values())  # the demo has no 2018
    cells = years[2020].sources
    assert cells[("2019", "cases_filed")] and all(c.period.year == 2019 for c in cells[("2019", "cases_filed")])


def test_the_years_draft_speaks_of_the_year(years, demo_home):
    draft = word_draft(packaged_template(), years[2020], load_plan(demo_home.plan_toml))  # the seed template
    assert draft.title == "2020年党的建设工作总结暨2021年工作谋划"
    text = draft.markdown()
    assert "上半年" not in text and "全年共交流副科级干部" in text and "2021年，县委将继续" in text
    assert_golden("2020_summary.md", text)


@pytest.fixture(scope="module")
def home_2021(tmp_path_factory, catalog, registry) -> Home:
    """城关镇's forms for every month of 2020 and January to June 2021 (立案 the month's number, plus one in 2021)."""
    home = Home(tmp_path_factory.mktemp("later") / "home")
    home.root.mkdir()
    with open_warehouse(home.warehouse) as con:
        refresh_reference(con, catalog, registry)
        for year in (2020, 2021):
            for month in range(1, 13 if year == 2020 else 7):
                values = {"cases_filed": month + year - 2020, "lecture_groups": 10 * month, "inspection_round": month % 4}
                load_read_files(con, [read_file(f"{year}{month:02}.xlsx", f"{year}{month:02}".ljust(64, "a"), "T01",
                                                date(year, month, 1), values)], datetime(year, month, 28))
    return home


def test_the_years_workbook_has_twelve_months(home_2021, catalog, tmp_path):
    con = duckdb.connect(str(home_2021.warehouse), read_only=True)
    data = read_period(con, whole_year(2020), catalog)
    con.close()
    book = write_workbook(data, tmp_path)
    assert book.name == "2020年党建工作指标表.xlsx"
    wb = openpyxl.load_workbook(book)
    assert wb["全县指标"]["A1"].value == "2020年党建工作主要指标（全县）"
    assert wb["全县指标"]["A2"].value.startswith("统计期间：2020年1月至12月；去年同期：2019年")
    months = wb["逐月"]
    assert [c.value for c in months[2]][4:] == [f"{m}月" for m in range(1, 13)] + ["合计/期末"]
    rows = {row[1].value: [c.value for c in row[4:]] for row in months.iter_rows(min_row=3)}
    assert rows["立案"] == [*range(1, 13), sum(range(1, 13))]
    assert rows["理论宣讲组"] == [*range(10, 130, 10), 120]  # last: December's
    assert rows["巡察轮次"] == [m % 4 for m in range(1, 13)] + [3]  # max
    assert "全年值" in " ".join(str(c.value) for c in wb["全县指标"]["A"] if c.value)
    assert wb["报送情况"].max_column >= 12 + 2


def test_the_year_report_writes_its_files_under_its_label(home_2021):
    files = report(home_2021, whole_year(2020), load_plan(home_2021.plan_toml))
    assert files.period == "2020" and files.workbook.parent == home_2021.reports / "2020"
    assert files.markdown.name == "2020年党的建设工作总结（草稿）.md" and files.docx.exists()
    assert "Σ单位 sum(cases_filed, 2020)" in files.trace.read_text("utf-8")


def test_a_half_of_a_later_year_reports(home_2021, catalog):
    require_data(home_2021.warehouse, parse_half("2021H1"), date(2021, 7, 10))
    files = report(home_2021, parse_half("2021H1"), load_plan(home_2021.plan_toml))
    assert files.workbook == home_2021.reports / "2021H1" / "2021年上半年党建工作指标表.xlsx"
    assert files.markdown.read_text("utf-8").startswith("# 2021年上半年党的建设工作总结暨下半年工作谋划")
    con = duckdb.connect(str(home_2021.warehouse), read_only=True)
    data = read_period(con, parse_half("2021H1"), catalog)
    con.close()
    cases, lectures, rounds = (data.county[c] for c in ("cases_filed", "lecture_groups", "inspection_round"))
    assert (cases.value, cases.prev_value) == (sum(range(2, 8)), sum(range(1, 7)))
    assert (lectures.value, lectures.prev_value, rounds.value) == (60, 60, 3)


@pytest.mark.parametrize("period, today, words", [
    ("2031", date(2026, 1, 1), "2031年 还没有到"),
    ("2015", date(2026, 1, 1), "2015年在"),
    ("2019H2", date(2026, 1, 1), "有数据的半年：2020H1、2020H2、2021H1"),
    ("2019", date(2026, 1, 1), "有数据的年份：2020、2021"),
])
def test_a_period_to_come_or_without_data_is_refused_in_one_line(home_2021, period, today, words):
    with pytest.raises(PreflightError) as refused:
        require_data(home_2021.warehouse, parse_period(period), today)
    assert words in str(refused.value) and "\n" not in str(refused.value)


@pytest.mark.parametrize("args, code, words", [
    (["report", "--year", "2031"], 1, "2031年 还没有到"),
    (["report", "--year", "2015年"], 1, "有数据的年份：2020、2021"),
    (["report", "--half", "2020H1", "--year", "2020"], 2, "请给出 --half（如 2020H1）或 --year（如 2020）中的一个"),
    (["report"], 2, "请给出 --half（如 2020H1）或 --year（如 2020）中的一个"),
    (["fields", "--year", "20200"], 2, "不是一个年份"),
])
def test_the_cli_refuses_a_period_in_one_line(home_2021, args, code, words):
    result = CliRunner().invoke(main, [*args, "--home", str(home_2021.root)])
    assert result.exit_code == code, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and words in lines[0], result.output
    assert not any((home_2021.reports / label).exists() for label in ("2031", "2015", "2020H1"))


def test_fields_lists_a_years_placeholders(home_2021):
    result = CliRunner().invoke(main, ["fields", "--year", "2021", "--home", str(home_2021.root)])
    assert result.exit_code == 0, result.output
    assert "2021年可用的占位符" in result.output and "{{ 立案 }}" in result.output
