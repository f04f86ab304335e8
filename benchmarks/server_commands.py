"""Server benchmark: a county's month collected by `countystat collect` with a server running for the home,
against the same on Prefect's ephemeral API, beside Prefect's own floor on each.

Usage: python benchmarks/server_commands.py [--runs N] [--keep DIR]

Writes the demo county's forms of June 2020 once, starts a Prefect server as `countystat serve` does
(flows/ops/local_server.py) and, as farm-bench does, times whole processes from outside: one warm-up
of each, then N rounds (default 5), the four processes alternated in each round so that a noisy
machine's drift reaches them alike:
  floor, ephemeral:  an empty flow with the collect run's tasks (as many no-op tasks as a collect run on
                     the server made, on the flow's two threads), in a new process, on Prefect's ephemeral API;
  collect, ephemeral: `countystat collect --month 2020-06` on a fresh home holding the forms, nothing recorded;
  floor, server:     the empty flow, PREFECT_API_URL pointing at the server;
  collect, server:   the same collect on a fresh home in which the server is recorded as serve records it
                     (HOME/.prefect/server.json), nothing exported.
Every process keeps Prefect's state in one folder of the work folder (PREFECT_HOME), warmed by the
warm-up, as a home's .prefect is after its first command. Each collect is checked: exit 0, and the
same counts as the first run printed. Prints the median, min and max wall seconds of each, the
targets (collect with a server <= 5 s; on the ephemeral API within 10 % of its floor) and MET / NOT MET.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from countystat.flows.ops.local_server import LocalServer
from countystat.flows.ops.server_record import write_record
from countystat.sources.demo_forms import write_demo_month
from countystat.sources.home import Home, reference

JUNE = date(2020, 6, 1)
CLI = (sys.executable, "-c", "from countystat.flows.cli import run; run()")  # as the installed script runs
SERVER_TARGET = 5.0  # seconds of wall for the month's collect while a server runs for the home
FLOOR_MARGIN = 0.10  # without a server: at most this much above Prefect's floor
EMPTY_FLOW = """
import sys
from prefect import flow, task
from prefect.task_runners import ThreadPoolTaskRunner

@task
def nothing() -> None:
    pass

@flow(name="empty", task_runner=ThreadPoolTaskRunner(max_workers=2))
def empty(tasks: int) -> None:
    for _ in range(tasks):
        nothing()

empty(int(sys.argv[1]))
"""


def write_forms(work: Path) -> int:
    """The demo county's forms of June 2020 under work/forms; how many."""
    home = Home(work / "reference")
    catalog, registry = reference(home)
    return len(write_demo_month(work / "forms", registry, catalog, JUNE))


def fresh_home(work: Path, name: str) -> Home:
    """A new home under work/homes holding a copy of the month's forms in its inbox."""
    home = Home(work / "homes" / name)
    shutil.copytree(work / "forms", home.inbox)
    return home


