"""The archive carries its own record: its log, `countystat rebuild` from it alone, `countystat verify`."""
from __future__ import annotations

import hashlib
import json
import shutil
from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from countystat.flows.cli import main
from countystat.sources.home import Home
from countystat.reports.halves import parse_half
from countystat.warehouse.lock_changes import change_locks
from countystat.warehouse.rebuild_pipeline import NoArchiveLog, rebuild_home, verify_home
from countystat.sources.archive import archive_path
from countystat.sources.receipts import append_events, log_path, parse_log, read_log
from countystat.reports.plan import load_plan
from countystat.warehouse.publish import current_version
from countystat.warehouse.restore import history
from tests.forms import fill_form
from tests.pipelines import backfill, collect

MAY, JUNE = date(2020, 5, 1), date(2020, 6, 1)
H1 = parse_half("2020H1").months


def snapshot(home: Home) -> dict[str, list[tuple]]:
    """Every value with its source cell, every submission with status and messages, completeness,
    the files received and the lock events."""
    con = duckdb.connect(str(home.warehouse), read_only=True)
    try:
        def rows(sql: str) -> list[tuple]:
            return sorted(con.execute(sql).fetchall(), key=repr)
        return {
            "values": rows("SELECT unit_code, period, indicator_code, value, submission_id, source_file, "
                           "source_sheet, source_cell FROM monthly_values"),
            "submissions": rows("SELECT submission_id, source_file, sha256, unit_code, period, status, messages, "
                                "received_at, modified_at FROM submissions"),
            "completeness": rows("SELECT unit_code, period, status, first_accepted_at FROM monthly_completeness"),
            "files": rows("SELECT sha256, source_file, size_bytes, modified_at, received_at FROM received_files"),
            "locks": rows("SELECT period, action, event_at, by_user, reason FROM period_lock_events"),
            "locked": rows("SELECT * FROM period_locks"),
        }
    finally:
        con.close()


def remove_warehouse(home: Home) -> None:
    """Lose the warehouse: warehouse.duckdb, .published/ and parquet/."""
    for link in (home.warehouse, home.parquet):
        link.unlink()
    shutil.rmtree(home.root / ".published")


@pytest.fixture(scope="module")
def history_home(tmp_path_factory, catalog, registry) -> Home:
    """May and June collected, a correction superseding a form, a rejected form, a form held while
    June was locked and loaded by a backfill after unlocking, and one still held."""
    home = Home(tmp_path_factory.mktemp("history") / "home")
    for period in (MAY, JUNE):
        for n, code in enumerate(("T01", "T02", "D04")):
            fill_form(home.inbox / f"{period:%m}", registry.get(code), period, catalog,
                      {"epidemic_teams": n + period.month, "cases_filed": n})
    collect(home=str(home.root), month="2020-06", received_at=datetime(2020, 7, 3, 9))
    fill_form(home.inbox, registry.get("T01"), MAY, catalog, {"epidemic_teams": 50}, name="城关镇5月-更正.xlsx")
    fill_form(home.inbox, registry.get("T02"), MAY, catalog, {"epidemic_teams": "约30"}, name="青石镇5月-重报.xlsx")
    collect(home=str(home.root), month="2020-06", received_at=datetime(2020, 7, 8, 9))
    change_locks(home, H1, True, "张三", "半年报已报出")
    fill_form(home.inbox, registry.get("T02"), JUNE, catalog, {"epidemic_teams": 60}, name="青石镇6月-更正.xlsx")
    collect(home=str(home.root), month="2020-06", received_at=datetime(2020, 7, 20, 9))
    change_locks(home, H1, False, "李四", "青石镇更正6月")
    backfill(home=str(home.root), first="2020-06", last="2020-06")
    change_locks(home, H1, True, "张三", "更正后重新锁定")
    fill_form(home.inbox, registry.get("D04"), JUNE, catalog, {"epidemic_teams": 70}, name="纪委6月-更正.xlsx")
    collect(home=str(home.root), month="2020-06", received_at=datetime(2020, 7, 25, 9))
    return home


