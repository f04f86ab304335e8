"""Issue 14, items 3, 4, 7 and 10 and the busy home, end to end: each command refuses what would fail
in one line and exit code 1 (3 for a busy home) before Prefect is imported or anything is written, and
takes months and half-years as people type them.

Whether Prefect was started is read from a fresh process: it runs the commands through the CLI's own
entry and then lists the `prefect` modules in sys.modules; a process that never imported Prefect cannot
have started it. One process runs several commands, to keep the tests fast."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from countystat.flows.cli import main
from countystat.flows.ops.run_lock import run_lock
from countystat.sources.home import Home
from countystat.warehouse.load import load_read_files
from countystat.warehouse.store import open_warehouse, refresh_reference

from tests.loads import read_file

ENV = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}  # Prefect's state under the home
# root without the capability to override file permissions: a chmod binds it as it binds a clerk's account
AS_ROOT_BOUND_BY_CHMOD = ("setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--")
RUN_COMMANDS = """
import contextlib, io, json, sys
from countystat.flows.cli import main
done = []
for args in json.loads(sys.argv[1]):
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            main(args, prog_name="countystat")
        except SystemExit as exc:
            done.append([exc.code, [line for line in out.getvalue().splitlines() if line.strip()]])
print(json.dumps({"done": done, "prefect": sorted(m for m in sys.modules if m.partition(".")[0] == "prefect")}))
"""


def run_commands(*commands: list[str], prefix: tuple[str, ...] = ()) -> list[tuple[int, list[str]]]:
    """Each command's exit code and printed lines, run one after the other in one fresh process, which is
    asserted never to have imported Prefect."""
    process = subprocess.run([*prefix, sys.executable, "-c", RUN_COMMANDS, json.dumps(commands)], capture_output=True,
                             text=True, env=ENV, timeout=120, cwd=tempfile.gettempdir())
    assert process.returncode == 0, process.stderr
    report = json.loads(process.stdout)
    assert report["prefect"] == [], report
    return [(code, lines) for code, lines in report["done"]]


def one_line(printed: list[str], *words: str) -> str:
    """The single line printed, which holds every word."""
    assert len(printed) == 1, printed
    assert all(word in printed[0] for word in words), printed[0]
    assert "Traceback" not in printed[0]
    return printed[0]


def with_june_data(home: Home, catalog, registry) -> Home:
    """A warehouse holding one accepted form, 城关镇's June 2020."""
    home.root.mkdir(parents=True, exist_ok=True)
    with open_warehouse(home.warehouse) as con:
        refresh_reference(con, catalog, registry)
        load_read_files(con, [read_file("城关镇6月.xlsx", "a" * 64, "T01", date(2020, 6, 1), {"cases_filed": 3.0})],
                        datetime(2020, 7, 3, 9, 0))
    return home


WRITING_COMMANDS = (["report", "--half", "2020H1"], ["collect", "--month", "2020-06"], ["template", "--month", "2020-06"],
                    ["lock", "--half", "2020H1"], ["backfill", "--from", "2020-01", "--to", "2020-06"], ["demo"],
                    ["rebuild"], ["serve"], ["labels", "approve", "纪检立案", "cases_filed"])


def test_a_read_only_home_is_refused_in_one_line_before_prefect_starts(tmp_path):
    """Item 3: a home nobody may write to, made read-only by chmod 555. Root ignores permission bits through
    its capability CAP_DAC_OVERRIDE, so when the tests run as root the commands run without it (setpriv
    drops it from the bounding set): the chmod then binds them exactly as it binds an ordinary account, and
    a write really fails (checked before the commands run)."""
    root = tmp_path / "home"
    (root / "inbox").mkdir(parents=True)
    root.chmod(0o555)
    prefix: tuple[str, ...] = ()
    try:
        if os.geteuid() == 0:
            if shutil.which("setpriv") is None:
                pytest.skip("running as root without setpriv: a chmod cannot make the home read-only here")
            prefix = AS_ROOT_BOUND_BY_CHMOD
        really = subprocess.run([*prefix, "touch", str(root / "probe")], capture_output=True, text=True)
        assert really.returncode != 0 and not (root / "probe").exists(), "the home is not read-only for the command"
        done = run_commands(*([*args, "--home", str(root)] for args in WRITING_COMMANDS), prefix=prefix)
    finally:
        root.chmod(0o755)
    for args, (code, printed) in zip(WRITING_COMMANDS, done):
        assert code == 1, (args, printed)
        line = one_line(printed, f"主目录 {root} 无法写入（没有写入权限）", "--home")
        assert line.startswith("Error: ")
    assert [p.name for p in root.iterdir()] == ["inbox"] and not any(root.rglob("*.*"))  # nothing written


def test_a_home_under_a_file_is_refused_in_one_line(tmp_path):
    """Item 3 as root sees it too: a home that cannot be made, for a path under a file, fails for every user."""
    (tmp_path / "a_file").write_text("not a folder")
    root = tmp_path / "a_file" / "home"
    done = run_commands(*([*args, "--home", str(root)] for args in WRITING_COMMANDS))
    for args, (code, printed) in zip(WRITING_COMMANDS, done):
        assert code == 1, (args, printed)
        one_line(printed, str(root))


