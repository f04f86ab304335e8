"""The catalog changes over time: an indicator added from 2020-01, one retired after 2019-12 and one renamed
then; the template, the reader, the rules, the warehouse, backfill and the half-year draft each use the
catalog in effect for the month (pipeline-level, no Prefect)."""
from __future__ import annotations

import csv
import hashlib
import io
from datetime import date
from pathlib import Path

import duckdb
import pytest

from countystat.reports.comparable import gap
from countystat.reports.data import read_period
from countystat.reports.halves import parse_half
from countystat.reports.plan import Plan
from countystat.reports.seed_template import packaged_template
from countystat.reports.word_draft import word_draft
from countystat.reports.workbook import build_workbook
from countystat.sources.catalog import CatalogError, builtin_catalog_path, not_in_effect_text, parse_catalog
from countystat.sources.form_layout import FORM_SHEET
from countystat.sources.form_template import build_form, indicator_rows
from countystat.sources.home import Home
from countystat.sources.intake import catalog_rules, read_submissions
from countystat.sources.months import month_range as months_between, parse_month
from countystat.sources.submission import ACCEPTED, REJECTED
from tests.forms import fill_form
from tests.pipelines import backfill, collect

DEC, JAN = date(2019, 12, 1), date(2020, 1, 1)
NEW, RETIRED, OLD, RENAMED = "cadres_post90", "gang_cases", "party_members_mobilized", "party_members_engaged"
RENAMED_ROW = f"{RENAMED},动员党员参与基层治理,名,max,int,both,二、政治建设,动员党员XX名,,2020-01,,{OLD}"
REPORTED = {"cases_filed": 4, "clues_disposed": 5}  # figures every unit reports, each month


def changed_catalog_text() -> str:
    """The shipped catalog with cadres_post90 from 2020-01, gang_cases until 2019-12 and
    party_members_mobilized renamed party_members_engaged from 2020-01."""
    rows = list(csv.reader(io.StringIO(builtin_catalog_path().read_text("utf-8"))))
    header = rows[0]
    for row in rows[1:]:
        cells = dict(zip(header, row))
        if cells["code"] == NEW:
            row[header.index("valid_from")] = "2020-01"
        if cells["code"] in (RETIRED, OLD):
            row[header.index("valid_to")] = "2019-12"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue() + RENAMED_ROW + "\n"


@pytest.fixture(scope="module")
def changed():
    return parse_catalog(changed_catalog_text())


@pytest.fixture(scope="module")
def shipped(catalog):
    return catalog


# --- the catalog file -----------------------------------------------------------------------

def test_every_shipped_indicator_is_open_so_each_month_reads_the_whole_catalog(catalog):
    assert all(i.valid_from is None and i.valid_to is None and not i.replaces for i in catalog.indicators)
    assert catalog.in_effect(DEC) is catalog and catalog.in_effect(None) is catalog


def test_in_effect_gives_each_month_its_indicators_cached(changed):
    december, january = changed.in_effect(DEC), changed.in_effect(date(2020, 1, 17))
    codes = {i.code for i in december.indicators}, {i.code for i in january.indicators}
    assert RETIRED in codes[0] and OLD in codes[0] and NEW not in codes[0] and RENAMED not in codes[0]
    assert NEW in codes[1] and RENAMED in codes[1] and RETIRED not in codes[1] and OLD not in codes[1]
    assert changed.in_effect(JAN) is january and january.in_effect(DEC) is december
    assert january.whole is changed and january.get(RETIRED).code == RETIRED  # codes never repeat
    assert january.by_label("动员党员参与疫情防控") is None and december.by_label("动员党员参与疫情防控").code == OLD


@pytest.mark.parametrize("edit, words", [
    (("valid_from", "2020/13"), ["第", "行", "valid_from「2020/13」不是月份", "2020-01"]),
    (("valid_to", "明年"), ["valid_to「明年」不是月份"]),
    (("valid_from", "2021-01", "valid_to", "2020-12"), ["valid_from 2021-01 晚于 valid_to 2020-12"]),
])
def test_a_bad_month_or_period_is_one_chinese_line_with_file_and_line(edit, words):
    text = changed_catalog_text()
    row = next(line for line in text.splitlines() if line.startswith("infections,"))
    cells = row.split(",")
    header = text.splitlines()[0].split(",")
    for column, value in zip(edit[::2], edit[1::2]):
        cells[header.index(column)] = value
    line = text.splitlines().index(row) + 1
    with pytest.raises(CatalogError) as caught:
        parse_catalog(text.replace(row, ",".join(cells)))
    assert str(caught.value).startswith(f"indicators.csv 第{line}行：") and "\n" not in str(caught.value)
    for word in words:
        assert word in str(caught.value)