@pytest.fixture
def copied(history_home, home) -> Home:
    """A copy of that home for one test to change."""
    shutil.copytree(history_home.root, home.root, symlinks=True)
    return home


def test_the_history_home_has_what_the_rebuild_must_restore(history_home):
    statuses = {(name, status) for _, name, _, _, _, status, *_ in snapshot(history_home)["submissions"]}
    assert {("城关镇5月-更正.xlsx", "accepted"), ("青石镇5月-重报.xlsx", "rejected"), ("青石镇6月-更正.xlsx", "accepted"),
            ("纪委6月-更正.xlsx", "held")} <= statuses
    assert sum(status == "superseded" for _, status in statuses) == 2  # 城关镇 May, 青石镇 June
    events = read_log(history_home.archive).events
    [correction] = [e for e in events if e.get("name") == "城关镇5月-更正.xlsx"]
    path = history_home.inbox / "城关镇5月-更正.xlsx"
    assert correction | {"run": "", "logged_at": ""} == {
        "event": "received", "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "name": "城关镇5月-更正.xlsx", "inbox_path": "城关镇5月-更正.xlsx", "size": path.stat().st_size,
        "modified_at": datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0).isoformat(),
        "received_at": "2020-07-08T09:00:00", "run": "", "logged_at": "", "held": []}
    assert correction["run"].startswith("collect ")
    assert [e["event"] for e in events if e["event"] not in ("received",)] == (
        ["lock"] * 6 + ["unlock"] * 6 + ["backfill"] + ["lock"] * 6)
    assert sum(e["event"] == "received" for e in events) == 10
    assert [(e["name"], e["held"]) for e in events if e["event"] == "received" and e["held"]] == [
        ("青石镇6月-更正.xlsx", ["2020-06"]), ("纪委6月-更正.xlsx", ["2020-06"])]  # 青石镇's loaded by the backfill since


def test_a_lost_warehouse_is_rebuilt_from_the_archive_alone_exactly(copied):
    before = snapshot(copied)
    remove_warehouse(copied)
    outcome = rebuild_home(copied)
    assert outcome.published and outcome.refused == () and outcome.differences is None
    assert outcome.files_logged == outcome.files_read == 10
    assert snapshot(copied) == before
    assert sorted(p.relative_to(copied.parquet) for p in copied.parquet.rglob("*.parquet")) == [
        Path("monthly_values/year=2020/month=5/part-0.parquet"), Path("monthly_values/year=2020/month=6/part-0.parquet")]


def test_on_an_intact_home_rebuild_reports_differences_and_changes_nothing_without_publish(copied):
    version = current_version(copied.root)
    same = CliRunner().invoke(main, ["rebuild", "--home", str(copied.root)])
    assert same.exit_code == 0, same.output
    assert "equals the one in use" in same.output and "nothing changed" in same.output
    copied.plan_toml.write_text("[report]\ndeadline_day = 1\n", encoding="utf-8")  # the office's deadline moved
    before = snapshot(copied)
    changed = rebuild_home(copied, deadline_day=load_plan(copied.plan_toml).deadline_day)  # as the command reads it
    assert not changed.published and current_version(copied.root) == version and snapshot(copied) == before
    assert changed.differences.values == () and changed.differences.submissions == ()
    assert "T01 2020-06: accepted → late" in changed.differences.completeness
    published = CliRunner().invoke(main, ["rebuild", "--publish", "--home", str(copied.root)])
    assert published.exit_code == 0 and "published:" in published.output
    assert current_version(copied.root) != version and snapshot(copied)["completeness"] != before["completeness"]


