"""Ingest benchmark: what one more form costs in collect, against a raw calamine read of the same form.

Usage: python benchmarks/ingest.py [N] [--rounds R] [--threads T] [--keep DIR] [--flow]

Generates N filled standard forms (default 2000), one per unit and month of a synthetic county set
over the first half of 2020, and a messy mix of the same unit-months (a third retyped by hand as
xlsx or exported as GBK CSV, the rest standard). Then, for R rounds (default 3) and for each mix:
  raw:       python_calamine alone opens each file and reads every worksheet (`to_python`), one
             thread; a CSV export is read as bytes and decoded (it is text: there is nothing else to read);
  empty run: the collect pipeline (`warehouse/collect_pipeline.py:collect` with its own steps, exactly
             what the collect flow runs, without Prefect) on a fresh home whose inbox is empty;
  full run:  the same on a fresh home holding the N forms (after one untimed run on a few forms, so
             that what a process pays once counts for no form), each step timed (hash+scan, archive,
             read+validate, history rules, locked months, load, Parquet, send-backs, receipt log,
             problem report, publish, completeness); reads on T threads (default: the flow's two);
  floor run: the full run again on another fresh home, its read step replaced by the raw read of each
             archived file (on the same threads) handing on the submissions the real reader made of
             it before the run: what collect would cost if reading and validating cost only calamine's
             raw read, every other step as it is.
The marginal cost of a form is (full run - empty run) / N, in wall and in CPU seconds. Prints medians of the rounds: the raw
read and the marginal cost in ms per form, their ratio against the targets (<= 2x the raw read for
standard forms, <= 3x for the messy mix) and MET / NOT MET, the floor's marginal cost and ratio, then
each step's ms per form. With
--flow it also times the real Prefect collect flow on a warm Prefect API, beside an empty flow run.
"""
from __future__ import annotations

import argparse
import copy
import gc
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

import duckdb
import python_calamine

from countystat.sources.home import Home, reference
from countystat.sources.catalog import load_catalog
from countystat.sources.demo_forms import demo_file_name, filled_form, filled_workbook
from countystat.sources.demo_mess import gbk_csv, retyped_workbook
from countystat.sources.inbox import file_sha256
from countystat.sources.intake import read_submissions
from countystat.sources.submission import Submission
from countystat.sources.units import parse_units

TARGETS = {"standard": 2.0, "messy": 3.0}  # a form's marginal cost in collect at most this many raw reads
MESSY_EVERY = 3      # one file in three is retyped or a CSV export
MONTHS = [date(2020, month, 1) for month in range(1, 7)]  # a half-year, as the office collects it
T = TypeVar("T")
Premade = dict[str, list[Submission]]  # what the real reader made of each file, by its content hash
STAGES = {  # the pipeline's steps, as this benchmark names them
    "find_new_files": "hash+scan", "archive_files": "archive", "read_batches": "read+validate",
    "check_against_history": "history rules", "hold_locked_months": "locked months", "load_warehouse": "load",
    "export_parquet": "parquet", "write_sendbacks": "send-backs", "log_receipts": "receipt log",
    "write_problem_report": "problem report", "publish": "publish", "completeness": "completeness",
}


@dataclass(frozen=True)
class IngestTiming:
    """Seconds spent in each step of one collect run, and in the whole pipeline."""

    stages: dict[str, float]
    total: float
    cpu: float  # CPU seconds of the whole process (every thread: reads, DuckDB's) over the run


