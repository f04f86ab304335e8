"""Safe publishing: versions swapped atomically, readers never blocked, killed runs leave no trace."""
from __future__ import annotations

import os
import re
import select
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest

from countystat.flows.collect import collect
from countystat.sources.home import Home
from countystat.flows.ops.run_lock import RunLocked, run_lock
from countystat.warehouse.publish import (
    KEEP_VERSIONS, PUBLISHED, abandon_build, begin_build, commit_build, current_version,
)
from countystat.warehouse.store import open_warehouse
from tests.forms import fill_form

JUNE = date(2020, 6, 1)
CLI = str(Path(sys.executable).with_name("countystat"))
ENV = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}  # its own Prefect, as a user runs it


def values(path) -> list[tuple]:
    """Every loaded value, through a fresh read-only connection, as an analyst sees it."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return sorted(con.execute("SELECT unit_code, period, indicator_code, value FROM monthly_values").fetchall(),
                      key=repr)
    finally:
        con.close()


def parquet_files(home) -> dict[str, int]:
    root = home.parquet / "monthly_values"
    return {str(p.relative_to(root)): p.stat().st_ino for p in sorted(root.rglob("*.parquet"))}


def test_a_commit_swaps_the_published_version_and_keeps_a_few_old_ones(tmp_path):
    for n in range(KEEP_VERSIONS + 2):
        build = begin_build(tmp_path)
        with open_warehouse(build.db) as con:
            con.execute("CREATE TABLE IF NOT EXISTS runs (n INTEGER)")
            con.execute("INSERT INTO runs VALUES (?)", [n])
        commit_build(build)
    assert (tmp_path / "warehouse.duckdb").is_symlink() and (tmp_path / "parquet").is_symlink()
    assert current_version(tmp_path).name == f"v-{KEEP_VERSIONS + 2:06d}"
    assert len(list((tmp_path / PUBLISHED).glob("v-*"))) == KEEP_VERSIONS
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True)
    assert con.execute("SELECT count(*) FROM runs").fetchone()[0] == KEEP_VERSIONS + 2
    con.close()


def test_an_abandoned_or_killed_build_never_shows(tmp_path):
    build = begin_build(tmp_path)
    with open_warehouse(build.db) as con:
        con.execute("CREATE TABLE t AS SELECT 1 AS x")
    commit_build(build)
    broken = begin_build(tmp_path)  # a run killed while writing leaves its folder behind
    with open_warehouse(broken.db) as con:
        con.execute("INSERT INTO t VALUES (2)")
    assert current_version(tmp_path).name == "v-000001"
    again = begin_build(tmp_path)  # the next run removes it and starts from the published version
    assert not broken.version.exists() or broken.version == again.version
    with open_warehouse(again.db) as con:
        assert con.execute("SELECT list(x) FROM t").fetchone()[0] == [1]
    abandon_build(again)
    assert not again.version.exists() and current_version(tmp_path).name == "v-000001"


def test_a_warehouse_from_before_versioning_is_adopted(tmp_path):
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    con.execute("CREATE TABLE t AS SELECT 7 AS x")
    con.close()
    (tmp_path / "parquet" / "monthly_values").mkdir(parents=True)
    (tmp_path / "parquet" / "monthly_values" / "keep.parquet").write_bytes(b"x")
    build = begin_build(tmp_path)
    with open_warehouse(build.db) as con:
        assert con.execute("SELECT x FROM t").fetchone()[0] == 7
    commit_build(build)
    assert (tmp_path / "parquet" / "monthly_values" / "keep.parquet").read_bytes() == b"x"


READER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
before = con.execute("SELECT count(*) FROM monthly_values").fetchone()[0]
print("open", before, flush=True)
sys.stdin.readline()  # hold the connection open until told
after = con.execute("SELECT count(*) FROM monthly_values").fetchone()[0]
print("still", after, flush=True)
"""


