"""Backfill benchmark: a province-size archive re-read serially and on Dask, beside the raw read rate.

Usage: python benchmarks/backfill.py [--units 3000] [--months 12] [--repeat 3]
                                     [--runners threads,dask] [--keep DIR]
Quick check: python benchmarks/backfill.py --units 60 --months 2 --repeat 1

Builds (or takes from benchmarks/.cache/, see province_archive.py) a province's archive: --units
units (30 per county) x --months months from 2019-01, one filled standard form each (36,000 forms
by default). Setup: the forms go into a new home's inbox month by month and the real `collect`
flow runs once per month (timed and printed as "collect"), so that the warehouse knows every file,
as it does before a backfill. Then for --repeat rounds it measures
  raw:      python-calamine alone opens every archived file and reads every worksheet, on 1 thread
            and on 2 threads (benchmarks/ingest.py's raw read), in this process;
  backfill: `countystat.flows.backfill.backfill(home, first, last, runner=...)` over all the months,
            with runner "threads" (this machine: reading in 2 worker processes) and "dask" (a LocalCluster),
            each in a fresh Python process on the home restored to its post-collect state.
Each collect or backfill process first runs an empty flow, timed apart as Prefect's start-up; the
flow calls are timed after it (files/s), and the whole process from start to exit is what the
60-second target judges, printed beside the raw read of the same files (measured in the same round). Peak memory is the largest sum of the RSS of that process and all its
children (Prefect's API server, Dask's worker processes), sampled every 0.1 s with psutil, and is
what the 1.5 GB target judges; the same sum of PSS and the largest single process's ru_maxrss are
printed beside it. Reports medians, ratios to the raw read, and MET / NOT MET.

--keep DIR keeps the work folder; run again with the same DIR and parameters, the collected home is
reused and the (slow) setup skipped. If countystat.flows.backfill does not exist, the script says
so and times the rest. --backfill-callable module:function (hidden) times a stand-in instead, to
check this harness.

Each job runs as benchmarks/backfill_job.py in a fresh process, measured by benchmarks/job_process.py;
the home's setup, snapshot and check are benchmarks/backfill_home.py.
"""
from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from backfill_home import SETUP_RECORD, archived_files, load_setup, restore, set_up, warehouse_facts
from job_process import MB, Measured, log_tail, measure

TARGET_SECONDS = 60.0
TARGET_BYTES = 1.5e9  # 1.5 GB
RAW_THREADS = (1, 2)
RUNNERS = ("threads", "dask")
RUNNER_LABEL = {"threads": "backfill here (runner=threads)", "dask": "backfill on Dask (LocalCluster)"}
BACKFILL = "countystat.flows.backfill:backfill"  # module:function (--backfill-callable, to check the harness)


@dataclass
class Rounds:
    """Every round's measurements."""

    raw: dict[int, list[float]] = field(default_factory=lambda: {n: [] for n in RAW_THREADS})
    backfill: dict[str, list[Measured]] = field(default_factory=lambda: {r: [] for r in RUNNERS})


def backfill_missing(target: str) -> str | None:
    """Why the backfill flow cannot be timed, or None when it can."""
    module = target.split(":")[0]
    try:
        spec = importlib.util.find_spec(module)
    except ImportError as exc:
        return f"{module} cannot be found ({exc})"
    if spec is None:
        return f"the backfill flow is missing: {module} does not exist yet"
    return None


