"""Backfill and period locks: rebuild months, report changes, hold locked months; on the pipelines the
flows run (tests/pipelines.py), and on a real flow run reading on a Dask cluster."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from importlib import resources
from pathlib import Path

import duckdb
import pytest

from countystat.flows.backfill import backfill as backfill_flow
from countystat.sources.home import Home
from countystat.reports.halves import parse_half
from countystat.warehouse.lock_changes import change_locks
from countystat.warehouse.locks import BackfillRefused
from countystat.warehouse import reread_history
from countystat.warehouse.publish import current_version
from tests.forms import fill_form
from tests.pipelines import backfill, collect
from tests.run_logs import run_artifact, run_logs, runs_log_info

MAY, JUNE = date(2020, 5, 1), date(2020, 6, 1)
H1 = parse_half("2020H1").months
CLI = str(Path(sys.executable).with_name("countystat"))
ENV = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}


def snapshot(home) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(home.warehouse), read_only=True)
    try:
        return {
            "values": sorted(con.execute("SELECT unit_code, period, indicator_code, value, source_file, source_cell "
                                         "FROM monthly_values").fetchall(), key=repr),
            "submissions": sorted(con.execute("SELECT submission_id, status, messages, received_at "
                                              "FROM submissions").fetchall(), key=repr),
        }
    finally:
        con.close()


def registry_without(home, code: str) -> None:
    """A county registry missing one unit, as before the office registered it."""
    lines = (resources.files("countystat.sources") / "demo_units.csv").read_text("utf-8").splitlines()
    home.root.mkdir(parents=True, exist_ok=True)
    home.units_csv.write_text("\n".join(line for line in lines if not line.startswith(code)) + "\n", "utf-8")


@pytest.fixture(scope="module")
def collected_once(tmp_path_factory, catalog, registry) -> Home:
    """May and June forms collected while 红旗乡 (T16) was missing from units.csv: its form is rejected."""
    home = Home(tmp_path_factory.mktemp("collected") / "home")
    registry_without(home, "T16")
    for period in (MAY, JUNE):
        for n, code in enumerate(("T01", "T02", "D04", "T16")):
            fill_form(home.inbox / f"{period:%m}", registry.get(code), period, catalog,
                      {"epidemic_teams": n + period.month, "cases_filed": n}, delete_meta=code == "T16")
        collect(home=str(home.root), month=f"{period:%Y-%m}")
    return home


@pytest.fixture
def collected(collected_once, home) -> Home:
    """A copy of that home for one test to change (its archived files are read where they were archived)."""
    shutil.copytree(collected_once.root, home.root, symlinks=True)
    return home


def test_backfill_takes_in_a_registry_fix_and_running_it_again_changes_nothing(collected):
    home = collected
    before = snapshot(home)
    assert not any(row[0] == "T16" for row in before["values"])
    shutil.copy(resources.files("countystat.sources") / "demo_units.csv", home.units_csv)  # 红旗乡 registered
    summary = backfill(home=str(home.root), first="2020-05", last="2020-06")
    changes = summary.changes
    assert summary.files == 8 and summary.published
    assert len(changes.newly_accepted) == 2 and changes.newly_rejected == ()
    assert all("红旗乡" in item for item in changes.newly_accepted)
    assert {(v.unit_code, v.period, v.indicator_code, v.after) for v in changes.values} >= {
        ("T16", MAY, "epidemic_teams", 8.0), ("T16", JUNE, "epidemic_teams", 9.0)}
    assert changes.months == (MAY, JUNE)
    after = snapshot(home)
    assert [r for r in after["values"] if r[0] != "T16"] == before["values"]  # nothing else moved
    version = current_version(home.root)
    parquet = sorted((p, p.stat().st_ino) for p in (home.parquet / "monthly_values").rglob("*.parquet"))

    again = backfill(home=str(home.root), first="2020-05", last="2020-06")
    assert again.changes.nothing and not again.published
    assert snapshot(home) == after and current_version(home.root) == version
    assert sorted((p, p.stat().st_ino) for p in (home.parquet / "monthly_values").rglob("*.parquet")) == parquet


def test_backfill_rewrites_only_what_it_read_otherwise_than_stored(collected):
    """As if an older reader had loaded one wrong value and an older rule one stale message: the backfill
    puts back exactly those two submissions (matched on their keys) and reports only them."""
    home = collected
    con = duckdb.connect(str(home.warehouse))
    [(wrong_id,)] = con.execute("SELECT submission_id FROM monthly_values WHERE unit_code = 'T01' AND period = ? "
                                "AND indicator_code = 'epidemic_teams'", [JUNE]).fetchall()
    con.execute("UPDATE submission_values SET value = 99 WHERE submission_id = ? AND indicator_code = 'epidemic_teams'",
                [wrong_id])
    [(stale_id,)] = con.execute("SELECT submission_id FROM submissions WHERE unit_code = 'T02' AND period = ?",
                                [MAY]).fetchall()
    con.execute("UPDATE submissions SET messages = ['旧规则的提示'] WHERE submission_id = ?", [stale_id])
    con.close()
    summary = backfill(home=str(home.root), first="2020-05", last="2020-06")
    changes = summary.changes
    assert [(v.unit_code, v.period, v.indicator_code, v.before, v.after) for v in changes.values] == [
        ("T01", JUNE, "epidemic_teams", 99.0, float(JUNE.month))]  # T01 filled n + month, n = 0
    assert changes.otherwise_changed == 1 and not changes.newly_accepted and not changes.newly_rejected
    assert backfill(home=str(home.root), first="2020-05", last="2020-06").changes.nothing


def test_backfill_of_one_month_leaves_the_others_alone(collected):
    home = collected
    shutil.copy(resources.files("countystat.sources") / "demo_units.csv", home.units_csv)
    summary = backfill(home=str(home.root), first="2020-06", last="2020-06")
    assert summary.files == 4 and [v.period for v in summary.changes.values] == [JUNE] * len(summary.changes.values)
    values = snapshot(home)["values"]
    assert ("T16", JUNE) in {(r[0], r[1]) for r in values} and ("T16", MAY) not in {(r[0], r[1]) for r in values}


def test_a_locked_month_holds_new_forms_and_refuses_a_backfill_until_unlocked(collected, catalog, registry,
                                                                              prefect_server):
    home = collected
    assert change_locks(home, H1, True, "ops", "半年报已报出") == [date(2020, m, 1) for m in range(1, 7)]
    fill_form(home.inbox / "late", registry.get("T03"), JUNE, catalog, {"epidemic_teams": 30})
    summary = collect(home=str(home.root), month="2020-06")
    assert (summary.load.accepted, summary.load.held) == (0, 1) and len(summary.held_files) == 1
    name, message = summary.held_files[0]
    assert message.startswith("【暂存】") and "2020年6月的数据已锁定" in message
    assert {s.unit_code: s.status for s in summary.statuses}["T03"] == "held"
    assert not any(r[0] == "T03" for r in snapshot(home)["values"])  # held, not loaded

    with pytest.raises(BackfillRefused, match="2020-05、2020-06 are locked"):
        backfill(home=str(home.root), first="2020-05", last="2020-06")
    refused = subprocess.run([CLI, "backfill", "--home", str(home.root), "--from", "2020-06", "--to", "2020-06"],
                             env={**ENV, "PREFECT_API_URL": prefect_server},  # the flow refuses: on the session's server
                             capture_output=True, text=True, timeout=600)
    assert refused.returncode == 4 and refused.stderr.startswith("countystat: refused: months 2020-06 are locked")
    assert "Traceback" not in refused.stderr + refused.stdout

    assert change_locks(home, H1, False, "ops", "县委办同意补录柳河镇6月报表") == [date(2020, m, 1) for m in range(1, 7)]
    summary = backfill(home=str(home.root), first="2020-06", last="2020-06")
    assert [item for item in summary.changes.newly_accepted if "柳河镇" in item]
    assert ("T03", JUNE, "epidemic_teams", 30.0) in {r[:4] for r in snapshot(home)["values"]}
    con = duckdb.connect(str(home.warehouse), read_only=True)
    events = con.execute("SELECT action, by_user, reason, count(*) FROM period_lock_events GROUP BY ALL "
                         "ORDER BY action").fetchall()
    con.close()
    assert events == [("lock", "ops", "半年报已报出", 6), ("unlock", "ops", "县委办同意补录柳河镇6月报表", 6)]


def test_a_backfill_with_locked_months_included_rebuilds_them(collected):
    home = collected
    change_locks(home, H1, True, "ops", "半年报已报出")
    shutil.copy(resources.files("countystat.sources") / "demo_units.csv", home.units_csv)
    summary = backfill(home=str(home.root), first="2020-05", last="2020-06", include_locked=True)
    assert len(summary.changes.newly_accepted) == 2


@pytest.mark.usefixtures("prefect_server")
def test_backfill_on_a_dask_local_cluster_equals_the_serial_run(collected, tmp_path):
    home = collected
    shutil.copy(resources.files("countystat.sources") / "demo_units.csv", home.units_csv)
    twin = tmp_path / "twin"
    shutil.copytree(home.root, twin, symlinks=True)
    serial = backfill(home=str(home.root), first="2020-05", last="2020-06")
    with runs_log_info():
        state = backfill_flow(home=str(twin), first="2020-05", last="2020-06", runner="dask", return_state=True)
    on_dask = state.result()
    assert on_dask.changes == serial.changes and on_dask.files == serial.files == 8
    assert snapshot(type(home)(twin)) == snapshot(home)
    # The run says what it did and where it published, in its log and in its artifact (files linked).
    published = Home(twin).warehouse
    assert on_dask.written[0] == published and all(p.is_relative_to(Home(twin).parquet) for p in on_dask.written[1:])
    said = [m for level, m in run_logs(state.state_details.flow_run_id) if level == "INFO"]
    assert "re-read 8 files of 2020-05..2020-06" in said
    assert any(m.startswith(f"published {published} and {len(on_dask.written) - 1} Parquet month file(s)") for m in said)
    markdown = run_artifact(state.state_details.flow_run_id, "backfill-2020-05-2020-06").data
    assert f"[warehouse.duckdb]({published.as_uri()})" in markdown


def test_a_backfill_of_the_demo_county_changes_nothing(demo_home, tmp_path, monkeypatch):
    """The demo's forms are messy: corrections, a late month inside the next month's workbook, 本年累计
    warnings, forms sent back and resent. Re-read by the backfill, they give exactly what collect gave."""
    monkeypatch.setattr(reread_history, "UNITS_PER_SLICE", 3)  # the history rules see the county a few units at a time
    home = Home(tmp_path / "home")
    shutil.copytree(demo_home.root, home.root, symlinks=True)
    before = snapshot(home)
    con = duckdb.connect(str(home.warehouse), read_only=True)
    first, last, warned = con.execute(
        "SELECT min(period), max(period), count(*) FILTER (WHERE array_to_string(messages, '|') LIKE '%本年累计%') "
        "FROM submissions").fetchone()
    con.close()
    assert warned > 0  # the history rules have something to say
    summary = backfill(home=str(home.root), first=f"{first:%Y-%m}", last=f"{last:%Y-%m}")
    assert summary.changes.nothing and not summary.published, summary.changes
    assert snapshot(home) == before