def base_env(work: Path) -> dict[str, str]:
    """This environment with no PREFECT_API_URL and Prefect's state in one folder of the work folder."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    return env | {"PREFECT_HOME": str(work / "prefect-home"), "DO_NOT_TRACK": "1",
                  "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}


def run_timed(argv: tuple[str, ...], env: dict[str, str], what: str) -> tuple[float, str]:
    """Wall seconds of one process from its start to its exit, and its stdout; stop on a failure."""
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"FAILED: {what} (exit {done.returncode})\n{done.stdout}\n{done.stderr}")
    return wall, done.stdout


def collect_month(work: Path, name: str, env: dict[str, str], server_url: str | None) -> tuple[float, str]:
    """Wall seconds of `countystat collect` of the month on a fresh home (the server recorded in it, if any),
    and the first line it printed (the inbox and the forms' counts)."""
    home = fresh_home(work, name)
    if server_url:
        write_record(home, server_url, os.getpid())  # this process runs the server, as serve would
    wall, out = run_timed((*CLI, "collect", "--home", str(home.root), "--month", "2020-06"), env, f"collect {name}")
    return wall, out.splitlines()[0]


def checked(run: tuple[float, str], expected: str) -> float:
    """The run's wall seconds; stop unless it said what the warm-up run said."""
    wall, said = run
    if said != expected:
        sys.exit(f"FAILED: a collect said {said!r}, the first one {expected!r}")
    return wall


def task_runs_of_last_collect(api_url: str) -> int:
    """How many task runs the latest collect flow run on the server made."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName, FlowRunFilter, FlowRunFilterId
    from prefect.client.schemas.sorting import FlowRunSort
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: api_url}), get_client(sync_client=True) as client:
        [run] = client.read_flow_runs(flow_filter=FlowFilter(name=FlowFilterName(any_=["collect"])),
                                      sort=FlowRunSort.START_TIME_DESC, limit=1)
        return len(client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[run.id]))))


def measure(work: Path, runs: int, server_url: str) -> tuple[dict[str, list[float]], int, str]:
    """Wall seconds of each of the four processes, `runs` rounds after a warm-up; the floor's task count;
    what every collect said first."""
    env = base_env(work)
    served = env | {"PREFECT_API_URL": server_url}
    _, said = collect_month(work, "warm-server", env, server_url)
    tasks = task_runs_of_last_collect(server_url)
    floor = (sys.executable, "-c", EMPTY_FLOW, str(tasks))
    steps = {
        "floor, ephemeral": lambda n: run_timed(floor, env, "empty flow, ephemeral")[0],
        "collect, ephemeral": lambda n: checked(collect_month(work, f"ephemeral-{n}", env, None), said),
        "floor, server": lambda n: run_timed(floor, served, "empty flow, server")[0],
        "collect, server": lambda n: checked(collect_month(work, f"server-{n}", env, server_url), said),
    }
    for step in steps.values():
        step("warm")
    times: dict[str, list[float]] = {name: [] for name in steps}
    for n in range(runs):
        for name, step in steps.items():
            times[name].append(step(n))
            print(f"  round {n + 1}: {name:<20}{times[name][-1]:7.2f} s", flush=True)
    return times, tasks, said


def report(times: dict[str, list[float]], forms: int, tasks: int, said: str) -> None:
    """Medians (min, max), the targets and verdicts."""
    median = {name: statistics.median(runs) for name, runs in times.items()}
    print(f"\n{forms} forms of one month (every collect: {said}); the floor: an empty flow of {tasks} no-op tasks; "
          f"{len(times['collect, server'])} runs each, alternated; wall seconds")
    print(f"  {'':<22}{'median':>8}{'min':>8}{'max':>8}")
    for name, runs in times.items():
        print(f"  {name:<22}{median[name]:8.2f}{min(runs):8.2f}{max(runs):8.2f}")
    server = median["collect, server"]
    print(f"collect with a server for the home: {server:.2f} s, target <= {SERVER_TARGET:.0f} s: "
          f"{'MET' if server <= SERVER_TARGET else 'NOT MET'}")
    ratio = median["collect, ephemeral"] / median["floor, ephemeral"]
    print(f"collect on the ephemeral API: {ratio:.2f} x its floor ({median['floor, ephemeral']:.2f} s), "
          f"target <= {1 + FLOOR_MARGIN:.2f} x: {'MET' if ratio <= 1 + FLOOR_MARGIN else 'NOT MET'}")
    print(f"start-up saved by the server: {median['collect, ephemeral'] - server:.2f} s a command")


def main() -> None:
    """Write the forms, start the server, time the four processes, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="counted runs of each process (default 5)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="work in DIR (new or empty) and keep it")
    args = parser.parse_args()
    work = (args.keep or Path(tempfile.mkdtemp(prefix="countystat-server-bench-"))).resolve()
    work.mkdir(parents=True, exist_ok=True)
    forms = write_forms(work)
    print(f"work folder {work}; starting a Prefect server as countystat serve does", flush=True)
    with LocalServer(work / "server-prefect-home") as server:
        print(f"server at {server.api_url}", flush=True)
        times, tasks, said = measure(work, args.runs, server.api_url)
    report(times, forms, tasks, said)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
