"""The command line on real warehouse files: what `status` lists, and one-line refusals of bad input."""
from __future__ import annotations

from datetime import date, datetime

from click.testing import CliRunner

from countystat.flows.cli import main
from countystat.sources.problems import error
from countystat.warehouse.load import load_read_files
from countystat.warehouse.store import open_warehouse, refresh_reference

from tests.loads import read_file


def _status(home, month: str):
    return CliRunner().invoke(main, ["status", "--home", str(home.root), "--month", month])


def test_a_file_of_no_month_is_listed_only_under_the_month_it_arrived_in(home, catalog, registry):
    sign_in = read_file("签到表.xlsx", "s" * 64, None, None, {},
                        problems=[error("无法确定报表所属单位和月份", "签到表.xlsx")])
    with open_warehouse(home.warehouse) as con:
        refresh_reference(con, catalog, registry)
        load_read_files(con, [sign_in], datetime(2019, 9, 10, 9, 30))

    arrived = _status(home, "2019-09")
    assert arrived.exit_code == 0, arrived.output
    assert "无法归属的文件 签到表.xlsx" in arrived.output
    for month in ("2019-01", "2019-08", "2019-10", "2020-06"):
        other = _status(home, month)
        assert other.exit_code == 0, other.output
        assert "签到表.xlsx" not in other.output, month


def test_a_file_of_a_known_month_but_no_unit_is_listed_under_its_month(home, catalog, registry):
    stray = read_file("某村报表.xlsx", "t" * 64, None, date(2019, 6, 1), {"cases_filed": 1.0},
                      problems=[error("报表单位「某村」不在单位名册中", "某村报表.xlsx")])
    with open_warehouse(home.warehouse) as con:
        refresh_reference(con, catalog, registry)
        load_read_files(con, [stray], datetime(2019, 9, 10, 9, 30))

    assert "无法归属的文件 某村报表.xlsx" in _status(home, "2019-06").output
    assert "某村报表.xlsx" not in _status(home, "2019-09").output


def test_report_refuses_a_broken_plan_in_one_chinese_line_before_starting_prefect(home):
    with open_warehouse(home.warehouse):
        pass
    home.plan_toml.write_text('[county]\nname = "某某县\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["report", "--home", str(home.root), "--half", "2020H1"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"Error: {home.plan_toml} 第2行「name = \"某某县」："
                                                 "引号没有配对（文字要用一对英文双引号括起来）或有不允许的字符"]