def benchmark(work: Path, units: int, months: int, repeat: int, runners: list[str], target: str = BACKFILL) -> int:
    """Build the archive and the home, measure the rounds, print the report; return the exit code."""
    from ingest import raw_read
    from province_archive import province_archive, read_back

    archive = province_archive(units, months)
    problems = read_back(archive, sample=24)
    if problems:
        print("FAILED: the generated archive does not read back as written:\n  " + "\n  ".join(problems[:5]))
        return 1
    count = len(archive.forms)
    first, last = f"{archive.months[0]:%Y-%m}", f"{archive.months[-1]:%Y-%m}"
    print(f"archive: {units} units x {months} months = {count} forms, {first}..{last};"
          f" a sample of 24 reads back exactly as written", flush=True)

    home, keep = work / "home", work / "post-collect"
    reused = load_setup(work, archive.root)
    if reused is not None:
        collected, facts = reused
        print(f"setup: reusing the collected home in {work} (its collect was measured when it was built)")
    else:
        collected, facts, failure = set_up(work, home, keep, archive)
        if failure:
            print(failure)
            return 1
    per_month = ", ".join(f"{s:.1f}" for s in collected.result["per_month"])
    print(f"setup: collect {collected.seconds:.1f} s ({count / collected.seconds:.1f} files/s; per month {per_month}),"
          f" Prefect start-up {collected.result['startup_seconds']:.1f} s, process {collected.wall:.1f} s,"
          f" peak RSS {collected.peak_rss / MB:.0f} MB ({collected.breakdown()})\n  warehouse: {facts}", flush=True)
    paths = archived_files(home)
    if len(paths) != count:
        print(f"FAILED: the archive holds {len(paths)} files, expected {count}")
        return 1

    missing = backfill_missing(target)
    if missing:
        print(f"\nNOTE: {missing}; the backfill is not timed (raw reads only).", flush=True)
        runners = []
    rounds = Rounds()
    checks: list[str] = []
    failed: dict[str, str] = {}  # runner -> why its run failed (it is not run again)
    for n in range(1, repeat + 1):
        for threads in RAW_THREADS:
            rounds.raw[threads].append(raw_read(paths, threads))
        line = [f"round {n}: raw " + " / ".join(f"{count / rounds.raw[t][-1]:.0f}" for t in RAW_THREADS)
                + f" files/s ({' / '.join(map(str, RAW_THREADS))} threads)"]
        for runner in [r for r in runners if r not in failed]:
            restore(home, keep)
            job = {"kind": "backfill", "home": str(home), "first": first, "last": last, "runner": runner,
                   "callable": target}
            run = measure(job, work, f"backfill-{runner}-{n}")
            if not run.ok:
                print(f"FAILED: backfill runner={runner}, round {n}: {run.result['error']}\n{log_tail(run.log)}")
                failed[runner] = f"round {n}: {run.result['error']}"
                line.append(f"{runner} FAILED")
                continue
            rounds.backfill[runner].append(run)
            after = warehouse_facts(home / "warehouse.duckdb")
            if after != facts:
                checks.append(f"round {n}, runner={runner}: the warehouse changed: {facts} -> {after}")
            if n == 1:
                print(f"  backfill runner={runner} returned: {run.result.get('summary')}\n"
                      f"  backfill runner={runner}: peak RSS {run.peak_rss / MB:.0f} MB = {run.breakdown()}")
            line.append(f"{runner} {count / run.seconds:.0f} files/s ({run.seconds:.1f} s,"
                        f" {run.peak_rss / MB:.0f} MB)")
        print(", ".join(line), flush=True)
    restore(home, keep)
    return report(count, rounds, collected, runners, missing, checks, failed)


