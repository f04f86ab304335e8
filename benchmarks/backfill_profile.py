"""Where a backfill's time goes: the pipeline without Prefect, step by step, optionally under cProfile.

Usage: python benchmarks/backfill_profile.py HOME FIRST LAST [--copy] [--profile N] [--reader NAME]

Runs `warehouse/backfill_pipeline.py:backfill` over months FIRST..LAST (YYYY-MM) of HOME with its
plain steps (no Prefect), each step timed (wall and this process's CPU), and prints the steps' seconds
and this process's peak RSS after each;
with --profile N, the whole call under cProfile and its N top entries by own time and by cumulative
time. The read is the pipeline's own (`read_in_process`) unless --reader names another of
backfill_pipeline's readers. With --copy the home is hard-linked into a temporary folder first (a
build copies the warehouse before writing it and Parquet files are replaced, never modified), so a
home kept by benchmarks/backfill.py --keep DIR can be used as it is: pass DIR/home.

A backfill that changes nothing publishes nothing, so HOME is unchanged unless the code changed what
it reads; the script says whether it published.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, Callable

from countystat.sources.home import Home
from countystat.sources.months import parse_month
from countystat.warehouse import backfill_pipeline as pipeline

STEPS = ("start_build", "check_locks", "files_to_reread", "read_batches", "stage", "check_history", "rebuild",
         "log_backfill", "publish")


def timed_steps(steps: pipeline.BackfillSteps, seconds: dict[str, tuple[float, float, int]]) -> pipeline.BackfillSteps:
    """The steps, each recording its (wall, CPU) seconds and this process's peak RSS after it under its name."""
    def timing(name: str, step: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any) -> Any:
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return step(*args)
            finally:
                seconds[name] = (time.perf_counter() - wall, time.process_time() - cpu,
                                 resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
        return run
    return replace(steps, **{name: timing(name, getattr(steps, name)) for name in STEPS})


def main() -> int:
    """Parse the command line, run the backfill timed (and profiled), print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("home", type=Path)
    parser.add_argument("first")
    parser.add_argument("last")
    parser.add_argument("--copy", action="store_true", help="work on a hard-linked copy of HOME in a temporary folder")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="print cProfile's N top entries")
    parser.add_argument("--reader", default="read_in_process", help="backfill_pipeline's function reading the batches")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="countystat-backfill-profile-") as tmp:
        home = args.home
        if args.copy:
            home = Path(tmp) / "home"
            shutil.copytree(args.home, home, symlinks=True, copy_function=os.link)
        seconds: dict[str, tuple[float, float, int]] = {}
        steps = timed_steps(pipeline.BackfillSteps(read_batches=getattr(pipeline, args.reader)), seconds)
        profile = cProfile.Profile() if args.profile else None
        wall = time.perf_counter()
        if profile:
            profile.enable()
        summary = pipeline.backfill(Home(home), parse_month(args.first), parse_month(args.last), date.today(),
                                    steps=steps)
        if profile:
            profile.disable()
        wall = time.perf_counter() - wall
    print(f"backfill {args.first}..{args.last}: {summary.files} files, {wall:.1f} s wall"
          f"{' (under cProfile)' if profile else ''}; published: {summary.published}")
    for name in STEPS:
        if name in seconds:
            step_wall, step_cpu, peak = seconds[name]
            print(f"  {name:<16}{step_wall:8.2f} s wall {step_cpu:8.2f} s CPU (this process),"
                  f" its peak RSS so far {peak / 1e6:6.0f} MB")
    if profile:
        stats = pstats.Stats(profile)
        stats.sort_stats("tottime").print_stats(args.profile)
        stats.sort_stats("cumulative").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