@pytest.mark.usefixtures("prefect_server")
def test_an_analyst_holding_the_warehouse_open_blocks_nothing_and_sees_no_half_state(home, catalog, registry):
    fill_form(home.inbox, registry.get("T01"), date(2020, 5, 1), catalog, {"epidemic_teams": 3})
    collect(home=str(home.root), month="2020-05")
    before = values(home.warehouse)
    reader = subprocess.Popen([sys.executable, "-c", READER, str(home.warehouse)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout.readline().split() == ["open", str(len(before))]
        fill_form(home.inbox, registry.get("T02"), JUNE, catalog, {"epidemic_teams": 4, "cases_filed": 1})
        summary = collect(home=str(home.root), month="2020-06")  # a read-only reader would block a writer
        assert summary.load.accepted == 1
        reader.stdin.write("\n")
        reader.stdin.flush()
        assert reader.stdout.readline().split() == ["still", str(len(before))]  # its snapshot, whole
    finally:
        reader.kill()
        reader.wait()
    after = values(home.warehouse)  # a new connection sees the new data
    assert set(before) < set(after) and ("T02", JUNE, "epidemic_teams", 4.0) in after


@pytest.mark.usefixtures("prefect_server")
def test_collecting_nothing_new_publishes_nothing(home, catalog, registry):
    fill_form(home.inbox, registry.get("T01"), JUNE, catalog, {"epidemic_teams": 3})
    collect(home=str(home.root), month="2020-06")
    version, files = current_version(home.root), parquet_files(home)
    collect(home=str(home.root), month="2020-06")
    assert current_version(home.root) == version and parquet_files(home) == files


@pytest.mark.usefixtures("prefect_server")
def test_a_second_run_fails_fast_or_waits_while_another_holds_the_home(home, catalog, registry):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; "
         "from countystat.flows.ops.run_lock import run_lock\n"
         "with run_lock(Path(sys.argv[1]), 'backfill'):\n    print('held', flush=True); time.sleep(float(sys.argv[2]))",
         str(home.root), "3"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(RunLocked, match=r"backfill \(pid \d+, since .*\) is writing to"):
            collect(home=str(home.root), month="2020-06", wait_for_lock=0)
        fill_form(home.inbox, registry.get("T01"), JUNE, catalog, {"epidemic_teams": 3})
        started = time.monotonic()
        summary = collect(home=str(home.root), month="2020-06", wait_for_lock=60)  # waits its turn
        assert summary.load.accepted == 1 and time.monotonic() - started > 1
    finally:
        holder.kill()
        holder.wait()


def test_the_command_line_says_busy_with_its_own_exit_code(home, prefect_server):
    with run_lock(home.root, "collect"):  # the flow finds the home busy: on the session's Prefect server
        result = subprocess.run([CLI, "collect", "--home", str(home.root), "--month", "2020-06"],
                                env={**ENV, "PREFECT_API_URL": prefect_server}, capture_output=True, text=True,
                                timeout=300)
    assert result.returncode == 3, result.stderr
    assert result.stderr.startswith("countystat: busy: collect (pid") and "Traceback" not in result.stderr


# Each kill lands just after the run logs the end of one step, so each phase of a first collect is
# cut once, whatever the machine's speed: archiving the inbox (after find_new_files), reading
# (archive_files), between loading the build's DuckDB file and exporting its Parquet (load_warehouse),
# between the export and the commit (export_parquet), and the commit itself, fsyncs and the one
# rename (write_sendbacks). Killed earlier, while the command starts, a run has written nothing.
KILL_AFTER = ("find_new_files", "archive_files", "load_warehouse", "export_parquet", "write_sendbacks")
KILL_TIMEOUT = 300.0  # a run's start on two busy cores


def kill_after(run: subprocess.Popen[bytes], step: str) -> None:
    """SIGKILL the run (and its process group) as soon as its log says the step finished."""
    finished = re.compile(rf"Task run '{step}-\w+' - Finished in state Completed".encode())
    deadline, said = time.monotonic() + KILL_TIMEOUT, b""
    try:
        while not finished.search(said):
            left = deadline - time.monotonic()
            if left <= 0:
                pytest.fail(f"{step} did not finish within {KILL_TIMEOUT:.0f} s:\n{said.decode(errors='replace')}")
            if select.select([run.stderr], [], [], left)[0]:
                chunk = os.read(run.stderr.fileno(), 65536)  # unbuffered: the line is seen as soon as it is written
                assert chunk, f"the run ended before {step} finished:\n{said.decode(errors='replace')}"
                said += chunk
    finally:
        os.killpg(run.pid, signal.SIGKILL)
        run.wait()
        run.stderr.close()


def test_a_run_killed_at_any_moment_leaves_before_or_after_and_the_next_run_completes(home, catalog, registry,
                                                                                     tmp_path, prefect_server):
    for n, unit in enumerate(registry.units):
        for month in range(1, 7):
            fill_form(home.inbox / f"{month}", unit, date(2020, month, 1), catalog,
                      {"epidemic_teams": n + month, "cases_filed": month})
    reference = Home(tmp_path / "reference")  # the same inbox collected without interruption
    reference.root.mkdir()
    reference.inbox.symlink_to(home.inbox, target_is_directory=True)
    collect(home=str(reference.root), month="2020-06")
    done = values(reference.warehouse)
    # Real command-line runs, on the session's Prefect server: the server is not what is killed here.
    env = {**ENV, "COUNTYSTAT_HOME": str(home.root), "PREFECT_API_URL": prefect_server,
           "PREFECT_LOGGING_LEVEL": "INFO"}
    command = [CLI, "collect", "--month", "2020-06", "--wait", "60"]
    seen = {}
    for step in KILL_AFTER:
        run = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, bufsize=0,
                               start_new_session=True)
        kill_after(run, step)
        state = values(home.warehouse) if home.warehouse.exists() else []
        assert state in ([], done), f"killed after {step}: a half-written warehouse"
        seen[step] = "after" if state == done else "before"
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=600)
    assert values(home.warehouse) == done
    assert len(list((home.root / PUBLISHED).glob("v-*"))) <= KEEP_VERSIONS
    assert "before" in seen.values(), seen  # at least one kill landed mid-run