def test_a_flipped_byte_is_named_by_verify_and_refused_by_rebuild_which_keeps_going(copied):
    assert verify_home(copied) == []
    con = duckdb.connect(str(copied.warehouse), read_only=True)
    sha, name = con.execute("SELECT sha256, source_file FROM received_files WHERE source_file = '城关镇5月-更正.xlsx'").fetchone()
    con.close()
    damaged = archive_path(copied.archive, sha, ".xlsx")
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2] ^= 0x01
    damaged.write_bytes(bytes(data))
    result = CliRunner().invoke(main, ["verify", "--home", str(copied.root)])
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines() if line.strip()] == [
        f"{damaged}: content does not match its name (SHA-256 now {hashlib.sha256(data).hexdigest()[:12]}…): "
        "the file was altered or damaged"]
    outcome = rebuild_home(copied, publish=True)
    assert outcome.files_read == 9 and len(outcome.refused) == 1
    assert name in outcome.refused[0] and "no longer matches its hash" in outcome.refused[0]
    values = snapshot(copied)["values"]
    assert ("T01", MAY, "epidemic_teams", 5.0) in {v[:4] for v in values}  # the first form stands again
    assert not any(v[5] == name for v in values)
    after = CliRunner().invoke(main, ["verify", "--home", str(copied.root)])
    assert after.exit_code == 1 and str(damaged) in after.output  # still named until restored from a backup


def test_an_accepted_value_whose_file_is_gone_from_the_archive_is_named(copied):
    con = duckdb.connect(str(copied.warehouse), read_only=True)
    sha = con.execute("SELECT sha256 FROM submissions WHERE source_file = '青石镇6月-更正.xlsx'").fetchone()[0]
    con.close()
    archive_path(copied.archive, sha, ".xlsx").unlink()
    problems = verify_home(copied)
    assert len(problems) == 2
    assert "logged as received (「青石镇6月-更正.xlsx」" in problems[0] and "missing from the archive" in problems[0]
    assert problems[1].startswith("「青石镇6月-更正.xlsx」") and "not archived" in problems[1]


def test_a_torn_last_line_is_ignored_and_the_receipt_written_again(copied, catalog, registry):
    fill_form(copied.inbox, registry.get("D04"), MAY, catalog, {"epidemic_teams": 9}, name="纪委5月-补报.xlsx")
    log = log_path(copied.archive)
    whole = log.read_bytes()
    torn = b'{"event": "received", "name": "\xe7\xba\xaa\xe5\xa7\x945\xe6\x9c\x88-'  # a run killed mid-line
    log.write_bytes(whole + torn)
    assert read_log(copied.archive).torn_lines == 1
    assert read_log(copied.archive).events == parse_log(whole.decode("utf-8")).events
    collect(home=str(copied.root), month="2020-06", received_at=datetime(2020, 7, 28, 9))
    text = log.read_bytes()
    assert text.startswith(whole + torn + b"\n")  # never rewritten: the next line starts fresh
    appended = [json.loads(line) for line in text[len(whole + torn) + 1:].decode("utf-8").splitlines()]
    assert [(e["event"], e["name"]) for e in appended] == [("received", "纪委5月-补报.xlsx")]
    assert read_log(copied.archive).torn_lines == 1
    before = snapshot(copied)
    remove_warehouse(copied)
    assert rebuild_home(copied).published and snapshot(copied) == before


def test_a_home_from_before_the_log_says_so_and_the_next_collect_writes_it(copied):
    before = snapshot(copied)
    log_path(copied.archive).unlink()
    with pytest.raises(NoArchiveLog, match="predates the archive's log"):
        rebuild_home(copied)
    assert any("no log" in p for p in verify_home(copied))
    collect(home=str(copied.root), month="2020-06")  # nothing new: it writes the log from the warehouse
    events = read_log(copied.archive).events
    assert sum(e["event"] == "received" for e in events) == 10
    assert [e["event"] for e in events if e["event"] in ("lock", "unlock")] == ["lock"] * 6 + ["unlock"] * 6 + ["lock"] * 6
    assert verify_home(copied) == []
    assert [(e["name"], e["held"]) for e in events if e["event"] == "received" and e["held"]] == [
        ("纪委6月-更正.xlsx", ["2020-06"])]  # as the warehouse stands: the backfill that loaded 青石镇's is not recorded
    assert rebuild_home(copied).differences.none
    remove_warehouse(copied)
    assert rebuild_home(copied).published and snapshot(copied) == before