def test_a_predecessor_must_exist_and_end_before_its_successor_begins():
    with pytest.raises(CatalogError, match=r"第50行：replaces 写的指标代码「nobody」不在目录中"):
        parse_catalog(changed_catalog_text().replace(f",2020-01,,{OLD}", ",2020-01,,nobody"))
    with pytest.raises(CatalogError, match=rf"第50行：{RENAMED} 取代 {OLD}，须 {OLD} 的 valid_to 早于"):
        parse_catalog(changed_catalog_text().replace(f",2020-01,,{OLD}", f",2019-12,,{OLD}"))


def test_a_label_repeats_only_across_periods_that_do_not_overlap():
    same_name = changed_catalog_text().replace("动员党员参与基层治理", "动员党员参与疫情防控")
    assert parse_catalog(same_name).in_effect(JAN).by_label("动员党员参与疫情防控").code == RENAMED
    overlapping = same_name.replace(f",2020-01,,{OLD}", f",2019-12,,")
    with pytest.raises(CatalogError, match=rf"第50行：{RENAMED} 的名称「动员党员参与疫情防控」已被 {OLD} 在2019-12使用"):
        parse_catalog(overlapping)
    cores = changed_catalog_text().replace("动员党员参与基层治理", "立案（件）")  # 立案 in effect beside it
    with pytest.raises(CatalogError, match=r"去掉前后缀后都是「立案」.*（2020-01起同时有效）"):
        parse_catalog(cores)


# --- the template and the reader -----------------------------------------------------------------

def form_labels(catalog, unit, month) -> list[str]:
    sheet = build_form(unit, month, catalog)[FORM_SHEET]
    return [row[1] for row in sheet.iter_rows(min_row=4, values_only=True) if isinstance(row[0], int)]


def test_the_template_of_a_month_asks_for_the_indicators_in_effect_then(changed, registry):
    unit = registry.get("D04")
    december, january = form_labels(changed, unit, DEC), form_labels(changed, unit, JAN)
    assert "动员党员参与疫情防控" in december and "扫黑除恶惩腐打伞立案" in december and "90后干部" not in december
    assert "动员党员参与基层治理" in january and "90后干部" in january
    assert "扫黑除恶惩腐打伞立案" not in january and "动员党员参与疫情防控" not in january
    assert len(january) == len(december)  # one in, one out, one renamed


def read(path: Path, catalog, registry) -> list:
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    return read_submissions(path, path.name, sha, catalog, registry, date(2020, 7, 1))


def test_a_form_carrying_an_indicator_not_yet_in_effect_is_rejected_naming_the_cell(
        tmp_path, changed, shipped, registry):
    unit = registry.get("D04")  # a template of every indicator, filled for December 2019
    path = fill_form(tmp_path, unit, DEC, shipped, {**REPORTED, NEW: 3})
    row = indicator_rows(shipped, "department")[NEW]
    [submission] = read(path, changed, registry)
    assert submission.status == REJECTED
    [problem] = [p for p in submission.problems if p.cell == f"D{row}"]
    assert problem.text == "「90后干部」自2020年1月起才列入报表，2019年12月的报表不应填写，请删除该数字"
    assert NEW not in {v.indicator_code for v in submission.values}


def test_a_form_carrying_a_retired_indicator_is_rejected_and_a_blank_one_is_not(tmp_path, changed, shipped, registry):
    unit = registry.get("T01")
    rows = indicator_rows(shipped, "township")
    [filled] = read(fill_form(tmp_path / "a", unit, JAN, shipped, {**REPORTED, RETIRED: 2}), changed, registry)
    assert [(p.cell, p.text) for p in filled.problems if p.blocking] == [
        (f"D{rows[RETIRED]}", "「扫黑除恶惩腐打伞立案」2019年12月后已不再列入报表，2020年1月的报表不应填写，请删除该数字")]
    [blank] = read(fill_form(tmp_path / "b", unit, JAN, shipped, REPORTED), changed, registry)
    assert blank.status == ACCEPTED  # an old template's row left empty carries nothing


