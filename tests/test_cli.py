"""The countystat command line: templates, collect, status, the demo, and clean one-line errors."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from countystat.flows.cli import main
from tests.forms import fill_form

CLI = str(Path(sys.executable).with_name("countystat"))


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_template_writes_one_form_per_unit(home, registry):
    result = invoke("template", "--month", "2020-06", "--home", str(home.root))
    assert result.exit_code == 0, result.output
    assert len(list((home.templates / "2020-06").glob("*.xlsx"))) == len(registry.units)


def test_template_for_one_unit(home):
    result = invoke("template", "--month", "2020-06", "--unit", "T01", "--home", str(home.root))
    assert result.exit_code == 0
    assert [p.name for p in (home.templates / "2020-06").iterdir()] == ["T01_城关镇2020年6月党建工作统计月报表.xlsx"]


def test_home_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("COUNTYSTAT_HOME", str(tmp_path / "envhome"))
    assert invoke("template", "--month", "2020-06", "--unit", "D01").exit_code == 0
    assert (tmp_path / "envhome" / "templates" / "2020-06").is_dir()


@pytest.mark.parametrize("args, words", [
    (["template", "--month", "2020-13"], "「2020-13」不是一个月份：请写成 2020-06、2020-6"),
    (["template", "--month", "2020-06", "--unit", "NOPE"], "单位代码「NOPE」不在单位名册"),
    (["status", "--month", "2020-06"], "还没有数据仓库（warehouse.duckdb）：请先运行 countystat collect"),
    (["template"], "Missing option '--month'. (options: countystat template --help)"),
    (["validate", "城关镇6月.xlsx"], "文件「城关镇6月.xlsx」不存在：请检查文件名和所在文件夹"),
])
def test_bad_arguments_are_one_line_errors(home, args, words):
    home.root.mkdir(parents=True)
    result = CliRunner().invoke(main, args + ["--home", str(home.root)])
    assert result.exit_code != 0 and words in result.output
    assert len(result.output.splitlines()) == 1 and "Traceback" not in result.output


def test_a_bad_units_csv_is_a_one_line_error_from_the_real_command(home):
    home.root.mkdir(parents=True)
    home.units_csv.write_text("code,name_zh,kind,aliases\nA,甲镇,village,\n", encoding="utf-8")
    done = subprocess.run([CLI, "collect", "--home", str(home.root)], capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "第2行：kind（单位类别）应填 township" in done.stderr and "Traceback" not in done.stderr + done.stdout


@pytest.mark.usefixtures("prefect_server")
def test_collect_then_status(home, catalog, registry):
    fill_form(home.inbox, registry.get("T05"), __import__("datetime").date(2020, 6, 1), catalog, {"epidemic_teams": 2})
    collected = invoke("collect", "--month", "2020-06", "--home", str(home.root))
    assert collected.exit_code == 0, collected.output
    assert "accepted 1" in collected.output
    status = invoke("status", "--month", "2020-06", "--home", str(home.root))
    assert status.exit_code == 0
    assert "黄土岭镇" in status.output and "已报送 1" in status.output and f"未报送 {len(registry.units) - 1}" in status.output


def test_demo_builds_the_warehouse_cleanly(demo_run, registry):
    home, output = demo_run
    assert "Traceback" not in output and "Error" not in output
    assert f"warehouse: {home.warehouse}" in output and "read_only=True" in output
    assert (home.root / ".prefect").is_dir()  # Prefect's state stays under the home
    con = duckdb.connect(str(home.warehouse), read_only=True)
    months = con.execute("SELECT count(DISTINCT period) FROM monthly_values").fetchone()[0]
    statuses = dict(con.execute("SELECT status, count(*) FROM submissions GROUP BY status").fetchall())
    blanks = con.execute("SELECT count(*) FROM monthly_values WHERE value IS NULL").fetchone()[0]
    con.close()
    assert months == 18
    assert statuses == {"accepted": len(registry.units) * 18 - 4,  # four unit-months never arrive
                        "rejected": 3,  # 约30 and 29次 sent back and resent; a sign-in sheet that is no form
                        "superseded": 1}  # one corrected the next day
    assert blanks > 0
    files = [p.name for p in home.inbox.rglob("*.*")]
    messy = [n for n in files if n.endswith(".csv") or "统计表" in n or "-" in n]
    assert len(files) > 300 and 0.15 < len(messy) / len(files) < 0.4  # a share retyped, as CSV, or catch-up
    assert len(list((home.parquet / "monthly_values").rglob("*.parquet"))) == 18


def test_demo_refuses_a_home_with_data(demo_home):
    result = CliRunner().invoke(main, ["demo", "--home", str(demo_home.root)])
    assert result.exit_code != 0 and "already has data" in result.output