@dataclass(frozen=True)
class MixRound:
    """One round of one mix: the raw read of its files, an empty-inbox run, the full run and the floor run
    (the full run with a read step costing only the raw read), in seconds."""

    raw: float
    raw_cpu: float
    empty: IngestTiming
    full: IngestTiming
    floor: IngestTiming

    def marginal(self, count: int) -> float:
        """Wall seconds the run spent per form beyond the run on an empty inbox."""
        return (self.full.total - self.empty.total) / count

    def marginal_cpu(self, count: int) -> float:
        """CPU seconds the run spent per form beyond the run on an empty inbox."""
        return (self.full.cpu - self.empty.cpu) / count

    def figures(self, count: int, clock: str) -> tuple[float, float, float, float]:
        """In wall or cpu seconds: the raw read per form, the empty run, the full run, the marginal cost per form."""
        if clock == "cpu":
            return self.raw_cpu / count, self.empty.cpu, self.full.cpu, self.marginal_cpu(count)
        return self.raw / count, self.empty.total, self.full.total, self.marginal(count)

    def floor_marginal(self, count: int, clock: str) -> float:
        """Wall or CPU seconds per form the floor run spent beyond the run on an empty inbox."""
        if clock == "cpu":
            return (self.floor.cpu - self.empty.cpu) / count
        return (self.floor.total - self.empty.total) / count


