"""`countystat labels`: the labels that got forms rejected, approved once, read from then on."""
from __future__ import annotations

import csv
from datetime import date, datetime

import duckdb
import pytest
from click.testing import CliRunner

from countystat.flows.cli import main
from countystat.sources.catalog import CatalogError
from countystat.sources.label_mappings import append_mapping, approved_row, parse_mappings, with_mappings
from countystat.sources.labels import label_index, unresolved_text
from countystat.sources.problems import error
from countystat.warehouse.collect_pipeline import ApprovedReread
from countystat.warehouse.load import load_read_files
from countystat.warehouse.store import open_warehouse
from countystat.warehouse.unresolved_labels import label_in_message, months_now_resolved, unresolved_labels
from tests.forms import fill_form, row_of
from tests.loads import read_file

JUNE = date(2020, 6, 1)


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _rejected(catalog, name: str, sha: str, unit: str, label: str, period: date = JUNE):
    problem = error(unresolved_text(label, label_index(catalog).match(label)), name, "月报表", "B9")
    return read_file(name, sha, unit, period, {}, problems=[problem])


@pytest.fixture
def rejected_home(home, catalog):
    """A home whose warehouse holds three rejected forms: 纪检立案 twice (T01, T02), 立案及处分人数 once."""
    home.root.mkdir(parents=True)
    with open_warehouse(home.warehouse) as con:
        load_read_files(con, [
            _rejected(catalog, "城关镇6月.xlsx", "a1", "T01", "纪检立案"),
            _rejected(catalog, "青石镇6月.xlsx", "b2", "T02", "纪检立案"),
            _rejected(catalog, "青石镇5月.xlsx", "c3", "T02", "立案及处分人数", date(2020, 5, 1)),
        ], datetime(2020, 7, 3))
    return home


def test_the_clerks_message_names_the_label_the_listing_reads_back(catalog):
    for label in ("纪检立案", "立案及处分人数", "第一种形态"):
        text = error(unresolved_text(label, label_index(catalog).match(label)), "f.xlsx", "月报表", "B9").message()
        assert label_in_message(text) == label
    assert label_in_message("文件「f.xlsx」工作表「月报表」D9：「约30」是估计数，请填写确切数字") is None


def test_labels_lists_unresolved_labels_with_counts_units_files_and_the_nearest_indicator(rejected_home):
    result = invoke("labels", "--home", str(rejected_home.root))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "纪检立案" in out and "T01、T02" in out and "城关镇6月.xlsx" in out and "2020-06" in out
    assert "立案及处分人数" in out and "同时包含" in out
    with duckdb.connect(str(rejected_home.warehouse), read_only=True) as con:
        found = {u.label: u for u in unresolved_labels(con)}
    assert found["纪检立案"].times == 2 and found["纪检立案"].units == ["T01", "T02"]
    assert found["立案及处分人数"].months == [date(2020, 5, 1)]


def test_approve_records_who_and_when_and_says_which_months_collect_rereads(rejected_home, catalog):
    result = invoke("labels", "approve", "纪检立案", "cases_filed", "--by", "张三", "--home", str(rejected_home.root))
    assert result.exit_code == 0, result.output
    assert "cases_filed" in result.output and "2020-06" in result.output and "2020-05" not in result.output
    rows = list(csv.DictReader(rejected_home.label_mappings.read_text(encoding="utf-8-sig").splitlines()))
    assert [(r["label"], r["indicator_code"], r["approved_by"]) for r in rows] == [("纪检立案", "cases_filed", "张三")]
    assert datetime.fromisoformat(rows[0]["approved_at"]).date() == date.today()
    listed = invoke("labels", "--home", str(rejected_home.root)).output
    assert "已认可为 cases_filed" in listed
    again = invoke("labels", "--home", str(rejected_home.root), "approve", "纪检立案", "cases_filed")
    assert again.exit_code == 0 and "nothing to record" in again.output
    assert len(rejected_home.label_mappings.read_text(encoding="utf-8-sig").splitlines()) == 2


@pytest.mark.parametrize("label, code, words", [
    ("纪检立案", "no_such_code", "指标代码「no_such_code」不在统计指标目录中"),
    ("立案数", "punished_total", "「立案数」已经读作 cases_filed"),
    ("党政纪处分", "cases_filed", "已经读作 punished_total"),
    ("立案及处分人数", "cases_filed", "同时说了两个指标（cases_filed 和 punished_total）"),
])
def test_approve_refuses_in_one_line(rejected_home, label, code, words):
    result = CliRunner().invoke(main, ["labels", "approve", label, code, "--home", str(rejected_home.root)])
    assert result.exit_code == 1 and words in result.output, result.output
    assert "Traceback" not in result.output and not rejected_home.label_mappings.exists()


