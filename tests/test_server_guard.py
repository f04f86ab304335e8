"""Prefect's ephemeral API server dies with countystat, even when countystat alone is killed with SIGKILL."""
from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [pytest.mark.skipif(sys.platform != "linux", reason="the guardian is Linux-only"),
              pytest.mark.own_servers, pytest.mark.xdist_group("guard")]  # `runs` starts its servers once

READY_TIMEOUT = 240.0  # Prefect's import and its server's start take a while on two busy cores
GONE_TIMEOUT = 15.0
SERVER_MARK = b"prefect.server.api.server:create_app"
GUARDIAN_MARK = b"countystat.flows.ops.server_guard"

# Set up as the command line does, run a flow (which starts the ephemeral server), then wait for a line.
RUN = """
import os, sys
from pathlib import Path
from countystat.sources.home import Home
from countystat.flows.ops.prefect_env import configure_prefect
from countystat.flows.ops.server_guard import guard_ephemeral_server

configure_prefect(Home(Path(sys.argv[1])))
guard_ephemeral_server()  # a second call starts no second guardian
if sys.argv[2] == "flow":
    from prefect import flow

    @flow
    def trivial() -> int:
        return 1

    trivial()
print("ready", os.getpid(), flush=True)
sys.stdin.readline()
"""


def start_time(pid: int) -> str | None:
    """Its start time (stat field 22), or None once it is gone or only a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rfind(")") + 2:].split()
    return None if fields[0] == "Z" else fields[19]


def children(parent: int, mark: bytes) -> list[tuple[int, str]]:
    """The parent's running children whose command line holds mark, as (pid, start time)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()
        if fields[0] != "Z" and fields[1] == str(parent) and mark in cmdline:
            found.append((int(entry.name), fields[19]))
    return found


def gone_within(processes: list[tuple[int, str]], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while any(start_time(pid) == started for pid, started in processes):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def kill_left(processes: list[tuple[int, str]]) -> None:
    for pid, started in processes:
        if start_time(pid) == started:
            os.kill(pid, signal.SIGKILL)


def start_run(tmp_path: Path, mode: str, **env: str) -> subprocess.Popen[bytes]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}  # no PREFECT_API_URL
    clean.update(PREFECT_HOME=str(tmp_path / "prefect"), **env)
    return subprocess.Popen([sys.executable, "-c", RUN, str(tmp_path / "home"), mode], env=clean,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=(tmp_path / "stderr.txt").open("wb"), bufsize=0)


def wait_until_ready(run: subprocess.Popen[bytes], tmp_path: Path) -> None:
    said = b""
    deadline = time.monotonic() + READY_TIMEOUT
    while b"ready" not in said:
        left = deadline - time.monotonic()
        assert left > 0, f"not ready in time; stderr: {(tmp_path / 'stderr.txt').read_text()}"
        if select.select([run.stdout], [], [], left)[0]:
            chunk = os.read(run.stdout.fileno(), 4096)
            assert chunk, f"exited with {run.wait()}; stderr: {(tmp_path / 'stderr.txt').read_text()}"
            said += chunk


def finish(run: subprocess.Popen[bytes], *processes: list[tuple[int, str]]) -> None:
    """Leave nothing behind, whatever the test saw."""
    left = children(run.pid, SERVER_MARK) + children(run.pid, GUARDIAN_MARK)
    run.kill()
    run.wait()
    for found in (left, *processes):
        kill_left(found)
    run.stdin.close()
    run.stdout.close()


def one_server_and_one_guardian(run: subprocess.Popen[bytes], tmp_path: Path) -> tuple[list, list]:
    """Once the run is ready: its one Prefect server and its one guardian, as (pid, start time)."""
    wait_until_ready(run, tmp_path)
    servers, guardians = children(run.pid, SERVER_MARK), children(run.pid, GUARDIAN_MARK)
    assert len(servers) == 1 and len(guardians) == 1, (servers, guardians)
    return servers, guardians


@pytest.fixture(scope="module")
def runs(tmp_path_factory, seed_prefect_home) -> Iterator[dict[str, tuple[subprocess.Popen[bytes], Path]]]:
    """The runs the tests below watch, each in its own folder, started together: a start is mostly
    Prefect's import and its server's start, so they overlap rather than queue. Their Prefect homes
    hold a migrated database: these tests watch the server's end, not its migrations."""
    started = {}
    for name, mode, env in (("killed", "flow", {}), ("exits", "flow", {}),
                            ("api-url", "no-flow", {"PREFECT_API_URL": "http://127.0.0.1:9/api"})):
        folder = tmp_path_factory.mktemp(name)
        seed_prefect_home(folder / "prefect")
        started[name] = (start_run(folder, mode, **env), folder)
    yield started
    for run, _ in started.values():
        if not run.stdout.closed:  # a test that did not run: leave nothing behind
            finish(run)


def test_the_server_and_the_guardian_die_when_the_run_alone_is_killed(runs):
    (run, folder), servers, guardians = runs["killed"], [], []
    try:
        servers, guardians = one_server_and_one_guardian(run, folder)
        time.sleep(2)  # the guardian polls twice a second: let it see the server even on a busy machine
        os.kill(run.pid, signal.SIGKILL)  # the run only, not its process group
        run.wait()
        assert gone_within(servers, GONE_TIMEOUT), "the Prefect server outlived its killed parent"
        assert gone_within(guardians, GONE_TIMEOUT), "the guardian outlived its parent"
    finally:
        finish(run, servers, guardians)


def test_a_normal_exit_leaves_no_server_and_no_guardian(runs):
    (run, folder), servers, guardians = runs["exits"], [], []
    try:
        servers, guardians = one_server_and_one_guardian(run, folder)
        run.stdin.write(b"\n")  # the run ends as a command does, stopping its server at exit
        assert run.wait(timeout=60) == 0, (folder / "stderr.txt").read_text()
        assert gone_within(servers, GONE_TIMEOUT), "the Prefect server outlived a normal exit"
        assert gone_within(guardians, GONE_TIMEOUT), "the guardian outlived a normal exit"
    finally:
        finish(run, servers, guardians)


def test_no_guardian_when_prefect_has_an_api_url(runs):
    (run, folder), guardians = runs["api-url"], []
    try:
        wait_until_ready(run, folder)
        guardians = children(run.pid, GUARDIAN_MARK)
        assert guardians == []
    finally:
        finish(run, guardians)
