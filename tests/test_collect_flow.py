"""Collect: archive, read, load, Parquet, completeness; the first test on a real Prefect flow run, the
others on the pipeline the flow runs (tests/pipelines.py), without Prefect."""
from __future__ import annotations

import shutil
from datetime import date

import duckdb
import pytest

from countystat.flows.collect import collect as collect_flow
from countystat.sources.inbox import file_sha256
from countystat.warehouse.parquet_export import partition_path
from tests.forms import fill_form, row_of
from tests.pipelines import collect

JUNE = date(2020, 6, 1)
TABLES = ("units", "indicators", "received_files", "submissions", "submission_values", "monthly_values")


def snapshot(home) -> dict[str, list[tuple]]:
    """Every table and view of the warehouse, sorted, for comparing whole contents."""
    con = duckdb.connect(str(home.warehouse), read_only=True)
    try:
        return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}
    finally:
        con.close()


@pytest.fixture
def june_inbox(home, catalog, registry):
    """Three clean June forms in odd subfolders and names, and one file that is no spreadsheet."""
    fill_form(home.inbox / "邮件附件" / "6月", registry.get("T01"), JUNE, catalog,
              {"epidemic_teams": 3, "funds_recovered": 1.25}, name="城关镇6月.xlsx")
    fill_form(home.inbox, registry.get("T02"), JUNE, catalog, {"epidemic_teams": 0}, delete_meta=True,
              name="青石镇报表(1).xlsx")
    fill_form(home.inbox / "部门", registry.get("D04"), JUNE, catalog, {"cases_filed": 6})
    (home.inbox / "扫描件.pdf").write_bytes(b"%PDF-1.4 not a form")
    return home


@pytest.mark.usefixtures("prefect_server")
def test_collect_loads_accepted_forms_and_reports_the_month(june_inbox, registry):
    home = june_inbox
    summary = collect_flow(home=str(home.root), month="2020-06")
    assert (summary.new_files, summary.load.accepted, summary.load.rejected) == (4, 3, 1)
    assert summary.load.touched_periods == (JUNE,)
    statuses = {s.unit_code: s.status for s in summary.statuses}
    assert statuses["T01"] == statuses["T02"] == statuses["D04"] == "accepted"
    assert list(statuses.values()).count("missing") == len(registry.units) - 3
    [(name, reasons)] = summary.rejected_files
    assert name == "扫描件.pdf" and "不是Excel表格" in reasons[0]

    con = duckdb.connect(str(home.warehouse), read_only=True)
    values = dict(con.execute(
        "SELECT unit_code || ':' || indicator_code, value FROM monthly_values WHERE value IS NOT NULL").fetchall())
    con.close()
    assert values == {"T01:epidemic_teams": 3, "T01:funds_recovered": 1.25, "T02:epidemic_teams": 0,
                      "D04:cases_filed": 6}
    assert partition_path(home.parquet, JUNE).exists()
    for path in home.inbox.rglob("*.*"):
        archived = list(home.archive.rglob(file_sha256(path) + "*"))
        assert len(archived) == 1 and archived[0].read_bytes() == path.read_bytes()


def test_collecting_twice_or_a_renamed_copy_changes_nothing(june_inbox):
    home = june_inbox
    collect(home=str(home.root), month="2020-06")
    first = snapshot(home)
    parquet_mtime = partition_path(home.parquet, JUNE).stat().st_mtime_ns
    second = collect(home=str(home.root), month="2020-06")
    assert second.new_files == 0
    assert snapshot(home) == first
    shutil.copy(home.inbox / "青石镇报表(1).xlsx", home.inbox / "青石镇6月报表-再次发送.xlsx")
    third = collect(home=str(home.root), month="2020-06")
    assert third.new_files == 0 and third.files_in_inbox == 5
    assert snapshot(home) == first
    assert partition_path(home.parquet, JUNE).stat().st_mtime_ns == parquet_mtime