def test_an_inbox_that_is_a_file_is_refused(home):
    """Item 4: collect with the inbox path a file said `inbox: 0 files` and exit 0."""
    home.root.mkdir(parents=True)
    home.inbox.write_text("城关镇6月.xlsx was meant to go inside")
    [(code, printed), (serve_code, serve_printed)] = run_commands(
        ["collect", "--home", str(home.root), "--month", "2020-06"], ["serve", "--home", str(home.root)])
    assert code == serve_code == 1
    assert one_line(printed, f"收件箱 {home.inbox} 是一个文件，不是文件夹", "建立文件夹 inbox") == one_line(serve_printed)
    assert sorted(p.name for p in home.root.iterdir()) == ["inbox"]


@pytest.mark.parametrize("units, words", [
    ("code,name_zh,kind\nT01,城关镇,township\nT01,青石镇,township\n", "第3行：单位代码「T01」重复"),
    ("code,name_zh\nT01,城关镇\n", "缺少列 kind"),
])
def test_status_refuses_a_broken_units_csv_as_template_does(home, catalog, registry, units, words):
    """Item 7: status printed a full table from a broken units.csv and exited 0."""
    with_june_data(home, catalog, registry)
    home.units_csv.write_text(units, encoding="utf-8")
    status = CliRunner().invoke(main, ["status", "--home", str(home.root), "--month", "2020-06"])
    template = CliRunner().invoke(main, ["template", "--home", str(home.root), "--month", "2020-06"])
    assert status.exit_code == template.exit_code == 1
    assert status.output == template.output and words in status.output
    assert status.output.count("\n") == 1 and str(home.units_csv) in status.output


@pytest.mark.parametrize("typed", ["2020-06", "2020-6", "2020/06", "202006", "2020年6月", "2020.6", "２０２０年６月"])
def test_every_way_people_write_a_month_means_that_month(home, catalog, registry, typed):
    """Item 10: `--month 2020-6` was refused."""
    with_june_data(home, catalog, registry)
    status = CliRunner().invoke(main, ["status", "--home", str(home.root), "--month", typed])
    assert status.exit_code == 0, status.output
    assert "2020年6月报送情况" in status.output and "已报送 1" in status.output
    template = CliRunner().invoke(main, ["template", "--home", str(home.root), "--month", typed, "--unit", "T01"])
    assert template.exit_code == 0 and (home.templates / "2020-06").is_dir()


@pytest.mark.parametrize("typed", ["2020-13", "20206", "6月", "2020", "六月"])
def test_a_month_that_is_none_is_one_line_naming_the_forms(home, typed):
    result = CliRunner().invoke(main, ["template", "--home", str(home.root), "--month", typed])
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"Error: --month 「{typed}」不是一个月份：请写成 2020-06、2020-6、2020/06、202006、2020.6 或 2020年6月 "
        "(options: countystat template --help)"]


REFUSED_SPANS = (
    (["report", "--half", "2031H1"], "2031H1（2031年上半年） 还没有到"),
    (["report", "--half", "2019年上半年"], "2019H1（2019年上半年）在"),
    (["lock", "--half", "2015H2"], "有数据的半年：2020H1"),
    (["status", "--month", "2031-01"], "--month 2031-01 还没有到"),
    (["collect", "--month", "2031.1"], "--month 2031-01 还没有到"),
    (["backfill", "--from", "2020年1月", "--to", "2031/6"], "--to 2031-06 还没有到"),
)


def test_a_half_or_month_to_come_or_without_data_is_refused(home, catalog, registry):
    """`report --half 2031H1` exited 0 with a draft full of markers."""
    with_june_data(home, catalog, registry)
    done = run_commands(*([*args, "--home", str(home.root)] for args, _ in REFUSED_SPANS))
    for (args, words), (code, printed) in zip(REFUSED_SPANS, done):
        assert code == 1, (args, printed)
        one_line(printed, words)
    assert not home.reports.exists()


def test_a_half_typed_in_chinese_with_data_passes_the_preflight(home, catalog, registry):
    with_june_data(home, catalog, registry)
    result = CliRunner().invoke(main, ["lock", "--half", "2020年上半年", "--home", str(home.root), "--by", "张三"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("2020H1: locked")


def test_a_busy_home_is_refused_before_prefect_starts(home, catalog, registry):
    """After the restructuring only the flows take the run lock: with another run holding it (and --wait 0),
    a command started Prefect first and only then said busy."""
    with_june_data(home, catalog, registry)
    home.plan_toml.write_text("[report]\ndeadline_day = 9\n", encoding="utf-8")  # a report that takes the lock
    commands = (["collect", "--month", "2020-06"], ["backfill", "--from", "2020-06", "--to", "2020-06"],
                ["report", "--half", "2020H1"])
    with run_lock(home.root, "collect"):
        done = run_commands(*([*args, "--home", str(home.root)] for args in commands))
    for args, (code, printed) in zip(commands, done):
        assert code == 3, (args, printed)
        assert one_line(printed).startswith(f"countystat: busy: collect (pid {os.getpid()}, since ")


def test_the_busy_probe_does_not_keep_the_lock(home):
    from countystat.flows.ops.run_lock import refuse_if_busy

    home.root.mkdir(parents=True)
    refuse_if_busy(home.root)  # never locked: no lock file, nothing created
    assert not any(home.root.iterdir())
    with run_lock(home.root, "collect"):
        pass
    refuse_if_busy(home.root)
    with run_lock(home.root, "collect", wait_seconds=0):  # free at once: the probe kept nothing
        pass
