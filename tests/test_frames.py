"""Analysts' DataFrames: the published warehouse read-only, equal to what SQL gives, never in a run's way."""
from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd
import pytest

from countystat.warehouse.frames import CONTRACT, NoWarehouse, frame, half_year, query
from countystat.warehouse.load import load_read_files
from countystat.warehouse.publish import begin_build, commit_build
from countystat.warehouse.store import open_warehouse, refresh_reference
from tests.loads import read_file

JUNE = datetime(2020, 6, 1).date()


def _published_home(root, catalog, registry, values, sha="a" * 64):
    build = begin_build(root)
    with open_warehouse(build.db) as con:
        refresh_reference(con, catalog, registry)
        load_read_files(con, [read_file("a.xlsx", sha, registry.units[0].code, JUNE, values)],
                        datetime(2020, 7, 3, 9))
    commit_build(build)


def test_every_contract_name_is_a_frame_equal_to_sql(tmp_path, catalog, registry):
    _published_home(tmp_path, catalog, registry, {"cases_filed": 3.0})
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True)
    for name in CONTRACT:
        got = frame(name, home=tmp_path)
        assert isinstance(got, pd.DataFrame)
        assert list(got.columns) == [c[0] for c in con.sql(f"SELECT * FROM {name} LIMIT 0").description]
        assert len(got) == con.execute(f"SELECT count(*) FROM {name}").fetchone()[0], name
    con.close()
    assert frame("monthly_values", home=tmp_path)["value"].tolist() == [3.0]


def test_half_year_is_one_half_in_form_order_with_names(tmp_path, catalog, registry):
    _published_home(tmp_path, catalog, registry, {"cases_filed": 3.0})
    h1 = half_year("2020H1", home=tmp_path)
    assert set(h1["half"]) == {"2020H1"}
    assert h1.loc[h1["indicator_code"] == "cases_filed", ["indicator_name", "value"]].values.tolist() == [["立案", 3.0]]
    assert h1["indicator_code"].tolist() == [i.code for i in catalog.indicators if i.code in set(h1["indicator_code"])]


def test_a_frame_held_keeps_its_version_while_a_run_publishes_the_next(tmp_path, catalog, registry):
    _published_home(tmp_path, catalog, registry, {"cases_filed": 3.0})
    before = frame("monthly_values", home=tmp_path)
    _published_home(tmp_path, catalog, registry, {"cases_filed": 5.0}, sha="b" * 64)  # a correction
    assert before["value"].tolist() == [3.0]
    assert frame("monthly_values", home=tmp_path)["value"].tolist() == [5.0]
    assert query("SELECT sum(value) AS total FROM monthly_values WHERE indicator_code = $code",
                 {"code": "cases_filed"}, home=tmp_path)["total"].tolist() == [5.0]


def test_the_home_comes_from_the_environment(tmp_path, catalog, registry, monkeypatch):
    _published_home(tmp_path, catalog, registry, {"cases_filed": 3.0})
    monkeypatch.setenv("COUNTYSTAT_HOME", str(tmp_path))
    assert len(frame("units")) == len(registry.units)


@pytest.mark.parametrize("call, error, words", [
    (lambda home: frame("monthly_values; DROP TABLE units", home=home), ValueError, "not in the warehouse contract"),
    (lambda home: half_year("2020-06", home=home), ValueError, "not a half-year"),
    (lambda home: frame("units", home=home / "nowhere"), NoWarehouse, "no warehouse at"),
])
def test_bad_requests_are_one_clear_error(tmp_path, catalog, registry, call, error, words):
    _published_home(tmp_path, catalog, registry, {"cases_filed": 3.0})
    with pytest.raises(error, match=words):
        call(tmp_path)