def test_a_bad_file_later_neither_stops_the_run_nor_loses_stored_values(june_inbox, catalog, registry):
    home = june_inbox
    collect(home=str(home.root), month="2020-06")
    before = snapshot(home)["monthly_values"]
    fill_form(home.inbox, registry.get("T01"), JUNE, catalog, {"epidemic_teams": "约30"}, name="城关镇6月（改）.xlsx")
    (home.inbox / "损坏.xlsx").write_bytes(b"PK\x03\x04garbage")
    fill_form(home.inbox, registry.get("T03"), JUNE, catalog, {"epidemic_teams": 2})
    summary = collect(home=str(home.root), month="2020-06")
    assert (summary.load.accepted, summary.load.rejected) == (1, 2)
    after = snapshot(home)["monthly_values"]
    assert set(before) <= set(after)  # T01's accepted June values stay while its correction is rejected
    statuses = {s.unit_code: s.status for s in summary.statuses}
    assert statuses["T01"] == "accepted" and statuses["T03"] == "accepted"


def test_a_corrected_form_supersedes_the_first(june_inbox, catalog, registry):
    home = june_inbox
    collect(home=str(home.root), month="2020-06")
    fill_form(home.inbox, registry.get("T01"), JUNE, catalog, {"epidemic_teams": 5}, name="城关镇6月-更正.xlsx")
    summary = collect(home=str(home.root), month="2020-06")
    assert (summary.load.accepted, summary.load.superseded, summary.load.superseded_earlier) == (1, 1, 1)
    con = duckdb.connect(str(home.warehouse), read_only=True)
    assert con.execute("SELECT value, source_file FROM monthly_values WHERE unit_code = 'T01' "
                       "AND indicator_code = 'epidemic_teams'").fetchall() == [(5.0, "城关镇6月-更正.xlsx")]
    assert dict(con.execute("SELECT source_file, status FROM submissions WHERE unit_code = 'T01'").fetchall()) == {
        "城关镇6月.xlsx": "superseded", "城关镇6月-更正.xlsx": "accepted"}
    con.close()


def test_a_county_units_csv_replaces_the_demo(home, catalog):
    home.root.mkdir(parents=True)
    home.units_csv.write_text("code,name_zh,kind,aliases\nX1,幸福镇,township,幸福\n", encoding="utf-8")
    from countystat.sources.units import load_units

    own = load_units(home.units_csv)
    fill_form(home.inbox, own.get("X1"), JUNE, catalog, {"epidemic_teams": 1})
    summary = collect(home=str(home.root), month="2020-06")
    assert [(s.unit_code, s.status) for s in summary.statuses] == [("X1", "accepted")]


def test_a_month_far_above_the_units_own_history_is_loaded_with_a_warning(home, catalog, registry):
    unit = registry.get("T08")
    for month, attended in ((1, 20), (2, 24), (3, 22)):
        fill_form(home.inbox, unit, date(2020, month, 1), catalog, {"training_attendance": attended})
    collect(home=str(home.root), month="2020-03")
    fill_form(home.inbox, unit, date(2020, 4, 1), catalog, {"training_attendance": 2200})
    summary = collect(home=str(home.root), month="2020-04")
    assert summary.load.accepted == 1
    con = duckdb.connect(str(home.warehouse), read_only=True)
    [(status, messages)] = con.execute(
        "SELECT status, messages FROM submissions WHERE period = DATE '2020-04-01'").fetchall()
    con.close()
    assert status == "accepted"
    assert any("明显偏高" in m and "2200" in m for m in messages), messages


def test_a_rejected_form_gets_a_sendback_workbook(home, catalog, registry):
    import openpyxl

    fill_form(home.inbox, registry.get("T03"), JUNE, catalog, {"epidemic_teams": "约3"}, name="柳河镇6月.xlsx")
    collect(home=str(home.root), month="2020-06")
    sendback = home.reports / "sendback" / "2020-06" / "柳河镇" / "柳河镇6月_退回修改.xlsx"
    book = openpyxl.load_workbook(sendback)
    assert book.sheetnames[0] == "退回说明"
    listed = " ".join(str(c.value) for row in book["退回说明"].iter_rows() for c in row if c.value)
    assert "约3" in listed


