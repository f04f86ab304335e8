"""History benchmark: a province's months collected one after another, the tenth against the first.

Usage: python benchmarks/history.py [--units 3000] [--months 10] [--threads T] [--rounds R]
                                    [--profile N] [--keep DIR]
Quick check: python benchmarks/history.py --units 60 --months 3

Takes (or generates into benchmarks/.cache/, see province_archive.py) a province's archive: --units
units (30 per county) x --months months from 2019-01, one filled standard form each. On a new home
it drops each month's forms into the inbox beside the months before (files stay in the inbox, as
they do in an office's) and, 2 s later (forms arrive before a run, not in the instant it hashes
them: sources/inbox_memo.py hashes again a file changed that recently), runs the collect pipeline
for that month: exactly `warehouse/collect_pipeline.py:collect` with its plain steps, reading on T
threads (default: the flow's two) as benchmarks/ingest.py calls it, without Prefect. An untimed run on a few forms goes
first, so that what a process pays once counts for no month. It prints each month's wall and CPU
seconds (every thread of the process), each step's share of the month, then the ratio month
--months / month 1 (the median over --rounds homes) in wall and in CPU seconds against the target
(<= 1.2) with MET / NOT MET each; the exit code follows the wall ratio.
After every month the warehouse must hold exactly the forms collected so far, all accepted.

--profile N runs cProfile over months 1 and N of the first round and prints their top entries by
own time (the profiler inflates those months' figures, so the ratio is judged on the other rounds
or on a run without it).
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ingest import STAGES, check_accepted, timed_collect_steps
from province_archive import ProvinceArchive, province_archive

from countystat.sources.archive import link_or_copy
from countystat.sources.home import Home, reference
from countystat.sources.inbox_memo import RACY_NS

STEPS = {"start_build": "begin build", **STAGES}  # ingest.py's names, and the copy that opens a new version
TARGET = 1.2  # the tenth month's collect at most this many times the first's
WARM_UP_FORMS = 12
PROFILE_TOP = 25


@dataclass(frozen=True)
class MonthRun:
    """One month's collect: wall and CPU seconds of the whole pipeline, wall seconds of each step."""

    month: date
    wall: float
    cpu: float
    steps: dict[str, float]


def drop_month(archive: ProvinceArchive, month: date, home: Home, limit: int | None = None) -> int:
    """Put the month's forms into the home's inbox (hard links where the disk allows); return how many."""
    folder = home.inbox / f"{month:%Y-%m}"
    folder.mkdir(parents=True, exist_ok=True)
    paths = archive.month_paths(month)[:limit]
    for path in paths:
        link_or_copy(path, folder / path.name)
    return len(paths)