def test_each_month_reads_a_renamed_label_as_the_indicator_of_that_month(tmp_path, changed, registry):
    unit = registry.get("T01")
    for month, code in ((DEC, OLD), (JAN, RENAMED)):
        path = fill_form(tmp_path / f"{month:%m}", unit, month, changed.in_effect(month), {**REPORTED, code: 7})
        [submission] = read(path, changed, registry)
        assert submission.status == ACCEPTED
        assert {v.indicator_code: v.value for v in submission.values}[code] == 7


@pytest.mark.parametrize("code, month, text", [
    (NEW, DEC, "「90后干部」自2020年1月起才列入报表，2019年12月的报表不应填写，请删除该数字"),
    (NEW, date(2018, 3, 1), "「90后干部」自2020年1月起才列入报表，2018年3月的报表不应填写，请删除该数字"),
    (RETIRED, JAN, "「扫黑除恶惩腐打伞立案」2019年12月后已不再列入报表，2020年1月的报表不应填写，请删除该数字"),
    (OLD, date(2020, 6, 1),
     "「动员党员参与疫情防控」2019年12月后已改为「动员党员参与基层治理」，2020年6月的数请填在「动员党员参与基层治理」一行"),
])
def test_the_rejection_says_when_the_indicator_is_asked_for(changed, code, month, text):
    assert not_in_effect_text(changed.get(code), month, changed.in_effect(month)) == text


def test_rules_naming_an_indicator_not_in_effect_do_not_apply_that_month(changed):
    december, january = catalog_rules(changed.in_effect(DEC)), catalog_rules(changed.in_effect(JAN))
    assert "gang_cases_within_cases" in {r.code for r in december}
    assert "gang_cases_within_cases" not in {r.code for r in january}  # gang_cases is no longer asked
    spike = {r.code: r for r in january}["spike"]
    assert RETIRED not in spike.left and NEW in spike.left and len(spike.left) == len(changed.in_effect(JAN).indicators)
    assert NEW not in {r.code: r for r in december}["spike"].left


# --- the warehouse, backfill and the half-year draft ---------------------------------------------

def with_changed_catalog(home: Home) -> None:
    """The home's own indicators.csv is the changed catalog: collect, backfill and report read it from there."""
    home.root.mkdir(parents=True, exist_ok=True)
    home.indicators_csv.write_text(changed_catalog_text(), "utf-8")


@pytest.fixture(scope="module")
def changed_home(tmp_path_factory, shipped, registry):
    """A home whose catalog changed in 2020, with forms of January 2019, December 2019, January and June 2020
    from 城关镇 and a department, each filled in the template of its own month, and 2020-01 of 东关镇 filled
    in last year's template with the retired indicator; collected."""
    folder = tmp_path_factory.mktemp("over-time")
    home = Home(folder / "home")
    changed = parse_catalog(changed_catalog_text())
    for month in (date(2019, 1, 1), DEC, JAN, date(2020, 6, 1)):
        this = changed.in_effect(month)
        for code in ("T01", "D04"):
            unit = registry.get(code)
            values = {c: 2 for c in (NEW, RETIRED, OLD, RENAMED, "cases_filed", "clues_disposed")
                      if c in {i.code for i in this.for_kind(unit.kind)}}
            fill_form(home.inbox / f"{month:%Y%m}", unit, month, this, values)
    fill_form(home.inbox / "old-template", registry.get("T02"), JAN, shipped, {**REPORTED, RETIRED: 1})
    with_changed_catalog(home)
    collect(str(home.root), "2020-06")
    return home, changed


