"""The warehouse: migrations, atomic loads, supersession, the analyst view and its Parquet export."""
from __future__ import annotations

from datetime import date, datetime

import duckdb
import pytest

from countystat.sources.problems import error
from countystat.sources.submission import ReportedValue
from countystat.warehouse.load import load_read_files
from countystat.warehouse.migrations import available_migrations, migrate
from countystat.warehouse.parquet_export import export_months, partition_path
from countystat.warehouse.store import connect, refresh_reference
from tests.loads import read_file

JUNE, MAY = date(2020, 6, 1), date(2020, 5, 1)
RUN = datetime(2020, 7, 5, 8, 0)


@pytest.fixture
def con(tmp_path, catalog, registry):
    con = connect(tmp_path / "warehouse.duckdb")
    refresh_reference(con, catalog, registry)
    yield con
    con.close()


def test_migrations_apply_once_and_are_recorded(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    assert migrate(con) == [name for _, name, _ in available_migrations()]
    assert migrate(con) == []
    assert con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(available_migrations())


def test_analyst_contract_columns(con):
    columns = [r[0] for r in con.execute("DESCRIBE monthly_values").fetchall()]
    assert columns == ["unit_code", "unit_name", "period", "indicator_code", "indicator_name", "value",
                       "submission_id", "source_file", "source_sheet", "source_cell"]
    sub_columns = [r[0] for r in con.execute("DESCRIBE submissions").fetchall()]
    for column in ("submission_id", "source_file", "sha256", "unit_code", "period", "status", "messages",
                   "received_at"):
        assert column in sub_columns
    types = dict(con.execute("SELECT column_name, column_type FROM (DESCRIBE monthly_values)").fetchall())
    assert types["period"] == "DATE" and types["value"] == "DOUBLE"


def test_accepted_values_load_with_their_cells_and_blanks_as_null(con):
    load_read_files(con, [read_file("a.xlsx", "a" * 64, "T01", JUNE, {"epidemic_teams": 3, "lecture_groups": None})], RUN)
    rows = con.execute("SELECT unit_name, indicator_code, indicator_name, value, source_cell FROM monthly_values "
                       "ORDER BY source_cell").fetchall()
    assert rows == [("城关镇", "epidemic_teams", "疫情防控队伍", 3.0, "D5"), ("城关镇", "lecture_groups", "理论宣讲组", None, "D6")]


def test_a_rejected_submission_loads_no_value_but_keeps_its_reasons(con):
    bad = read_file("b.xlsx", "b" * 64, "T01", JUNE, {"epidemic_teams": 3},
                    problems=[error("「约30」不是数字", "b.xlsx", "月报表", "D6")])
    result = load_read_files(con, [bad], RUN)
    assert (result.accepted, result.rejected, result.touched_periods) == (0, 1, ())
    assert con.execute("SELECT count(*) FROM submission_values").fetchone()[0] == 0
    status, messages = con.execute("SELECT status, messages FROM submissions").fetchone()
    assert status == "rejected" and messages == ["文件「b.xlsx」工作表「月报表」D6：「约30」不是数字"]


def test_a_later_submission_supersedes_the_earlier_one(con):
    load_read_files(con, [read_file("v1.xlsx", "1" * 64, "T01", JUNE, {"epidemic_teams": 3})], RUN)
    later = datetime(2020, 7, 6, 9, 0)
    load_read_files(con, [read_file("v2.xlsx", "2" * 64, "T01", JUNE, {"epidemic_teams": 5})], later)
    assert con.execute("SELECT value, source_file FROM monthly_values").fetchall() == [(5.0, "v2.xlsx")]
    statuses = dict(con.execute("SELECT source_file, status FROM submissions").fetchall())
    assert statuses == {"v1.xlsx": "superseded", "v2.xlsx": "accepted"}


def test_within_one_run_the_newer_file_wins(con):
    old = read_file("old.xlsx", "3" * 64, "T02", JUNE, {"epidemic_teams": 1}, modified=datetime(2020, 7, 2))
    new = read_file("new.xlsx", "4" * 64, "T02", JUNE, {"epidemic_teams": 2}, modified=datetime(2020, 7, 4))
    result = load_read_files(con, [new, old], RUN)
    assert (result.accepted, result.superseded) == (1, 1)
    assert con.execute("SELECT value FROM monthly_values").fetchall() == [(2.0,)]


def test_a_rejected_resubmission_keeps_the_accepted_values(con):
    load_read_files(con, [read_file("ok.xlsx", "5" * 64, "T01", JUNE, {"epidemic_teams": 3})], RUN)
    bad = read_file("bad.xlsx", "6" * 64, "T01", JUNE, {}, problems=[error("x")])
    load_read_files(con, [bad], datetime(2020, 7, 8))
    assert con.execute("SELECT value FROM monthly_values").fetchall() == [(3.0,)]


def test_a_failing_load_leaves_nothing_half_written(con):
    good = read_file("g.xlsx", "7" * 64, "T01", JUNE, {"epidemic_teams": 3})
    broken = read_file("x.xlsx", "8" * 64, "T02", JUNE, {"epidemic_teams": 1})
    broken.submissions[0].values.append(ReportedValue("epidemic_teams", 9, "月报表", "D9"))  # violates the key
    with pytest.raises(duckdb.ConstraintException):
        load_read_files(con, [good, broken], RUN)
    for table in ("received_files", "submissions", "submission_values"):
        assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0


def test_parquet_rewrites_only_the_months_asked(con, tmp_path):
    load_read_files(con, [read_file("j.xlsx", "9" * 64, "T01", JUNE, {"epidemic_teams": 3}),
                          read_file("m.xlsx", "a1" * 32, "T01", MAY, {"epidemic_teams": 2})], RUN)
    root = tmp_path / "parquet"
    export_months(con, root, [MAY, JUNE])
    may_written = partition_path(root, MAY).stat().st_mtime_ns
    load_read_files(con, [read_file("j2.xlsx", "b2" * 32, "T01", JUNE, {"epidemic_teams": 4})], datetime(2020, 7, 9))
    export_months(con, root, [JUNE])
    assert partition_path(root, MAY).stat().st_mtime_ns == may_written
    assert str(partition_path(root, JUNE)).endswith("monthly_values/year=2020/month=6/part-0.parquet")
    rows = duckdb.sql(
        f"SELECT year, month, value FROM read_parquet('{root}/monthly_values/**/*.parquet', hive_partitioning=true) "
        "ORDER BY month").fetchall()
    assert rows == [(2020, 5, 2.0), (2020, 6, 4.0)]