def test_a_label_approved_for_one_indicator_cannot_be_approved_for_another(rejected_home):
    assert invoke("labels", "approve", "纪检立案", "cases_filed", "--home", str(rejected_home.root)).exit_code == 0
    result = CliRunner().invoke(main, ["labels", "approve", "纪检立案数", "poverty_cases",
                                       "--home", str(rejected_home.root)])
    assert result.exit_code == 1 and "已经读作 cases_filed" in result.output


def test_a_hand_edited_mappings_file_is_checked_like_the_catalog(home):
    home.root.mkdir(parents=True)
    home.label_mappings.write_text("label,indicator_code,approved_by,approved_at\n纪检立案,cases_filed,张三,\n"
                                   "问责人数,no_such,李四,\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["template", "--month", "2020-06", "--unit", "T01", "--home", str(home.root)])
    assert result.exit_code == 1
    assert "label_mappings.csv 第3行：指标代码「no_such」不在统计指标目录中" in result.output


def test_approved_labels_become_aliases_and_resolve_their_variants(catalog):
    mappings = parse_mappings("label,indicator_code\n纪检立案,cases_filed\n")
    approved = with_mappings(catalog, mappings)
    index = label_index(approved)
    assert index.match("纪检立案").indicator.code == "cases_filed"
    assert index.match("1.纪检立案数（件）").indicator.code == "cases_filed"
    assert label_index(catalog).match("纪检立案").indicator is None  # the built-in catalog is untouched
    assert months_now_resolved([], approved) == []


def test_two_approved_labels_with_one_core_for_two_indicators_are_refused(catalog):
    mappings = parse_mappings("label,indicator_code\n纪检立案,cases_filed\n纪检立案（件）,poverty_cases\n")
    with pytest.raises(CatalogError, match="去掉前后缀后都是「纪检立案」"):
        with_mappings(catalog, mappings)


def test_appending_keeps_the_office_edits(home):
    home.root.mkdir(parents=True)
    home.label_mappings.write_text("label,indicator_code,approved_by,approved_at\r\n纪检立案,cases_filed,张三,", "utf-8")
    append_mapping(home.label_mappings, approved_row(" 问责人数 ", "punished_total", "李四", datetime(2026, 11, 30, 9)))
    rows = list(csv.reader(home.label_mappings.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[1:] == [["纪检立案", "cases_filed", "张三", ""], ["问责人数", "punished_total", "李四", "2026-11-30T09:00:00"]]


def test_collect_leaves_a_locked_month_alone_and_says_so(rejected_home, catalog):
    from countystat.sources.home import reference
    from countystat.warehouse.collect_pipeline import reread_approved
    from countystat.warehouse.locks import lock_periods

    with open_warehouse(rejected_home.warehouse) as con:
        lock_periods(con, [JUNE], "张三", "半年报已报出")
    assert reread_approved(rejected_home, catalog).locked == ()  # nothing approved: nothing to re-read
    invoke("labels", "approve", "纪检立案", "cases_filed", "--home", str(rejected_home.root))
    approved, _ = reference(rejected_home)
    assert reread_approved(rejected_home, approved) == ApprovedReread((), (), (JUNE,))


@pytest.mark.usefixtures("prefect_server")
def test_a_rejected_form_is_read_again_by_the_next_collect_once_its_label_is_approved(home, catalog, registry):
    unit = registry.get("T05")
    row = row_of(catalog, unit, "cases_filed")
    fill_form(home.inbox, unit, JUNE, catalog, {"cases_filed": 3, "epidemic_teams": 2}, cells={f"B{row}": "纪检立案"})
    first = invoke("collect", "--month", "2020-06", "--home", str(home.root))
    assert first.exit_code == 0 and "rejected 1" in first.output and "纪检立案" in first.output, first.output
    assert invoke("labels", "approve", "纪检立案", "cases_filed", "--home", str(home.root)).exit_code == 0
    second = invoke("collect", "--month", "2020-06", "--home", str(home.root))
    assert second.exit_code == 0, second.output
    assert "re-read for approved labels: 2020-06" in second.output and "T05" in second.output
    with duckdb.connect(str(home.warehouse), read_only=True) as con:
        values = dict(con.execute("SELECT indicator_code, value FROM monthly_values WHERE unit_code = 'T05' "
                                  "AND value IS NOT NULL").fetchall())
        assert unresolved_labels(con) == []
    assert values == {"cases_filed": 3, "epidemic_teams": 2}
    third = invoke("collect", "--month", "2020-06", "--home", str(home.root))
    assert "re-read" not in third.output  # nothing left to re-read: the next run does not backfill again
