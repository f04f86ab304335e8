"""`countystat serve` against real Prefect servers: the schedules, a triggered collect run, clean stops.

Every process here is real: `prefect server start` on a free loopback port, `countystat serve` as
a user runs it, and the flow runs its runner starts. A cold server start takes 15-25 s here.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
import pytest

from countystat.sources.home import Home
from tests.forms import fill_form

CLI = str(Path(sys.executable).with_name("countystat"))
STARTUP_TIMEOUT = 300.0  # a server start, or serve with its own server, on two busy cores
RUN_TIMEOUT = 300.0
STOP_TIMEOUT = 90.0
SHANGHAI = ZoneInfo("Asia/Shanghai")
pytestmark = [pytest.mark.own_servers, pytest.mark.xdist_group("serve")]  # its module fixtures start servers once


def free_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def healthy(api_url: str) -> bool:
    """Whether the Prefect API at api_url answers its health check."""
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
            return response.read().strip() == b"true"
    except OSError:
        return False


def clean_env(**extra: str) -> dict[str, str]:
    """This environment without any Prefect setting the tests made, plus extra."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(DO_NOT_TRACK="1", PYTHONUNBUFFERED="1", **extra)
    return env


class Process:
    """A real process whose stdout and stderr go to files, readable at any time."""

    def __init__(self, args: list[str], env: dict[str, str], folder: Path, name: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.out, self.err = folder / f"{name}.out", folder / f"{name}.err"
        with self.out.open("wb") as out, self.err.open("wb") as err:
            self.popen = subprocess.Popen(args, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err)

    @property
    def stdout(self) -> str:
        return self.out.read_text("utf-8", "replace")

    @property
    def stderr(self) -> str:
        return self.err.read_text("utf-8", "replace")

    def output(self) -> str:
        return f"--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"

    def stop(self, sig: int = signal.SIGTERM) -> int:
        """Send sig and wait for the exit code."""
        self.popen.send_signal(sig)
        try:
            return self.popen.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait()
            pytest.fail(f"did not stop within {STOP_TIMEOUT:.0f} s after {signal.Signals(sig).name}\n{self.output()}")


@contextmanager
def running(args: list[str], env: dict[str, str], folder: Path, name: str) -> Iterator[Process]:
    """Start a process; whatever happens, it is gone afterwards."""
    process = Process(args, env, folder, name)
    try:
        yield process
    finally:
        if process.popen.poll() is None:
            process.popen.kill()
            process.popen.wait()


def wait_for(what: str, check: Callable[[], Any], process: Process, timeout: float = STARTUP_TIMEOUT) -> Any:
    """Poll check() until it returns something truthy; fail early if the process exits."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        if process.popen.poll() is not None:
            pytest.fail(f"exited ({process.popen.returncode}) before {what}\n{process.output()}")
        time.sleep(1)
    pytest.fail(f"no {what} after {timeout:.0f} s\n{process.output()}")


@contextmanager
def prefect_client(api_url: str) -> Iterator[Any]:
    """A Prefect client for the server at api_url (whatever server the test session uses)."""
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: api_url}), get_client(sync_client=True) as client:
        yield client


def read_deployment(api_url: str, name: str) -> Any:
    """The deployment, or None while it does not exist."""
    from prefect.exceptions import ObjectNotFound

    with prefect_client(api_url) as client:
        try:
            return client.read_deployment_by_name(name)
        except ObjectNotFound:
            return None


def next_scheduled_run(api_url: str, deployment_id: Any) -> Any:
    """The deployment's earliest scheduled flow run, or None while the scheduler has made none."""
    from prefect.client.schemas.filters import (
        DeploymentFilter, DeploymentFilterId, FlowRunFilter, FlowRunFilterState, FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType
    from prefect.client.schemas.sorting import FlowRunSort

    with prefect_client(api_url) as client:
        runs = client.read_flow_runs(
            deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment_id])),
            flow_run_filter=FlowRunFilter(state=FlowRunFilterState(type=FlowRunFilterStateType(
                any_=[StateType.SCHEDULED]))),
            sort=FlowRunSort.EXPECTED_START_TIME_ASC, limit=1,
        )
    return runs[0] if runs else None


