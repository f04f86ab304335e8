"""The half-year tables in the warehouse: aggregation rules, county totals, sources, completeness."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from countystat.sources.problems import error
from countystat.warehouse.load import load_read_files
from countystat.warehouse.store import connect, refresh_reference, set_deadline_day
from tests.loads import read_file


def month(m: int, year: int = 2020) -> date:
    return date(year, m, 1)


@pytest.fixture
def con(tmp_path, catalog, registry):
    con = connect(tmp_path / "warehouse.duckdb")
    refresh_reference(con, catalog, registry)
    files = []
    for m in range(1, 7):  # T01 reports every month of 2020H1; May is left blank for the stocks
        files.append(read_file(f"t01-{m}.xlsx", f"{m:064d}", "T01", month(m), {
            "training_attendance": 10 * m,                      # sum
            "lecture_groups": None if m == 6 else m,            # last: June blank
            "party_members_mobilized": [5, 9, 7, 3, 0, 2][m - 1],  # max
        }))
    files.append(read_file("t02-3.xlsx", "a" * 64, "T02", month(3), {"training_attendance": 4, "lecture_groups": 2}))
    files.append(read_file("t01-2019.xlsx", "b" * 64, "T01", month(2, 2019), {"training_attendance": 50}))
    files.append(read_file("t03-2.xlsx", "c" * 64, "T03", month(2), {"training_attendance": 1},
                           problems=[error("x")]))
    load_read_files(con, files, datetime(2020, 7, 5, 17))
    yield con
    con.close()


def half_values(con, unit: str) -> dict[str, tuple[float, int]]:
    rows = con.execute("SELECT indicator_code, value, months_reported FROM half_year_values "
                       "WHERE unit_code = ? AND half = '2020H1'", [unit]).fetchall()
    return {code: (value, months) for code, value, months in rows}


def test_each_rule_aggregates_the_half(con):
    values = half_values(con, "T01")
    assert values["training_attendance"] == (210, 6)     # sum of 10..60
    assert values["lecture_groups"] == (5, 5)           # last month with a value (June was blank)
    assert values["party_members_mobilized"] == (9, 6)  # the largest month


def test_the_county_is_the_sum_over_units_beside_last_year(con):
    row = con.execute("SELECT value, prev_value, change, change_pct, units_reported, units_expected "
                      "FROM county_half_year WHERE half = '2020H1' AND indicator_code = 'training_attendance'"
                      ).fetchone()
    assert row == (214, 50, 164, pytest.approx(328.0), 2, 22)
    last = con.execute("SELECT value, prev_value, change_pct, units_expected FROM county_half_year "
                       "WHERE half = '2020H1' AND indicator_code = 'lecture_groups'").fetchone()
    assert last == (7, None, None, 16)  # township-only indicator: 16 townships expected


def test_sources_are_the_cells_each_rule_used(con):
    def cells(code):
        return con.execute("SELECT period, source_cell FROM half_year_sources WHERE unit_code = 'T01' "
                           "AND half = '2020H1' AND indicator_code = ? ORDER BY period", [code]).fetchall()
    assert len(cells("training_attendance")) == 6
    assert cells("lecture_groups") == [(month(5), "D6")]
    assert cells("party_members_mobilized") == [(month(2), "D7")]


def test_completeness_marks_late_rejected_and_missing(con):
    def status(unit, m):
        return con.execute("SELECT status FROM monthly_completeness WHERE unit_code = ? AND period = ?",
                           [unit, month(m)]).fetchone()[0]
    assert status("T01", 6) == "accepted"   # received 5 July, deadline 5 July
    assert status("T01", 1) == "late"       # received 5 July, deadline 5 February
    assert status("T03", 2) == "rejected"
    assert status("T04", 2) == "missing"
    set_deadline_day(con, 3)
    assert status("T01", 6) == "late"
