"""`countystat serve` against real Prefect servers: the schedules, a triggered collect run, clean stops.

Every process here is real: `prefect server start` on a free loopback port, `countystat serve` as
a user runs it, and the flow runs its runner starts. A cold server start takes 15-25 s here.
The process handling, polling and Prefect reads are in tests/serve_helpers.py.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pytest

from countystat.flows.ops.server_record import ServerRecord, read_record, record_path
from countystat.sources.home import Home
from tests.serve_helpers import (
    CLI, RUN_TIMEOUT, deployment_names, STOP_TIMEOUT, OwnServerServe, Process, Started, children, clean_env, cron_schedules, free_port,
    healthy, logs_of, next_scheduled_run, read_deployment, running, wait_for, with_june_form,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
pytestmark = [pytest.mark.own_servers, pytest.mark.xdist_group("serve")]  # its module fixtures start servers once


def assert_clean(process: Process) -> None:
    """No traceback and no Python warning in either stream."""
    assert_clean_text(process.output())


def assert_clean_text(output: str) -> None:
    """No traceback and no Python warning in this output."""
    assert "Traceback" not in output and "Warning:" not in output, output


@pytest.fixture
def inbox_home(tmp_path: Path, catalog, registry) -> Home:
    """A home with 黄土岭镇's June 2020 form in its inbox."""
    return with_june_form(Home(tmp_path / "home"), catalog, registry)


def start_early(seed_prefect_home: Callable[[Path], None]) -> Started:
    """Called by conftest.py when the first test on the session's Prefect server starts."""
    return Started(seed_prefect_home)


@pytest.fixture(scope="module")
def prefect_api(early: Started) -> Iterator[str]:
    """`prefect server start` on a free loopback port, as ops run it, with its state in a temporary folder."""
    server = early.server
    wait_for("a healthy Prefect server", lambda: healthy(early.api_url), server)
    print(f"prefect server start answered {time.monotonic() - early.started:.1f} s after its start")
    yield early.api_url
    # uvicorn shuts down gracefully, then re-raises the SIGTERM it caught: -15 is a clean stop
    assert server.stop() in (0, -signal.SIGTERM), server.output()
    assert_clean(server)


@pytest.fixture(scope="module")
def own_server_serves(early: Started) -> dict[str, OwnServerServe]:
    """The serves with their own local server, started with the others."""
    return early.serves


def test_serve_schedules_and_runs_collect_on_a_real_server(prefect_api, inbox_home, tmp_path):
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL, temporary_settings

    env = clean_env(PREFECT_API_URL=prefect_api)
    with running([CLI, "serve", "--home", str(inbox_home.root)], env, tmp_path, "serve") as serve:
        started = time.monotonic()
        collect = wait_for("collect/countystat", lambda: read_deployment(prefect_api, "collect/countystat"), serve)
        report = wait_for("report/countystat", lambda: read_deployment(prefect_api, "report/countystat"), serve)
        print(f"deployments visible after {time.monotonic() - started:.1f} s")
        assert "serving collect/countystat (0 8 5 * * Asia/Shanghai)" in serve.stdout
        assert f"Prefect server {prefect_api.removesuffix('/api')}" in serve.stdout

        assert cron_schedules(collect) == {("0 8 5 * *", "Asia/Shanghai", True)}
        assert cron_schedules(report) == {("0 8 10 7 *", "Asia/Shanghai", True), ("0 8 10 1 *", "Asia/Shanghai", True)}
        assert collect.parameters == report.parameters == {"home": str(inbox_home.root)}
        assert not collect.paused and not report.paused
        assert read_record(record_path(inbox_home)) == ServerRecord(prefect_api, serve.popen.pid)

        # The server's scheduler has put the next runs on the calendar, in Shanghai time.
        now = datetime.now(SHANGHAI)
        next_collect = wait_for("a scheduled collect run", lambda: next_scheduled_run(prefect_api, collect.id), serve,
                                timeout=120).expected_start_time.astimezone(SHANGHAI)
        assert (next_collect.day, next_collect.hour, next_collect.minute) == (5, 8, 0)
        assert now < next_collect <= now + timedelta(days=31)
        next_report = wait_for("a scheduled report run", lambda: next_scheduled_run(prefect_api, report.id), serve,
                               timeout=120).expected_start_time.astimezone(SHANGHAI)
        assert (next_report.month, next_report.day, next_report.hour) in {(1, 10, 8), (7, 10, 8)}
        assert now < next_report <= now + timedelta(days=184)

        started = time.monotonic()
        with temporary_settings({PREFECT_API_URL: prefect_api}):
            run = run_deployment("collect/countystat", parameters={"month": "2020-06"}, timeout=RUN_TIMEOUT,
                                 poll_interval=1, as_subflow=False)
        print(f"collect deployment run: {run.state.name} after {time.monotonic() - started:.1f} s")
        assert run.state.is_completed(), f"{run.state}\n{serve.output()}"
        assert run.parameters == {"home": str(inbox_home.root), "month": "2020-06"}
        said = wait_for("the run's counts in its log", lambda: [
            m for level, m in logs_of(prefect_api, run.id) if level == "INFO" and m.startswith("forms: ")], serve,
            timeout=60)
        assert said == ["forms: accepted 1, rejected 0, superseded 0, held 0"]

        # A run with a bad parameter says why in its own log, in one ERROR line of ours.
        before_failing = len(serve.stderr)
        with temporary_settings({PREFECT_API_URL: prefect_api}):
            failed = run_deployment("collect/countystat", parameters={"month": "2020-13"}, timeout=RUN_TIMEOUT,
                                    poll_interval=1, as_subflow=False)
        assert failed.state.is_failed(), f"{failed.state}\n{serve.output()}"
        errors = wait_for("the failed run's reason in its log", lambda: [
            m for level, m in logs_of(prefect_api, failed.id) if level == "ERROR"], serve, timeout=60)
        assert errors and errors[0].startswith("collect failed: ") and "2020-13" in errors[0], errors
        assert "\n" not in errors[0] and len([m for m in errors if m.startswith("collect failed")]) == 1
        assert not [m for m in errors if "Traceback" in m], errors  # the run's own log: our line, no traceback

        con = duckdb.connect(str(inbox_home.warehouse), read_only=True)
        rows = con.execute("SELECT unit_name, value FROM monthly_values WHERE period = DATE '2020-06-01' "
                           "AND indicator_code = 'epidemic_teams'").fetchall()
        con.close()
        assert rows == [("黄土岭镇", 2.0)]

        assert serve.stop(signal.SIGTERM) == 0, serve.output()
    assert_clean_text(serve.stdout + serve.stderr[:before_failing])
    # Serve's console shows the failed run's reason too, before Prefect's own traceback of the failure.
    failing = serve.stderr[before_failing:]
    reason, traceback = failing.find("collect failed: 「2020-13」"), failing.find("Traceback")
    assert reason >= 0 and (traceback == -1 or reason < traceback), failing
    assert serve.stdout.rstrip().endswith("countystat serve: stopped")
    assert not record_path(inbox_home).exists()
    # Against a shared server the schedules are paused when serving stops, as Prefect does.
    assert read_deployment(prefect_api, "collect/countystat").paused