def test_the_log_is_replayed_in_order_holding_forms_until_a_backfill():
    lines = [
        {"event": "received", "sha256": "a" * 64, "name": "a.xlsx", "inbox_path": "a.xlsx", "size": 1,
         "modified_at": "2020-07-01T08:00:00", "received_at": "2020-07-03T09:00:00"},
        {"event": "lock", "period": "2020-06", "at": "2026-01-01T00:00:00", "by": "x", "reason": "r"},
        {"event": "received", "sha256": "b" * 64, "name": "b.xlsx", "inbox_path": "sub/b.xlsx", "size": 1,
         "modified_at": "2020-07-01T08:00:00", "received_at": "2020-07-20T09:00:00"},
        {"event": "unlock", "period": "2020-06", "at": "2026-01-02T00:00:00", "by": "x", "reason": "r"},
        {"event": "backfill", "first": "2020-06", "last": "2020-06", "include_locked": False, "at": "2026-01-02"},
        {"event": "lock", "period": "2020-06", "at": "2026-01-03T00:00:00", "by": "x", "reason": "r"},
        {"event": "received", "sha256": "c" * 64, "name": "c.xlsx", "inbox_path": "c.xlsx", "size": 1,
         "modified_at": "2020-07-01T08:00:00", "received_at": "2020-07-25T09:00:00"},
        {"event": "label_approved", "label": "纪检立案", "indicator_code": "cases_filed", "by": "x", "at": "t"},
    ]
    logged_again = dict(lines[0], received_at="2020-07-04T09:00:00")  # its first run never published
    text = "".join(json.dumps(line) + "\n" for line in [*lines, logged_again]) + '{"event": "rece'
    past = history(parse_log(text), Path("/inbox"))
    assert past.files[0].received_at == datetime(2020, 7, 4, 9)  # the receipt of the run that published
    assert [(f.received.name, sorted(f.held)) for f in past.files] == [("a.xlsx", [JUNE]), ("b.xlsx", []),
                                                                       ("c.xlsx", [JUNE])]
    assert past.files[1].received.path == Path("/inbox/sub/b.xlsx")
    assert [(e.period, e.lock) for e in past.locks] == [(JUNE, True), (JUNE, False), (JUNE, True)]
    assert past.approvals == (("纪检立案", "cases_filed"),)
    assert parse_log(text).torn_lines == 1


def test_appending_after_a_torn_line_starts_a_fresh_line(tmp_path):
    log_path(tmp_path).write_bytes(b'{"event": "lock", "period": "2020-06"}\n{"event": "rec')
    append_events(tmp_path, [{"event": "unlock", "period": "2020-06"}])
    assert log_path(tmp_path).read_bytes() == (b'{"event": "lock", "period": "2020-06"}\n{"event": "rec\n'
                                               b'{"event": "unlock", "period": "2020-06"}\n')
    log = read_log(tmp_path)
    assert [e["event"] for e in log.events] == ["lock", "unlock"] and log.torn_lines == 1


def test_a_label_approval_is_logged_and_a_rebuild_names_one_the_mappings_file_lost(copied):
    approved = CliRunner().invoke(main, ["labels", "--home", str(copied.root), "approve", "纪检立案", "cases_filed",
                                         "--by", "张三"])
    assert approved.exit_code == 0, approved.output
    [event] = [e for e in read_log(copied.archive).events if e["event"] == "label_approved"]
    assert (event["label"], event["indicator_code"], event["by"]) == ("纪检立案", "cases_filed", "张三")
    assert rebuild_home(copied).approvals_missing == ()
    copied.label_mappings.unlink()  # the office's file is lost: the log still has the approval
    assert rebuild_home(copied).approvals_missing == ("「纪检立案」 = cases_filed",)
