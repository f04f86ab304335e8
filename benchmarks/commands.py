"""Command benchmark: the commands that need no Prefect, timed as whole processes beside Python's own floor.

Usage: python benchmarks/commands.py [--runs N] [--keep DIR]

Builds a home with a month of the demo county collected (the collect pipeline, without Prefect),
then times each command as a new process, N runs (default 7) after one warm-up, alternated with the
two floors so that a noisy machine's drift reaches them alike:
  floor:    `python -c pass` and `python -c "import countystat.flows.cli"` (the command line itself);
  commands: `countystat validate FILE` (target <= 0.3 s), `status`, `template --unit` (and `check`,
            when this version has it) (targets <= 0.5 s).
Prints each one's median wall and CPU seconds (user + sys of the process), its ratio to
`python -c pass` (median of the pairs), the target and MET / NOT MET, and whether a run of it imported
Prefect or pandas (`-X importtime`). The verdict is on CPU seconds: on a quiet machine a command's wall
time is about its CPU time, on a busy one its wall time is mostly waiting for a core. The processes
run with their bytecode compiled (PYTHONPYCACHEPREFIX under the work folder) as an installed
countystat does, even where PYTHONDONTWRITEBYTECODE is set.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from countystat.flows.cli import main as countystat
from countystat.sources.demo_forms import write_demo_month
from countystat.sources.home import Home, reference
from countystat.warehouse.collect_pipeline import collect

JUNE = date(2020, 6, 1)
CLI = (sys.executable, "-c", "from countystat.flows.cli import run; run()")  # as the installed script runs
FLOORS = {"python -c pass": (sys.executable, "-c", "pass"),
          "import countystat.flows.cli": (sys.executable, "-c", "import countystat.flows.cli")}
TARGETS = {"validate": 0.3, "status": 0.5, "template": 0.5, "check": 0.5}
HEAVY = ("prefect", "pandas")


def demo_home(root: Path) -> tuple[Home, Path]:
    """A home with June 2020 of the demo county collected, and one of its forms (an xlsx) to validate."""
    home = Home(root / "home")
    home.inbox.mkdir(parents=True)
    catalog, registry = reference(home)
    forms = [p for p in write_demo_month(home.inbox, registry, catalog, JUNE) if p.suffix == ".xlsx"]
    collect(home, JUNE, datetime(2020, 7, 3, 9), date.today())
    return home, forms[0]


def commands(home: Home, form: Path, out: Path) -> dict[str, tuple[str, ...]]:
    """Each quick command as a process's arguments."""
    found = {
        "validate": (*CLI, "validate", "--home", str(home.root), str(form)),
        "status": (*CLI, "status", "--home", str(home.root), "--month", "2020-06"),
        "template": (*CLI, "template", "--home", str(home.root), "--month", "2020-06", "--unit", "T01",
                     "--out", str(out)),
    }
    if "check" in countystat.commands:
        found["check"] = (*CLI, "check", "--home", str(home.root))
    return found


def bytecode_env(root: Path) -> dict[str, str]:
    """This environment, with Python writing and reading compiled bytecode under `root`."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return env | {"PYTHONPYCACHEPREFIX": str(root / "pycache")}


def timed(argv: tuple[str, ...], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of the process (its output thrown away)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def heavy_imports(argv: tuple[str, ...], env: dict[str, str]) -> list[str]:
    """The heavy packages (Prefect, pandas) one run of the command imported."""
    done = subprocess.run((argv[0], "-X", "importtime", *argv[1:]), capture_output=True, text=True, check=False,
                          env=env)
    names = {line.split("|")[-1].strip().split(".")[0] for line in done.stderr.splitlines()
             if line.startswith("import time:")}
    return sorted(names & set(HEAVY))


def measure(runs: dict[str, tuple[str, ...]], count: int, env: dict[str, str]) -> dict[str, list[tuple[float, float]]]:
    """(wall, cpu) seconds of each process, `count` rounds after a warm-up, the processes alternated in each round."""
    for argv in runs.values():
        timed(argv, env)
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
    for _ in range(count):
        for name, argv in runs.items():
            times[name].append(timed(argv, env))
    return times


def report(times: dict[str, list[tuple[float, float]]], imports: dict[str, list[str]]) -> None:
    """Medians, ratios to `python -c pass` (pair by pair, CPU), targets and verdicts."""
    floor = [cpu for _, cpu in times["python -c pass"]]
    print(f"\n{len(floor)} runs each, alternated; medians; ratio: CPU to `python -c pass`'s, pair by pair")
    print(f"  {'':<30}{'wall s':>8}{'cpu s':>8}{'ratio':>8}  {'target (cpu)':<20}imports Prefect/pandas")
    for name, runs in times.items():
        ratio = statistics.median(cpu / f for (_, cpu), f in zip(runs, floor))
        wall, cpu = statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)
        target = TARGETS.get(name)
        verdict = f"<= {target} s: {'MET' if cpu <= target else 'NOT MET'}" if target else ""
        heavy = ", ".join(imports[name]) or "none" if name in imports else ""
        print(f"  {name:<30}{wall:8.3f}{cpu:8.3f}{ratio:8.1f}  {verdict:<20}{heavy}")


def main() -> None:
    """Build the home, time the floors and the commands, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="counted runs of each process (default 7)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build the home in DIR (new or empty) and keep it")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="countystat-commands-"))
    root.mkdir(parents=True, exist_ok=True)
    home, form = demo_home(root)
    quick = commands(home, form, root / "templates")
    print(f"home {home.root}; validating {form.name}")
    env = bytecode_env(root)
    times = measure({**FLOORS, **quick}, args.runs, env)
    report(times, {name: heavy_imports(argv, env) for name, argv in quick.items()})


if __name__ == "__main__":
    main()