def test_the_indicators_table_keeps_every_version_with_its_months(changed_home):
    home, _ = changed_home
    con = duckdb.connect(str(home.warehouse), read_only=True)
    try:
        rows = {code: rest for code, *rest in con.execute(
            "SELECT indicator_code, valid_from, valid_to, replaces FROM indicators").fetchall()}
        accepted = con.execute("SELECT count(*) FROM submissions WHERE status = 'accepted'").fetchone()[0]
    finally:
        con.close()
    assert len(rows) == 49 and accepted == 8
    assert rows[NEW] == [JAN, None, None] and rows[RETIRED] == [None, DEC, None]
    assert rows[RENAMED] == [JAN, None, OLD] and rows["cases_filed"] == [None, None, None]


def test_backfill_reads_each_month_with_its_catalog(changed_home):
    home, _ = changed_home
    summary = backfill(str(home.root), "2019-12", "2020-01")
    con = duckdb.connect(str(home.warehouse), read_only=True)
    try:
        values = con.execute("SELECT period, indicator_code, value FROM monthly_values WHERE indicator_code IN "
                             f"('{NEW}', '{RETIRED}', '{OLD}', '{RENAMED}') AND period IN (?, ?)", [DEC, JAN]).fetchall()
        statuses = con.execute("SELECT unit_code, period, status, messages FROM submissions").fetchall()
    finally:
        con.close()
    assert summary.files == 5  # both months' forms re-read from the archive
    [(_, _, status, messages)] = [row for row in statuses if row[0] == "T02"]
    assert status == REJECTED and any("「扫黑除恶惩腐打伞立案」2019年12月后已不再列入报表" in m for m in messages)
    assert {row[2] for row in statuses if row[0] != "T02"} == {ACCEPTED}
    assert sorted(values) == sorted([(DEC, RETIRED, 2.0), (DEC, OLD, 2.0), (DEC, RETIRED, 2.0), (DEC, OLD, 2.0),
                                     (JAN, NEW, 2.0), (JAN, RENAMED, 2.0), (JAN, RENAMED, 2.0)])


def test_the_half_compares_only_where_both_years_asked_for_the_indicator(changed_home):
    home, changed = changed_home
    con = duckdb.connect(str(home.warehouse), read_only=True)
    try:
        data = read_period(con, parse_half("2020H1"), changed)
    finally:
        con.close()
    assert data.county[NEW].value == 2 and data.county[NEW].prev_value is None  # last of D04's January and June
    assert (data.county["cases_filed"].value, data.county["cases_filed"].prev_value) == (8, 4)  # asked for in both
    assert data.county[RETIRED].value is None and data.county[RETIRED].prev_value is None  # 2019H1 had 4
    draft = word_draft(packaged_template(), data, Plan())
    assert "【缺数：90后干部 2019H1（2019年无此指标）】" in draft.markdown()  # the seed's 90后干部人数同比增长
    assert "【缺数：90后干部 2019H1（2019年无此指标）】" in draft.missing
    sheet = build_workbook(data)["全县指标"]
    notes = {sheet.cell(r, 2).value: sheet.cell(r, 7) for r in range(4, sheet.max_row + 1)}
    assert notes["90后干部"].value is None and notes["90后干部"].comment.text == "不作同比：2019年无此指标"
    assert notes["扫黑除恶惩腐打伞立案"].comment.text == "不作同比：2020年无此指标"
    assert notes["立案"].value is not None and notes["立案"].comment is None


@pytest.mark.parametrize("month_range, code, reason", [
    (("2019-01", "2019-06"), NEW, "2019年无此指标"),
    (("2020-01", "2020-06"), NEW, ""),
    (("2019-07", "2020-06"), NEW, "2020年1月起才有此指标"),
    (("2019-07", "2019-12"), RETIRED, ""),
    (("2019-07", "2020-06"), RETIRED, "2019年12月后无此指标"),
    (("2020-01", "2020-12"), RETIRED, "2020年无此指标"),
    (("2019-01", "2019-12"), RENAMED, "2019年此指标为「动员党员参与疫情防控」"),
    (("2020-01", "2020-12"), "cases_filed", ""),
])
def test_a_period_says_why_an_indicator_is_not_whole_there(changed, month_range, code, reason):
    months = month_range_of(*month_range)
    assert gap(changed.get(code), months, changed) == reason


def month_range_of(first: str, last: str) -> list[date]:
    return months_between(parse_month(first), parse_month(last))
