"""The analyst views as models (warehouse/views/*.sql, recreated on open) and the contract checks beside them."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import duckdb
import pytest

from countystat.sources.problems import error
from countystat.warehouse.analyst_views import VIEWS, recreate_views, view_sql
from countystat.warehouse.contract import contract_checks, contract_violations
from countystat.warehouse.load import load_read_files
from countystat.warehouse.migrations import available_migrations
from countystat.warehouse.store import connect, read_only_warehouse, refresh_reference
from tests.loads import read_file

JUNE, MAY, JAN_2019 = date(2020, 6, 1), date(2020, 5, 1), date(2019, 1, 1)
RUN = datetime(2020, 7, 5, 8, 0)
OLD_MIGRATIONS = Path(__file__).parent / "old_home_migrations"  # 001–003 as they were when they held the views
ANALYST_VIEWS = ("monthly_values", "half_year_values", "half_year_sources", "county_half_year", "monthly_completeness")
# The README's warehouse contract: every name analysts rely on, with its columns in order.
CONTRACT_COLUMNS = {
    "monthly_values": ["unit_code", "unit_name", "period", "indicator_code", "indicator_name", "value",
                       "submission_id", "source_file", "source_sheet", "source_cell"],
    "submissions": ["submission_id", "source_file", "sha256", "unit_code", "period", "status", "messages",
                    "received_at", "modified_at"],
    "units": ["unit_code", "unit_name", "kind", "aliases"],
    "indicators": ["indicator_code", "indicator_name", "unit", "aggregation", "value_type", "reported_by",
                   "section", "form_position", "valid_from", "valid_to", "replaces"],
    "half_year_values": ["unit_code", "half", "indicator_code", "value", "months_reported"],
    "county_half_year": ["half", "indicator_code", "value", "prev_value", "change", "change_pct",
                         "units_reported", "units_expected"],
    "half_year_sources": ["unit_code", "unit_name", "half", "indicator_code", "period", "value", "submission_id",
                          "source_file", "source_sheet", "source_cell"],
    "monthly_completeness": ["unit_code", "unit_name", "kind", "period", "deadline", "first_accepted_at", "status"],
    "settings": ["key", "value"],
    "period_locks": ["period", "locked_at", "locked_by", "reason"],
    "period_lock_events": ["period", "action", "event_at", "by_user", "reason"],
    "received_files": ["sha256", "source_file", "inbox_path", "archive_path", "size_bytes", "modified_at",
                       "received_at"],
    "submission_values": ["submission_id", "indicator_code", "value", "source_sheet", "source_cell"],
}


def columns(con: duckdb.DuckDBPyConnection, name: str) -> list[tuple[str, str]]:
    """(name, type) of each column of a table or view."""
    return [(r[0], r[1]) for r in con.execute(f"DESCRIBE {name}").fetchall()]


def snapshot(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """Every analyst view's rows, sorted, to compare a warehouse before and after an upgrade."""
    return {name: sorted(con.execute(f"SELECT * FROM {name}").fetchall(), key=repr) for name in ANALYST_VIEWS}


def old_home(path: Path, catalog, registry) -> None:
    """A warehouse built by the migrations as they were (views inside them), holding two months of forms."""
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
                " applied_at TIMESTAMP NOT NULL)")
    for file in sorted(OLD_MIGRATIONS.glob("*.sql")):
        con.execute(file.read_text("utf-8"))
        con.execute("INSERT INTO schema_migrations VALUES (?, ?, current_timestamp::TIMESTAMP)",
                    [int(file.name[:3]), file.name])
    con.executemany("INSERT INTO units VALUES (?, ?, ?, ?)",  # as refresh_reference wrote them before 004
                    [(u.code, u.name_zh, u.kind, list(u.aliases)) for u in registry.units])
    con.executemany("INSERT INTO indicators VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [(i.code, i.name_zh, i.unit_zh, i.aggregation, i.value_type, i.reported_by, i.section, n)
                     for n, i in enumerate(catalog.indicators, start=1)])
    load_read_files(con, [
        read_file("a.xlsx", "a" * 64, "T01", JUNE, {"epidemic_teams": 3, "lecture_groups": None}),
        read_file("b.xlsx", "b" * 64, "T01", MAY, {"epidemic_teams": 2, "lecture_groups": 4}),
        read_file("c.xlsx", "c" * 64, "T02", JAN_2019, {"epidemic_teams": 1}),
        read_file("d.xlsx", "d" * 64, "T02", JUNE, {"epidemic_teams": 5},
                  problems=[error("「约30」不是数字", "d.xlsx", "月报表", "D5")]),
    ], RUN)
    con.close()


def test_migrations_hold_tables_only():
    for _, name, sql in available_migrations():
        assert "VIEW" not in sql.upper() and "MACRO" not in sql.upper(), name


def test_every_view_file_is_created_in_order_and_nothing_else_is_shipped():
    folder = Path(__file__).parents[1] / "warehouse" / "views"
    assert sorted(VIEWS) == sorted(p.stem for p in folder.glob("*.sql"))
    for name in VIEWS:
        assert "CREATE OR REPLACE" in view_sql(name)


def test_an_old_home_opens_upgraded_with_every_name_columns_and_row_unchanged(tmp_path, catalog, registry):
    path = tmp_path / "warehouse.duckdb"
    old_home(path, catalog, registry)
    with duckdb.connect(str(path)) as con:
        before = snapshot(con)
        old_columns = {name: columns(con, name) for name in CONTRACT_COLUMNS}
        old_migrations = con.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    assert before["monthly_values"] and before["county_half_year"] and before["monthly_completeness"]
    con = connect(path)
    try:  # 004 adds the indicators' validity, empty (every indicator open) until the next collect fills it
        old_columns["indicators"] += [("valid_from", "DATE"), ("valid_to", "DATE"), ("replaces", "VARCHAR")]
        assert {name: columns(con, name) for name in CONTRACT_COLUMNS} == old_columns
        assert snapshot(con) == before
        assert con.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall() == [
            *old_migrations, (4, "004_indicator_validity.sql")]
        assert con.execute("SELECT count(*) FROM indicators WHERE valid_from IS NULL AND valid_to IS NULL"
                           " AND replaces IS NULL").fetchone()[0] == len(catalog.indicators)
        assert contract_violations(con) == {}
    finally:
        con.close()