def test_year_to_date_disagreeing_with_the_months_on_record_is_a_warning(home, catalog, registry):
    t01, t02, t03 = registry.get("T01"), registry.get("T02"), registry.get("T03")
    row = row_of(catalog, t01, "cases_filed")
    for month in range(1, 6):
        period = date(2020, month, 1)
        fill_form(home.inbox / "earlier", t01, period, catalog, {"cases_filed": 1})
        if month > 1:  # T02 never sent January: its sum can't be checked
            fill_form(home.inbox / "earlier", t02, period, catalog, {"cases_filed": 1})
    collect(home=str(home.root), month="2020-05")
    fill_form(home.inbox, t01, JUNE, catalog, {"cases_filed": 2}, cells={f"E{row}": 10})
    fill_form(home.inbox, t02, JUNE, catalog, {"cases_filed": 2}, cells={f"E{row}": 10})
    for month in range(1, 7):  # T03's whole half arrives in one run, its 本年累计 right
        fill_form(home.inbox / "t03", t03, date(2020, month, 1), catalog, {"cases_filed": 1},
                  cells={f"E{row}": month})
    summary = collect(home=str(home.root), month="2020-06")
    assert summary.load.accepted == 8 and summary.load.rejected == 0
    [(name, warnings)] = summary.warned_files
    assert name.startswith("T01") and warnings == [
        f"【提醒】文件「{name}」工作表「月报表」E{row}：「立案」本年累计填10，与已报1—6月合计7件不符，请核对"]


def test_a_remark_explains_a_year_to_date_difference(home, catalog, registry):
    t01 = registry.get("T01")
    row = row_of(catalog, t01, "cases_filed")
    fill_form(home.inbox, t01, date(2020, 1, 1), catalog, {"cases_filed": 3}, cells={f"E{row}": 4,
              f"F{row}": "含2019年12月补录1件"})
    summary = collect(home=str(home.root), month="2020-01")
    assert summary.warned_files == []
    con = duckdb.connect(str(home.warehouse), read_only=True)
    [messages] = con.execute("SELECT messages FROM submissions").fetchone()
    con.close()
    assert messages[0].endswith("「立案」本年累计填4，与已报1月合计3件不符，请核对（备注已说明：含2019年12月补录1件）")


def test_history_warnings_and_holds_come_back_as_new_read_files_leaving_their_input_as_it_was(home, catalog, registry):
    from countystat.warehouse.archived_reads import read_archived
    from countystat.warehouse.collect_steps import (
        archive_files, check_against_history, find_new_files, hold_locked_months,
    )
    from countystat.warehouse.locks import lock_periods
    from countystat.warehouse.publish import building
    from countystat.warehouse.store import open_warehouse

    unit, april = registry.get("T08"), date(2020, 4, 1)
    for month, attended in ((1, 20), (2, 24), (3, 22)):
        fill_form(home.inbox, unit, date(2020, month, 1), catalog, {"training_attendance": attended})
    collect(home=str(home.root), month="2020-03")
    fill_form(home.inbox, unit, april, catalog, {"training_attendance": 2200})
    with building(home.root) as build:
        with open_warehouse(build.db) as con:
            lock_periods(con, [april], "ops", "半年报已报出")
        _, new = find_new_files(home, build)
        read = read_archived(archive_files(home, new), home, date.today())
        warned = check_against_history(build, read, catalog)
        held = hold_locked_months(build, warned)
    [[sub]], [[warned_sub]], [[held_sub]] = ([r.submissions for r in files] for files in (read, warned, held))
    assert (sub.status, sub.problems) == ("accepted", [])  # the read files as read
    assert warned_sub.status == "accepted" and any("明显偏高" in p.message() for p in warned_sub.problems)
    assert held_sub.status == "held" and len(held_sub.problems) == len(warned_sub.problems) + 1
    assert held_sub.submission_id == warned_sub.submission_id == sub.submission_id