def report(count: int, rounds: Rounds, collected: Measured, runners: list[str], missing: str | None,
           checks: list[str], failed: dict[str, str]) -> int:
    """Print the table, the ratios and the verdicts; return the exit code."""
    raw_rate = {t: statistics.median(count / s for s in rounds.raw[t]) for t in RAW_THREADS}
    n = len(rounds.raw[RAW_THREADS[0]])
    print(f"\n{count} files, medians of {n} round{'s' if n > 1 else ''} (collect: the one setup run)")
    print(f"  {'':<36}{'files/s':>9}{'timed s':>9}{'start s':>9}{'proc s':>9}{'peak MB':>9}{'PSS MB':>9}"
          f"{'maxrss MB':>10}"
          + "".join(f"{f'/raw {t}t':>9}" for t in RAW_THREADS))

    def row(label: str, rate: float, *cells: float | None) -> None:
        seconds, startup, wall, peak, pss, maxrss = cells
        text = [f"{rate:9.1f}"] + [f"{v:9.1f}" if v is not None else f"{'-':>9}" for v in (seconds, startup, wall)]
        text += [f"{v / MB:9.0f}" if v is not None else f"{'-':>9}" for v in (peak, pss)]
        text.append(f"{maxrss / MB:10.0f}" if maxrss is not None else f"{'-':>10}")
        text += [f"{rate / raw_rate[t]:9.3f}" for t in RAW_THREADS]
        print(f"  {label:<36}" + "".join(text))

    for t in RAW_THREADS:
        row(f"raw calamine read, {t} thread{'s' if t > 1 else ''}", raw_rate[t],
            statistics.median(rounds.raw[t]), None, None, None, None, None)
    flow_runs = len(collected.result.get("per_month", []))
    row(f"collect flow ({flow_runs} runs, setup)", count / collected.seconds, collected.seconds,
        collected.result.get("startup_seconds"), collected.wall, collected.peak_rss, collected.peak_pss,
        collected.peak_maxrss)
    verdicts: list[bool] = []
    verdict_lines: list[str] = []
    for runner in runners:
        runs = rounds.backfill[runner]
        if not runs:
            verdicts.append(False)
            verdict_lines.append(f"  {RUNNER_LABEL[runner]}: FAILED ({failed.get(runner, 'not run')})")
            continue
        if runner in failed:
            verdicts.append(False)
            verdict_lines.append(f"  {RUNNER_LABEL[runner]}: a later round FAILED ({failed[runner]})")
        wall = statistics.median(r.wall for r in runs)
        peak = statistics.median(r.peak_rss for r in runs)
        row(RUNNER_LABEL[runner], statistics.median(count / r.seconds for r in runs),
            statistics.median(r.seconds for r in runs), statistics.median(r.result["startup_seconds"] for r in runs),
            wall, peak, statistics.median(r.peak_pss for r in runs), statistics.median(r.peak_maxrss for r in runs))
        fast, small = wall <= TARGET_SECONDS, peak <= TARGET_BYTES
        verdicts.append(fast and small)
        raw = statistics.median(rounds.raw[1])
        verdict_lines.append(
            f"  {RUNNER_LABEL[runner]}: whole process {wall:.1f} s (worst {max(r.wall for r in runs):.1f};"
            f" {wall / raw:.1f}x the raw read's {raw:.1f} s on 1 thread), target {TARGET_SECONDS:.0f} s:"
            f" {met(fast)}, {'over' if not fast else 'under'} it by {abs(wall - TARGET_SECONDS):.1f} s;"
            f" peak {peak / MB:.0f} MB (worst {max(r.peak_rss for r in runs) / MB:.0f}),"
            f" target {TARGET_BYTES / MB:.0f} MB: {met(small)}")
    print("\n  timed s: the raw read; the collect() calls; the backfill() call. start s: Prefect's import and"
          "\n    API start-up in that fresh process (an empty flow run before the timed flows; not in"
          "\n    files/s). proc s: the whole process, Python start to exit (what the targets judge)."
          "\n  peak MB (what the memory target judges): the largest sum of RSS over the job's process and"
          "\n    all its children (Prefect's API server, Dask's workers), sampled every 0.1 s with psutil;"
          "\n    pages shared between processes count once per process, so it is an upper bound. PSS MB:"
          "\n    the same sum of PSS (shared pages split between the processes sharing them). maxrss MB:"
          "\n    the largest single process's ru_maxrss (getrusage: the job process, its reaped children)."
          "\n  /raw Nt: files/s over the raw read's files/s on N threads.")
    if missing:
        print(f"\nbackfill: NOT TIMED: {missing}.\n  targets (whole backfill ≤ {TARGET_SECONDS:.0f} s,"
              f" peak ≤ {TARGET_BYTES / MB:.0f} MB): no verdict")
        return 2
    print(f"\ntargets: the whole {count}-form backfill ≤ {TARGET_SECONDS:.0f} s, peak memory"
          f" ≤ {TARGET_BYTES / MB:.0f} MB (medians)")
    for line in verdict_lines:
        print(line)
    for problem in checks:
        print(f"  CHECK FAILED: {problem}")
    if not checks:
        print("  the warehouse after every backfill is as the collect left it (accepted, values, their sum)")
    return 0 if all(verdicts) and not checks else 1


def met(ok: bool) -> str:
    """A target's verdict."""
    return "MET" if ok else "NOT MET"


def main() -> int:
    """Parse the command line; run the benchmark in a temp dir (or --keep DIR), or one job."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=3000, help="units, 30 per county (default 3000)")
    parser.add_argument("--months", type=int, default=12, help="months from 2019-01 (default 12)")
    parser.add_argument("--repeat", type=int, default=3, help="measured rounds (default 3)")
    parser.add_argument("--runners", default=",".join(RUNNERS),
                        help="backfill runners to time, of threads,dask (default both)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="work in DIR and keep it; a DIR kept by an earlier run with the same archive "
                             "has its collected home reused (the setup's collect is skipped)")
    parser.add_argument("--backfill-callable", default=BACKFILL, help=argparse.SUPPRESS)
    args = parser.parse_args()
    runners = [r for r in args.runners.split(",") if r]
    if any(r not in RUNNERS for r in runners):
        parser.error(f"--runners must be among {','.join(RUNNERS)}")
    if args.units < 1 or not 1 <= args.months <= 96 or args.repeat < 1:
        parser.error("--units and --repeat must be at least 1, --months 1 to 96")
    if args.keep:
        if args.keep.exists() and any(args.keep.iterdir()) and not (args.keep / SETUP_RECORD).exists():
            parser.error(f"--keep {args.keep} is neither empty nor kept by an earlier run")
        args.keep.mkdir(parents=True, exist_ok=True)
        return benchmark(args.keep.resolve(), args.units, args.months, args.repeat, runners, args.backfill_callable)
    with tempfile.TemporaryDirectory(prefix="countystat-backfill-") as tmp:
        return benchmark(Path(tmp), args.units, args.months, args.repeat, runners, args.backfill_callable)


if __name__ == "__main__":
    sys.exit(main())