def synthetic_units(count: int) -> str:
    """units.csv text for a county set big enough to send `count` forms over the half-year."""
    focus = ("县委办公室", "县委组织部", "县委宣传部", "县纪委监委", "县委巡察办", "县人防办")
    rows = ["code,name_zh,kind,aliases"]
    for i in range(1, -(-count // len(MONTHS)) + 1):
        if i % 4:
            rows.append(f"T{i:04d},第{i:04d}镇,township,")
        else:
            rows.append(f"D{i:04d},{focus[i % len(focus)]}{i:04d},department,")
    return "\n".join(rows) + "\n"


def generate_inbox(work: Path, count: int, messy: bool = False) -> tuple[list[Path], str]:
    """Write `count` filled forms, one per unit-month of a synthetic county, and its units.csv.

    messy: every MESSY_EVERY-th form is retyped by hand (xlsx) or exported as GBK CSV instead.
    """
    units_text = synthetic_units(count)
    catalog, registry = load_catalog(), parse_units(units_text)
    written = []
    for i in range(count):
        unit, period = registry.units[i // len(MONTHS)], MONTHS[i % len(MONTHS)]
        folder = work / ("generated-messy" if messy else "generated") / f"{period:%Y-%m}"
        folder.mkdir(parents=True, exist_ok=True)
        form = filled_form(unit, period, catalog)
        if messy and i % MESSY_EVERY == 0 and i % 2 == 0:
            path = folder / f"{unit.name_zh}{period.month}月统计表.xlsx"
            retyped_workbook(unit, period, catalog, form.month_values, form.ytd_values).save(path)
        elif messy and i % MESSY_EVERY == 0:
            path = folder / f"{unit.name_zh}{period.year}年{period.month}月.csv"
            path.write_bytes(gbk_csv(unit, period, catalog, form.month_values, form.ytd_values))
        else:
            path = folder / demo_file_name(unit, period, style=i)
            filled_workbook(form, catalog, keep_meta=i % 7 != 0).save(path)
        written.append(path)
    return written, units_text


def read_one(path: Path) -> None:
    """Open a file with calamine and read every worksheet into Python rows (a CSV export: its text)."""
    if path.suffix == ".csv":
        path.read_bytes().decode("gb18030")
        return
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    try:
        for meta in book.sheets_metadata:
            if meta.typ == python_calamine.SheetTypeEnum.WorkSheet:
                book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
    finally:
        book.close()


def raw_read(paths: list[Path], workers: int = 1) -> float:
    """Seconds for calamine alone to read every file, with `workers` threads."""
    return raw_read_cpu(paths, workers)[0]


def raw_read_cpu(paths: list[Path], workers: int = 1) -> tuple[float, float]:
    """Wall and CPU seconds for calamine alone to read every file, with `workers` threads."""
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    if workers == 1:
        for path in paths:
            read_one(path)
    else:
        with ThreadPoolExecutor(workers) as pool:
            list(pool.map(read_one, paths))
    return time.perf_counter() - start, time.process_time() - cpu


def fresh_home(work: Path, name: str, units_text: str, source: str | None = "generated") -> Home:
    """A new home under `work` with the county's units.csv and a copy (mtimes kept) of the forms in
    `source` (None: an empty inbox), written out to disk (os.sync) before any run: the kernel flushing this
    setup's copies must not be billed to the run, whose archive copies would wait behind them."""
    home = Home(work / name)
    if source is None:
        home.inbox.mkdir(parents=True)
    else:
        shutil.copytree(work / source, home.inbox)
    home.units_csv.write_text(units_text, encoding="utf-8")
    os.sync()
    return home


def accepted_in_warehouse(home: Home) -> int:
    """The number of accepted submissions in the home's warehouse."""
    with duckdb.connect(str(home.warehouse), read_only=True) as con:
        return con.execute("SELECT count(*) FROM submissions WHERE status = 'accepted'").fetchone()[0]


def check_accepted(home: Home, expected: int, what: str) -> None:
    """Fail loudly unless the warehouse holds exactly `expected` accepted submissions."""
    accepted = accepted_in_warehouse(home)
    if accepted != expected:
        sys.exit(f"FAILED: {what}: {accepted} accepted submissions in the warehouse, expected {expected}")


def premade_reads(paths: list[Path], home: Home) -> Premade:
    """What the real reader makes of each file with the home's catalog and registry, by content hash."""
    catalog, registry = reference(home)
    return {sha: read_submissions(path, path.name, sha, catalog, registry, date.today())
            for path in paths for sha in [file_sha256(path)]}


def timed_collect_steps(threads: int, spent: dict[str, float], names: dict[str, str] = STAGES,  # type: ignore[no-untyped-def]
                        premade: Premade | None = None):
    """The collect pipeline's own steps, batches read on `threads` threads as the flow's task runner reads
    them; each step in `names` adds its wall seconds to `spent[its name]` and its CPU seconds to
    `spent[its name + " cpu"]`. With premade, the read step only reads each archived file raw (`read_one`)
    and hands on the submissions premade for its content."""
    from countystat.warehouse.archived_reads import read_archived
    from countystat.warehouse.collect_pipeline import CollectSteps
    from countystat.warehouse.load import ReadFile

    def timed(step_name: str, step: Callable[..., T]) -> Callable[..., T]:
        name = names[step_name]

        def run(*args: object) -> T:
            start, cpu = time.perf_counter(), time.process_time()
            try:
                return step(*args)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - start
                spent[f"{name} cpu"] = spent.get(f"{name} cpu", 0.0) + time.process_time() - cpu
        return run

    def read_raw(batch, home, today):  # type: ignore[no-untyped-def]
        for _, path in batch:
            read_one(path)
        return [ReadFile(f, str(path), premade[f.sha256]) for f, path in batch]

    read = read_archived if premade is None else read_raw

    def read_on_threads(batches, home, today):  # type: ignore[no-untyped-def]
        with ThreadPoolExecutor(threads) as pool:  # as the flow's task runner reads batches
            return [r for done in pool.map(lambda b: read(b, home, today), batches) for r in done]

    def read_in_turn(batches, home, today):  # type: ignore[no-untyped-def]
        return [r for batch in batches for r in read(batch, home, today)]

    plain = CollectSteps(read_batches=read_in_turn if threads == 1 else read_on_threads)
    return CollectSteps(**{name: timed(name, getattr(plain, name)) if name in names else getattr(plain, name)
                           for name in plain.__dataclass_fields__})


def ingest(home: Home, threads: int, premade: Premade | None = None) -> IngestTiming:
    """Run the collect pipeline on `home` as the flow runs it, reading batches on `threads` threads as the
    flow's task runner does, timing each step (with premade: a floor run, see timed_collect_steps)."""
    from countystat.warehouse.collect_pipeline import collect

    received_at, today = datetime.now().replace(microsecond=0), date.today()
    stages: dict[str, float] = {}
    steps = timed_collect_steps(threads, stages, premade=None if premade is None else copy.deepcopy(premade))
    gc.collect()
    start, cpu = time.perf_counter(), time.process_time()
    collect(home, MONTHS[-1], received_at, today, steps=steps)
    return IngestTiming(stages, time.perf_counter() - start, time.process_time() - cpu)


def run_flow(work: Path, units_text: str, count: int, rounds: int) -> None:
    """Time the real collect flow on fresh homes, after a warm-up run starts Prefect's API."""
    from prefect import flow

    from countystat.flows.collect import collect

    @flow(name="empty")
    def empty() -> None:
        """Nothing: its run time is Prefect's fixed cost per flow run."""

    start = time.perf_counter()
    empty()
    startup = time.perf_counter() - start
    fixed, runs = [], []
    for n in range(1, rounds + 1):
        start = time.perf_counter()
        empty()
        fixed.append(time.perf_counter() - start)
        home = fresh_home(work, f"flow-home-{n}", units_text)
        start = time.perf_counter()
        collect(home=str(home.root), month=f"{MONTHS[-1]:%Y-%m}")
        runs.append(time.perf_counter() - start)
        check_accepted(home, count, f"Prefect collect flow, round {n}")
    flow_run, per_run = statistics.median(runs), statistics.median(fixed)
    print(f"\nPrefect collect flow, {rounds} rounds, medians")
    print(f"  {'Prefect API start-up (once)':<34}{startup:8.2f} s")
    print(f"  {'empty flow run (fixed cost)':<34}{per_run:8.2f} s")
    print(f"  {'collect flow run':<34}{flow_run:8.2f} s   {count / flow_run:8.1f} files/s")
    print(f"  {'collect less the fixed cost':<34}{flow_run - per_run:8.2f} s   "
          f"{count / (flow_run - per_run):8.1f} files/s")


def mix_round(work: Path, mix: str, n: int, paths: list[Path], units_text: str, threads: int) -> MixRound:
    """One round of a mix: the raw read, a run on an empty inbox, the full run and the floor run (each
    checked: every form accepted)."""
    source = "generated-messy" if mix == "messy" else "generated"
    raw, raw_cpu = raw_read_cpu(paths)
    empty = ingest(fresh_home(work, f"{mix}-empty-{n}", units_text, None), threads)
    home = fresh_home(work, f"{mix}-home-{n}", units_text, source)
    full = ingest(home, threads)
    check_accepted(home, len(paths), f"{mix} round {n}")
    floor_home = fresh_home(work, f"{mix}-floor-{n}", units_text, source)
    floor = ingest(floor_home, threads, premade_reads(paths, floor_home))
    check_accepted(floor_home, len(paths), f"{mix} floor round {n}")
    return MixRound(raw, raw_cpu, empty, full, floor)


def report(count: int, rounds: dict[str, list[MixRound]], threads: int) -> None:
    """Print, per mix, the median raw read and marginal cost per form, their ratio and the verdict, then
    each step's median ms per form."""
    print(f"\n{count} forms a mix, {len(rounds['standard'])} rounds, medians; collect reads on {threads} thread(s), "
          "the raw read on one")
    print(f"  {'':<12}{'raw ms/form':>12}{'empty run s':>13}{'full run s':>12}{'collect ms/form':>17}"
          f"{'collect/raw':>13}  target")
    for clock in ("wall", "cpu"):
        if clock == "cpu":
            print("  the same in CPU seconds (every thread of the process; what a busy machine's waiting does not inflate)")
        for mix, runs in rounds.items():
            figures = [r.figures(count, clock) for r in runs]  # raw per form, empty run, full run, marginal per form
            raw, empty, full, marginal = (statistics.median(f[i] for f in figures) for i in range(4))
            ratio = statistics.median(f[3] / f[0] for f in figures)
            verdict = "MET" if ratio <= TARGETS[mix] else "NOT MET"
            name = mix if clock == "wall" else f"{mix} cpu"
            print(f"  {name:<12}{1000 * raw:12.3f}{empty:13.2f}{full:12.2f}{1000 * marginal:17.3f}{ratio:13.2f}"
                  f"  <= {TARGETS[mix]:.0f}x: {verdict}")
    print("\nthe floor: collect with a read step costing only the raw read, every other step as it is")
    print(f"  {'':<12}{'floor ms/form':>14}{'floor/raw':>11}{'the read step ms/form, full / floor':>38}")
    for clock in ("wall", "cpu"):
        for mix, runs in rounds.items():
            floor = statistics.median(r.floor_marginal(count, clock) for r in runs)
            ratio = statistics.median(r.floor_marginal(count, clock) / r.figures(count, clock)[0] for r in runs)
            stage = "read+validate" if clock == "wall" else "read+validate cpu"
            read, read_floor = (statistics.median(1000 * t.stages.get(stage, 0.0) / count for t in timings)
                                for timings in ([r.full for r in runs], [r.floor for r in runs]))
            name = mix if clock == "wall" else f"{mix} cpu"
            print(f"  {name:<12}{1000 * floor:14.3f}{ratio:11.2f}{read:30.3f} / {read_floor:.3f}")
    print("\ncollect steps, median ms per form (full run)")
    print(f"  {'':<20}" + "".join(f"{mix:>12}" for mix in rounds))
    for stage in STAGES.values():
        print(f"  {stage:<20}" + "".join(
            f"{statistics.median(1000 * r.full.stages.get(stage, 0.0) / count for r in runs):12.3f}"
            for runs in rounds.values()))


def warm_up(work: Path, mixes: dict[str, list[Path]], units_text: str, threads: int) -> None:
    """One untimed run on a few forms of each mix: what a process pays once (imports such as the pandas
    DuckDB loads for its first Arrow table, the catalog's caches) is no form's cost."""
    for mix, paths in mixes.items():
        source = work / f"warm-up-{mix}"
        for path in paths[:2 * len(MONTHS)]:
            target = source / path.relative_to(work).relative_to(path.relative_to(work).parts[0])
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
        ingest(fresh_home(work, f"warm-up-home-{mix}", units_text, source.name), threads)


def benchmark(work: Path, count: int, rounds: int, threads: int, with_flow: bool) -> None:
    """Generate the forms, measure the rounds, report, optionally time the flow."""
    from countystat.flows.ops.prefect_env import configure_prefect

    configure_prefect(Home(work))
    print(f"generating {count} forms in {work / 'generated'} and a messy mix of them ...", flush=True)
    mixes = {"standard": generate_inbox(work, count)[0], "messy": generate_inbox(work, count, messy=True)[0]}
    units_text = synthetic_units(count)
    warm_up(work, mixes, units_text, threads)
    measured: dict[str, list[MixRound]] = {mix: [] for mix in mixes}
    for n in range(1, rounds + 1):
        for mix, paths in mixes.items():
            measured[mix].append(mix_round(work, mix, n, paths, units_text, threads))
        print(f"round {n}: " + ", ".join(
            f"{mix} {1000 * runs[-1].marginal(count):.3f} ms/form vs raw {1000 * runs[-1].raw / count:.3f}"
            for mix, runs in measured.items()), flush=True)
    report(count, measured, threads)
    if with_flow:
        run_flow(work, units_text, count, rounds)


def main() -> None:
    """Parse the command line and run the benchmark in a temp dir (or in --keep DIR)."""
    from countystat.warehouse.archived_reads import READ_WORKERS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=2000, help="number of forms (default 2000)")
    parser.add_argument("--rounds", type=int, default=3, help="measured rounds (default 3)")
    parser.add_argument("--threads", type=int, default=READ_WORKERS,
                        help=f"collect's read threads (default {READ_WORKERS}, as the flow reads)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="work in DIR (new or empty) and keep the forms and homes there")
    parser.add_argument("--flow", action="store_true", help="also time the real Prefect collect flow (slow)")
    args = parser.parse_args()
    if args.n < 1 or args.rounds < 1 or args.threads < 1:
        parser.error("N, --rounds and --threads must be at least 1")
    if args.keep:
        if args.keep.exists() and any(args.keep.iterdir()):
            parser.error(f"--keep {args.keep} is not empty")
        args.keep.mkdir(parents=True, exist_ok=True)
        benchmark(args.keep.resolve(), args.n, args.rounds, args.threads, args.flow)
    else:
        with tempfile.TemporaryDirectory(prefix="countystat-bench-") as tmp:
            benchmark(Path(tmp), args.n, args.rounds, args.threads, args.flow)


if __name__ == "__main__":
    main()