def test_serve_starts_and_stops_its_own_server(own_server_serves):
    own = own_server_serves["stopped"]
    serve, inbox_home, port, api_url = own.process, own.home, own.port, own.api_url
    started = time.monotonic()
    wait_for("a healthy local server", lambda: healthy(api_url), serve)
    print(f"the local server answered after {time.monotonic() - started:.1f} s of waiting")
    collect = wait_for("collect/countystat", lambda: read_deployment(api_url, "collect/countystat"), serve)
    assert cron_schedules(collect) == {("0 8 5 * *", "Asia/Shanghai", True)}
    wait_for("report/countystat", lambda: read_deployment(api_url, "report/countystat"), serve)
    assert f"UI at local Prefect server http://127.0.0.1:{port}" in serve.stdout
    assert deployment_names(inbox_home.prefect_home / "prefect.db") >= {"countystat"}  # its database is the home's
    # Recorded in the home, so every command on it uses this server (tests/test_server_record.py).
    assert read_record(record_path(inbox_home)) == ServerRecord(api_url, serve.popen.pid)

    # The line serve prints is all another shell needs for the prefect command line.
    [export] = [line[line.index("export "):] for line in serve.stdout.splitlines() if "export PREFECT_API_URL=" in line]
    assert export == f"export PREFECT_API_URL={api_url}"
    shell = subprocess.run(["bash", "-c", f"{export} && prefect deployment ls"], capture_output=True, text=True,
                           timeout=120, env=clean_env(HOME=str(inbox_home.root.parent / "shell-home"), COLUMNS="200",
                                                      PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}"))
    assert shell.returncode == 0, shell.stdout + shell.stderr
    listed = " ".join(shell.stdout.split())
    assert "collect/countystat" in listed and "report/countystat" in listed, shell.stdout

    second = subprocess.run([CLI, "serve", "--home", str(inbox_home.root), "--port", str(free_port())],
                            env=clean_env(), capture_output=True, text=True, timeout=120)
    assert second.returncode == 1 and second.stderr.strip() == (
        f"Error: another countystat serve (pid {serve.popen.pid}) runs a Prefect server on "
        f"{inbox_home.prefect_home}"
    )

    assert serve.stop(signal.SIGTERM) == 0, serve.output()
    assert_clean(serve)
    assert not healthy(api_url)  # the server is stopped with it
    assert not record_path(inbox_home).exists()  # and so is its record
    assert "countystat serve: stopped" in serve.stdout


def test_serve_exits_with_one_line_when_its_server_dies(own_server_serves):
    own = own_server_serves["server-killed"]
    serve, inbox_home = own.process, own.home
    wait_for("a healthy local server", lambda: healthy(own.api_url), serve)
    wait_for("collect/countystat", lambda: read_deployment(own.api_url, "collect/countystat"), serve)
    [server_pid] = [pid for pid, command in children(serve.popen.pid) if "server start" in command]
    os.kill(server_pid, signal.SIGKILL)
    code = serve.popen.wait(STOP_TIMEOUT)
    assert code == 1, serve.output()
    assert_clean(serve)
    assert serve.stderr.strip().splitlines()[-1] == (
        "Error: the local Prefect server stopped unexpectedly (killed by SIGKILL); "
        f"its log is {inbox_home.prefect_home / 'server.log'}"
    )


def test_serve_says_in_one_line_when_prefect_api_url_answers_nothing(home):
    api_url = f"http://127.0.0.1:{free_port()}/api"
    done = subprocess.run([CLI, "serve", "--home", str(home.root)], env=clean_env(PREFECT_API_URL=api_url),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"Error: no Prefect server answers at PREFECT_API_URL={api_url}: start it (prefect server start) "
        "or unset PREFECT_API_URL to let countystat serve start one"
    )
    assert done.stdout == ""