def logs_of(api_url: str, flow_run_id: Any) -> list[tuple[str, str]]:
    """(level name, message) of each line of the flow run's own log, oldest first."""
    import logging

    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId
    from prefect.client.schemas.sorting import LogSort

    with prefect_client(api_url) as client:
        logs = client.read_logs(LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run_id])), sort=LogSort.TIMESTAMP_ASC)
    return [(logging.getLevelName(log.level), log.message) for log in logs]


def cron_schedules(deployment: Any) -> set[tuple[str, str, bool]]:
    """(cron, timezone, active) of each of the deployment's schedules."""
    return {(s.schedule.cron, s.schedule.timezone, s.active) for s in deployment.schedules}


def assert_clean(process: Process) -> None:
    """No traceback and no Python warning in either stream."""
    assert_clean_text(process.output())


def assert_clean_text(output: str) -> None:
    """No traceback and no Python warning in this output."""
    assert "Traceback" not in output and "Warning:" not in output, output


def with_june_form(home: Home, catalog, registry) -> Home:
    """The home with 黄土岭镇's June 2020 form in its inbox (2 epidemic teams)."""
    fill_form(home.inbox, registry.get("T05"), date(2020, 6, 1), catalog, {"epidemic_teams": 2})
    return home


@pytest.fixture
def inbox_home(tmp_path: Path, catalog, registry) -> Home:
    """A home with 黄土岭镇's June 2020 form in its inbox."""
    return with_june_form(Home(tmp_path / "home"), catalog, registry)


@dataclass
class OwnServerServe:
    """`countystat serve --port PORT` on a home of its own, with no PREFECT_API_URL: it starts its own server."""

    home: Home
    port: int
    process: Process

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"


class Started:
    """The slow starts this module's tests wait for (Prefect's import and a server's cold start take
    15-25 s each here), begun while the tests on the session's Prefect server run (see conftest.py):
    `prefect server start` as ops run it, and two serves with their own local server."""

    def __init__(self) -> None:
        from countystat.sources.catalog import load_catalog
        from countystat.sources.units import load_units

        catalog, registry = load_catalog(), load_units(None)
        self.folder = Path(tempfile.mkdtemp(prefix="countystat-serve-"))
        port = free_port()
        env = clean_env(PREFECT_HOME=str(self.folder / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
        args = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)]
        self.started = time.monotonic()
        self.api_url = f"http://127.0.0.1:{port}/api"
        self.server = Process(args, env, self.folder / "prefect-server", "server")
        self.serves = {}
        for name in ("stopped", "server-killed"):
            home, port = with_june_form(Home(self.folder / name / "home"), catalog, registry), free_port()
            args = [CLI, "serve", "--home", str(home.root), "--port", str(port)]
            self.serves[name] = OwnServerServe(home, port, Process(args, clean_env(), self.folder / name, "serve"))

    def stop(self) -> None:
        """Kill what the tests left running; remove the folder."""
        for process in (self.server, *(serve.process for serve in self.serves.values())):
            if process.popen.poll() is None:
                process.popen.kill()
                process.popen.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def start_early() -> Started:
    """Called by conftest.py when the first test on the session's Prefect server starts."""
    return Started()


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
    assert (inbox_home.prefect_home / "prefect.db").exists()  # its database is under the home

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
    assert "countystat serve: stopped" in serve.stdout


def children(pid: int) -> list[tuple[int, str]]:
    """(pid, command line) of each child process of pid (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid:
                cmdline = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                found.append((int(stat.parent.name), cmdline))
        except (OSError, IndexError, ValueError):
            continue
    return found


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