def test_a_new_home_has_the_contract_names_and_columns(tmp_path):
    con = connect(tmp_path / "warehouse.duckdb")
    try:
        assert {name: [c for c, _ in columns(con, name)] for name in CONTRACT_COLUMNS} == CONTRACT_COLUMNS
    finally:
        con.close()


def test_views_of_this_version_are_left_alone_and_any_other_version_is_recreated(tmp_path):
    con = connect(tmp_path / "warehouse.duckdb")
    try:
        assert recreate_views(con) is False  # connect made them: nothing to do
        con.execute("COMMENT ON VIEW half_year_sources IS 'made by an earlier countystat'")
        assert recreate_views(con) is True
        assert recreate_views(con) is False
        comment = con.execute("SELECT comment FROM duckdb_views() WHERE view_name = 'monthly_values'").fetchone()[0]
        assert comment.startswith("Current accepted values only") and "countystat views" in comment
    finally:
        con.close()


def test_a_view_dropped_or_changed_by_hand_is_recreated_from_its_file_on_open(tmp_path):
    path = tmp_path / "warehouse.duckdb"
    connect(path).close()
    with duckdb.connect(str(path)) as con:
        con.execute("DROP VIEW county_half_year")
        con.execute("CREATE OR REPLACE VIEW monthly_completeness AS SELECT 1 AS status")
    con = connect(path)
    try:
        assert [c for c, _ in columns(con, "county_half_year")] == CONTRACT_COLUMNS["county_half_year"]
        assert [c for c, _ in columns(con, "monthly_completeness")] == CONTRACT_COLUMNS["monthly_completeness"]
    finally:
        con.close()


BREAKS = {
    # check name: statements that break it in a warehouse holding one accepted June form of T01
    "status_values": ["UPDATE submissions SET status = 'accepted ' WHERE source_file = 'r.xlsx'"],
    "one_accepted_per_unit_month": ["UPDATE submissions SET status = 'accepted', unit_code = 'T01', period = DATE '2020-06-01'"
                                    " WHERE source_file = 'r.xlsx'"],
    "monthly_values_accepted": ["INSERT INTO submission_values SELECT submission_id, 'epidemic_teams', 1, '月报表', 'D5'"
                                " FROM submissions WHERE source_file = 'r.xlsx'",
                                "CREATE OR REPLACE VIEW monthly_values AS SELECT v.*, s.unit_code, s.period"
                                " FROM submission_values AS v JOIN submissions AS s USING (submission_id)"],
    "accepted_values_in_monthly_values": ["CREATE OR REPLACE VIEW monthly_values AS"
                                          " SELECT * FROM monthly_values_of_all WHERE indicator_code <> 'lecture_groups'"],
    "values_of_loaded_submissions": ["INSERT INTO submission_values SELECT submission_id, 'epidemic_teams', 1, '月报表', 'D5'"
                                     " FROM submissions WHERE source_file = 'r.xlsx'"],
    "values_name_known_indicators": ["UPDATE submission_values SET indicator_code = 'no_such_indicator'"
                                     " WHERE indicator_code = 'lecture_groups'"],
    "accepted_name_unit_and_month": ["UPDATE submissions SET period = DATE '2020-06-15' WHERE source_file = 'a.xlsx'"],
    "rejected_give_reasons": ["UPDATE submissions SET messages = [] WHERE source_file = 'r.xlsx'"],
    "submissions_of_received_files": ["DELETE FROM received_files WHERE source_file = 'r.xlsx'"],
    "completeness_status_values": ["CREATE OR REPLACE VIEW monthly_completeness AS"
                                   " SELECT 'T01' AS unit_code, DATE '2020-06-01' AS period, 'waiting' AS status"],
    "indicator_aggregations": ["UPDATE indicators SET aggregation = 'avg' WHERE indicator_code = 'epidemic_teams'"],
}


@pytest.mark.parametrize("check", sorted(BREAKS))
def test_each_contract_check_finds_the_rows_that_break_it(tmp_path, catalog, registry, check):
    con = connect(tmp_path / "warehouse.duckdb")
    try:
        refresh_reference(con, catalog, registry)
        load_read_files(con, [
            read_file("a.xlsx", "a" * 64, "T01", JUNE, {"epidemic_teams": 3, "lecture_groups": 2}),
            read_file("r.xlsx", "f" * 64, "T02", JUNE, {"epidemic_teams": 3},
                      problems=[error("「约30」不是数字", "r.xlsx", "月报表", "D5")]),
        ], RUN)
        assert contract_violations(con) == {}
        con.execute("CREATE TABLE monthly_values_of_all AS SELECT * FROM monthly_values")
        for statement in BREAKS[check]:
            con.execute(statement)
        assert check in contract_violations(con)
    finally:
        con.close()


def test_every_check_shipped_has_a_way_to_break_it():
    assert sorted(contract_checks()) == sorted(BREAKS)


def test_the_demo_warehouse_keeps_the_contract(demo_home):
    with read_only_warehouse(demo_home.warehouse) as con:
        assert con.execute("SELECT count(*) FROM monthly_values").fetchone()[0] > 0
        assert contract_violations(con) == {}
