"""What tests/test_serve.py uses to watch real processes: a process with its output in files, polling
until a condition holds, Prefect API reads (deployments, scheduled runs, logs), and the servers its
start_early() starts while other tests run (Started).
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
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from countystat.sources.home import Home
from tests.forms import fill_form


CLI = str(Path(sys.executable).with_name("countystat"))
STARTUP_TIMEOUT = 300.0  # a server start, or serve with its own server, on two busy cores
RUN_TIMEOUT = 300.0
STOP_TIMEOUT = 90.0


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


def deployment_names(database: Path) -> set[str]:
    """The names of the deployments a Prefect server's SQLite database holds."""
    import sqlite3

    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as con:
        return {name for (name,) in con.execute("SELECT name FROM deployment")}


def cron_schedules(deployment: Any) -> set[tuple[str, str, bool]]:
    """(cron, timezone, active) of each of the deployment's schedules."""
    return {(s.schedule.cron, s.schedule.timezone, s.active) for s in deployment.schedules}


def with_june_form(home: Home, catalog, registry) -> Home:
    """The home with 黄土岭镇's June 2020 form in its inbox (2 epidemic teams)."""
    fill_form(home.inbox, registry.get("T05"), date(2020, 6, 1), catalog, {"epidemic_teams": 2})
    return home


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

    def __init__(self, seed_prefect_home: Callable[[Path], None]) -> None:
        from countystat.sources.catalog import load_catalog
        from countystat.sources.units import load_units

        catalog, registry = load_catalog(), load_units(None)
        self.folder = Path(tempfile.mkdtemp(prefix="countystat-serve-"))
        port = free_port()
        seed_prefect_home(self.folder / "prefect-home")  # migrated already: these tests watch serve, not migrations
        env = clean_env(PREFECT_HOME=str(self.folder / "prefect-home"), PREFECT_SERVER_ANALYTICS_ENABLED="false")
        args = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)]
        self.started = time.monotonic()
        self.api_url = f"http://127.0.0.1:{port}/api"
        self.server = Process(args, env, self.folder / "prefect-server", "server")
        self.serves = {}
        for name in ("stopped", "server-killed"):
            home, port = with_june_form(Home(self.folder / name / "home"), catalog, registry), free_port()
            seed_prefect_home(home.prefect_home)
            args = [CLI, "serve", "--home", str(home.root), "--port", str(port)]
            self.serves[name] = OwnServerServe(home, port, Process(args, clean_env(), self.folder / name, "serve"))

    def stop(self) -> None:
        """Kill what the tests left running; remove the folder."""
        for process in (self.server, *(serve.process for serve in self.serves.values())):
            if process.popen.poll() is None:
                process.popen.kill()
                process.popen.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


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