def collect_month(home: Home, month: date, threads: int, profiler: cProfile.Profile | None = None) -> MonthRun:
    """Run the collect pipeline for one month on the home, timing it and each step."""
    from countystat.warehouse.collect_pipeline import collect

    spent: dict[str, float] = {}
    steps = timed_collect_steps(threads, spent, STEPS)
    received_at = datetime.combine(date(month.year + month.month // 12, month.month % 12 + 1, 5), datetime.min.time())
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    try:
        collect(home, month, received_at, date.today(), steps=steps)
    finally:
        if profiler:
            profiler.disable()
    return MonthRun(month, time.perf_counter() - start, time.process_time() - cpu, spent)


def new_home(work: Path, name: str, archive: ProvinceArchive) -> Home:
    """An empty home with the province's units.csv, its catalog and registry read (once per process, as
    every month after the first finds them: no month pays for them)."""
    home = Home(work / name)
    home.inbox.mkdir(parents=True)
    shutil.copy2(archive.units_csv, home.units_csv)
    reference(home)
    return home


def warm_up(work: Path, archive: ProvinceArchive, threads: int) -> None:
    """Two untimed months of a few forms: imports and the catalog's caches are paid by no month."""
    home = new_home(work, "warm-up", archive)
    for month in archive.months[:2]:
        drop_month(archive, month, home, WARM_UP_FORMS)
        collect_month(home, month, threads)


def one_round(work: Path, archive: ProvinceArchive, n: int, threads: int, profile: int | None) -> list[MonthRun]:
    """Collect every month of the archive into a new home, in order; each month checked and printed."""
    home = new_home(work, f"home-{n}", archive)
    runs, collected = [], 0
    for index, month in enumerate(archive.months, start=1):
        collected += drop_month(archive, month, home)
        time.sleep(RACY_NS / 1e9)  # forms arrive before the run, not in the instant it hashes them
        profiler = cProfile.Profile() if profile and index in (1, profile) else None
        runs.append(collect_month(home, month, threads, profiler))
        check_accepted(home, collected, f"round {n}, {month:%Y-%m}")
        print_month(index, runs[-1], profiled=profiler is not None)
        if profiler:
            print_profile(profiler, f"round {n}, month {index} ({month:%Y-%m})")
    return runs


def print_month(index: int, run: MonthRun, profiled: bool) -> None:
    """One line: the month's wall and CPU seconds and each step's share of its wall time."""
    shares = sorted(((name, s) for name, s in run.steps.items() if not name.endswith(" cpu")), key=lambda item: -item[1])
    told = ", ".join(f"{name} {100 * seconds / run.wall:.0f}%" for name, seconds in shares if seconds >= 0.005 * run.wall)
    print(f"  month {index:2d} {run.month:%Y-%m}: wall {run.wall:6.2f} s  cpu {run.cpu:6.2f} s"
          f"{'  (profiled)' if profiled else ''}  | {told}", flush=True)


def print_profile(profiler: cProfile.Profile, what: str) -> None:
    """The profile's top entries by own time."""
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(PROFILE_TOP)
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if "ncalls" in line)
    print(f"\n  cProfile, {what}, top {PROFILE_TOP} by own time:")
    print("\n".join(f"    {line}" for line in [lines[start - 2], *lines[start:]]) + "\n", flush=True)


def report(rounds: list[list[MonthRun]], last: int) -> bool:
    """Print each month's medians over the rounds, each step's seconds, and the verdict; True when met."""
    months = len(rounds[0])
    print(f"\n{len(rounds)} round(s), medians; month N / month 1 in wall and CPU seconds")
    print(f"  {'month':<10}{'wall s':>9}{'cpu s':>9}{'wall / m1':>11}{'cpu / m1':>10}")
    for i in range(months):
        wall = statistics.median(r[i].wall for r in rounds)
        cpu = statistics.median(r[i].cpu for r in rounds)
        wall_ratio = statistics.median(r[i].wall / r[0].wall for r in rounds)
        cpu_ratio = statistics.median(r[i].cpu / r[0].cpu for r in rounds)
        print(f"  {i + 1:<3}{rounds[0][i].month:%Y-%m}{wall:9.2f}{cpu:9.2f}{wall_ratio:11.2f}{cpu_ratio:10.2f}")
    names = [name for name in STEPS.values() if any(name in r[i].steps for r in rounds for i in range(months))]
    print(f"\n  each step's seconds, medians over the rounds: month 1 -> month {last}")
    print(f"    {'':<18}{'wall':>21}{'cpu (the process)':>25}")
    for name in names:
        figures = [statistics.median(r[i].steps.get(f"{name}{clock}", 0.0) for r in rounds)
                   for clock in ("", " cpu") for i in (0, last - 1)]
        print(f"    {name:<18}{figures[0]:8.3f} -> {figures[1]:8.3f} s{figures[2]:12.3f} -> {figures[3]:8.3f} s")
    if months >= 3:
        second = [statistics.median(getattr(r[last - 1], c) / getattr(r[1], c) for r in rounds)
                  for c in ("wall", "cpu")]
        print(f"\n  month {last} / month 2 (the first month pays for a new home's folders and files): "
              f"wall {second[0]:.2f}, cpu {second[1]:.2f}")
    ratio = statistics.median(r[last - 1].wall / r[0].wall for r in rounds)
    cpu_ratio = statistics.median(r[last - 1].cpu / r[0].cpu for r in rounds)
    verdict = {clock: "MET" if value <= TARGET else "NOT MET" for clock, value in (("wall", ratio), ("cpu", cpu_ratio))}
    print(f"\nmonth {last} / month 1 (target <= {TARGET}): wall {ratio:.2f} {verdict['wall']}, "
          f"cpu {cpu_ratio:.2f} {verdict['cpu']}")
    return ratio <= TARGET


def benchmark(work: Path, units: int, months: int, threads: int, rounds: int, profile: int | None,
              keep: bool = False) -> bool:
    """Take the archive, warm up, collect every month in each round, report (homes removed unless kept)."""
    archive = province_archive(units, months)
    print(f"{units} units x {months} months: {units} forms a month, reads on {threads} thread(s)", flush=True)
    warm_up(work, archive, threads)
    measured = []
    for n in range(1, rounds + 1):
        print(f"round {n}:", flush=True)
        measured.append(one_round(work, archive, n, threads, profile if n == 1 else None))
        if not keep:
            shutil.rmtree(work / f"home-{n}", ignore_errors=True)
    return report(measured, months)


def main() -> int:
    """Parse the command line and run the benchmark in a temp dir (or in --keep DIR)."""
    from countystat.warehouse.archived_reads import READ_WORKERS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=3000, help="units, 30 per county (default 3000)")
    parser.add_argument("--months", type=int, default=10, help="months from 2019-01 (default 10)")
    parser.add_argument("--threads", type=int, default=READ_WORKERS,
                        help=f"collect's read threads (default {READ_WORKERS}, as the flow reads)")
    parser.add_argument("--rounds", type=int, default=1, help="homes collected month by month (default 1)")
    parser.add_argument("--profile", type=int, metavar="N", help="cProfile months 1 and N of the first round")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="work in DIR (new or empty) and keep it")
    args = parser.parse_args()
    if args.units < 1 or args.months < 2 or args.threads < 1 or args.rounds < 1:
        parser.error("--units, --threads and --rounds must be at least 1, --months at least 2")
    if args.profile is not None and not 1 < args.profile <= args.months:
        parser.error("--profile N: N between 2 and --months")
    if args.keep:
        if args.keep.exists() and any(args.keep.iterdir()):
            parser.error(f"--keep {args.keep} is not empty")
        args.keep.mkdir(parents=True, exist_ok=True)
        met = benchmark(args.keep.resolve(), args.units, args.months, args.threads, args.rounds, args.profile,
                        keep=True)
    else:
        with tempfile.TemporaryDirectory(prefix="countystat-history-") as tmp:
            met = benchmark(Path(tmp), args.units, args.months, args.threads, args.rounds, args.profile)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
