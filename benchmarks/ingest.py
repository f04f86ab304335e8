"""Ingest benchmark: countystat's collect pipeline against a raw calamine read of the same files.

Usage: python benchmarks/ingest.py [N] [--rounds R] [--keep DIR] [--flow]

Generates N filled standard forms (default 2000), one per unit and month of a synthetic county
set over the first half of 2020, and a messy mix of the same unit-months (a third retyped by hand
as xlsx or exported as GBK CSV, the rest standard), then for R rounds measures
  raw:    python_calamine alone opens each clean file and reads every worksheet (form + hidden
          metadata), with 1 thread and with the flow's number of read threads;
  ingest: the collect pipeline (`warehouse/collect_pipeline.py:collect`, what the flow runs, without
          Prefect) on a fresh home, reading batches on as many threads as the flow's task runner;
          each step timed: hash+scan, archive, read+validate, history rules, locked months, load into
          DuckDB, Parquet export, send-backs, receipt log, publish, completeness;
          for the clean forms and for the messy mix.
Reports medians; the targets are ingest >= 0.33 x raw at the same number of threads, and the messy
mix within 2x the time of the clean forms. With --flow it also times the real Prefect collect flow
on a warm Prefect API, beside an empty flow run.
"""
from __future__ import annotations

import argparse
import gc
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

from countystat.sources.home import Home
from countystat.flows.ops.prefect_env import configure_prefect
from countystat.sources.catalog import load_catalog
from countystat.sources.demo_forms import demo_file_name, filled_form, filled_workbook
from countystat.sources.demo_mess import gbk_csv, retyped_workbook
from countystat.sources.units import parse_units

TARGET_RATIO = 0.33
MESSY_TARGET = 2.0   # the messy mix may take at most twice as long as clean forms
MESSY_EVERY = 3      # one file in three is retyped or a CSV export
MONTHS = [date(2020, month, 1) for month in range(1, 7)]  # a half-year, as the office collects it
T = TypeVar("T")
STAGES = {  # the pipeline's steps, as this benchmark names them
    "find_new_files": "hash+scan", "archive_files": "archive", "read_batches": "read+validate",
    "check_against_history": "history rules", "hold_locked_months": "locked months", "load_warehouse": "load",
    "export_parquet": "parquet", "write_sendbacks": "send-backs", "log_receipts": "receipt log",
    "publish": "publish", "completeness": "completeness",
}


@dataclass(frozen=True)
class IngestTiming:
    """Seconds spent in each ingest stage of one round, and in the whole pipeline."""

    stages: dict[str, float]
    total: float


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
    """Open a file with calamine and read every worksheet into Python rows."""
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    try:
        for meta in book.sheets_metadata:
            if meta.typ == python_calamine.SheetTypeEnum.WorkSheet:
                book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
    finally:
        book.close()


def raw_read(paths: list[Path], workers: int) -> float:
    """Seconds for calamine alone to read every file, with `workers` threads."""
    gc.collect()
    start = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(read_one, paths))
    return time.perf_counter() - start


def fresh_home(work: Path, name: str, units_text: str, source: str = "generated") -> Home:
    """A new home under `work` with the county's units.csv and a copy (mtimes kept) of the forms."""
    home = Home(work / name)
    shutil.copytree(work / source, home.inbox)
    home.units_csv.write_text(units_text, encoding="utf-8")
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


def ingest(home: Home) -> IngestTiming:
    """Run the collect pipeline on `home` as the flow runs it, reading on the flow's threads, timing each step."""
    from countystat.warehouse.archived_reads import READ_WORKERS, read_archived
    from countystat.warehouse.collect_pipeline import CollectSteps, collect

    received_at, today = datetime.now().replace(microsecond=0), date.today()
    stages: dict[str, float] = {}

    def timed(stage: str, step: Callable[..., T]) -> Callable[..., T]:
        def run(*args: object) -> T:
            start = time.perf_counter()
            result = step(*args)
            stages[STAGES[stage]] = stages.get(STAGES[stage], 0.0) + time.perf_counter() - start
            return result
        return run

    def read_on_threads(batches, home, today):  # type: ignore[no-untyped-def]
        with ThreadPoolExecutor(READ_WORKERS) as pool:  # as the flow's task runner reads batches
            return [r for done in pool.map(lambda b: read_archived(b, home, today), batches) for r in done]

    plain = CollectSteps(read_batches=read_on_threads)
    steps = CollectSteps(**{name: timed(name, getattr(plain, name)) if name in STAGES else getattr(plain, name)
                            for name in plain.__dataclass_fields__})
    gc.collect()
    start = time.perf_counter()
    collect(home, MONTHS[-1], received_at, today, steps=steps)
    return IngestTiming(stages, time.perf_counter() - start)


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


def report(count: int, raw1: list[float], raw2: list[float], runs: list[IngestTiming], workers: int) -> None:
    """Print median rates, the ratios, the target verdict and per-stage medians."""
    raw1_rate = statistics.median(count / s for s in raw1)
    raw2_rate = statistics.median(count / s for s in raw2)
    ingest_rate = statistics.median(count / r.total for r in runs)
    ratio = ingest_rate / raw2_rate
    verdict = "PASS" if ratio >= TARGET_RATIO else "FAIL"
    print(f"\n{count} files, {len(runs)} rounds, medians")
    print(f"  {'raw calamine read, 1 thread':<34}{raw1_rate:10.1f} files/s")
    print(f"  {f'raw calamine read, {workers} threads':<34}{raw2_rate:10.1f} files/s")
    print(f"  {f'countystat ingest, {workers} read threads':<34}{ingest_rate:10.1f} files/s")
    print(f"  {f'ratio ingest / raw ({workers} threads)':<34}{ratio:10.3f}    target >= {TARGET_RATIO}: {verdict}")
    print(f"  {'ratio ingest / raw (1 thread)':<34}{ingest_rate / raw1_rate:10.3f}")
    print("\ningest stages, median ms per file")
    for stage in STAGES.values():
        ms = statistics.median(1000 * r.stages[stage] / count for r in runs)
        print(f"  {stage:<34}{ms:10.3f}")
    print(f"  {'total':<34}{statistics.median(1000 * r.total / count for r in runs):10.3f}")


def report_messy(count: int, clean: list[IngestTiming], messy: list[IngestTiming]) -> None:
    """Print the messy mix's rate beside the clean forms' and the 2x verdict."""
    clean_s = statistics.median(r.total for r in clean)
    messy_s = statistics.median(r.total for r in messy)
    ratio = messy_s / clean_s
    verdict = "PASS" if ratio <= MESSY_TARGET else "FAIL"
    print(f"\nmessy mix (1 in {MESSY_EVERY} retyped or CSV), {len(messy)} rounds, medians")
    print(f"  {'ingest, clean forms':<34}{count / clean_s:10.1f} files/s")
    print(f"  {'ingest, messy mix':<34}{count / messy_s:10.1f} files/s")
    print(f"  {'time messy / clean':<34}{ratio:10.2f}    target <= {MESSY_TARGET}: {verdict}")
    for stage in STAGES.values():
        ms = statistics.median(1000 * r.stages[stage] / count for r in messy)
        print(f"  {'messy ' + stage:<34}{ms:10.3f} ms/file")


def benchmark(work: Path, count: int, rounds: int, with_flow: bool) -> None:
    """Generate the forms, measure raw and ingest rounds, report, optionally time the flow."""
    configure_prefect(Home(work))
    from countystat.warehouse.archived_reads import READ_WORKERS

    print(f"generating {count} forms in {work / 'generated'} and a messy mix of them ...", flush=True)
    paths, units_text = generate_inbox(work, count)
    generate_inbox(work, count, messy=True)
    raw1: list[float] = []
    raw2: list[float] = []
    runs: list[IngestTiming] = []
    messy: list[IngestTiming] = []
    for n in range(1, rounds + 1):
        raw1.append(raw_read(paths, 1))
        raw2.append(raw_read(paths, READ_WORKERS))
        home = fresh_home(work, f"home-{n}", units_text)
        runs.append(ingest(home))
        check_accepted(home, count, f"round {n}")
        home = fresh_home(work, f"messy-home-{n}", units_text, "generated-messy")
        messy.append(ingest(home))
        check_accepted(home, count, f"messy round {n}")
        print(f"round {n}: raw {count / raw1[-1]:7.1f} / {count / raw2[-1]:7.1f} files/s (1 / {READ_WORKERS} threads),"
              f" ingest {count / runs[-1].total:7.1f} files/s, messy mix {count / messy[-1].total:7.1f} files/s",
              flush=True)
    report(count, raw1, raw2, runs, READ_WORKERS)
    report_messy(count, runs, messy)
    if with_flow:
        run_flow(work, units_text, count, rounds)


def main() -> None:
    """Parse the command line and run the benchmark in a temp dir (or in --keep DIR)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=2000, help="number of forms (default 2000)")
    parser.add_argument("--rounds", type=int, default=3, help="measured rounds (default 3)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="work in DIR (new or empty) and keep the forms and homes there")
    parser.add_argument("--flow", action="store_true", help="also time the real Prefect collect flow (slow)")
    args = parser.parse_args()
    if args.n < 1 or args.rounds < 1:
        parser.error("N and --rounds must be at least 1")
    if args.keep:
        if args.keep.exists() and any(args.keep.iterdir()):
            parser.error(f"--keep {args.keep} is not empty")
        args.keep.mkdir(parents=True, exist_ok=True)
        benchmark(args.keep.resolve(), args.n, args.rounds, args.flow)
    else:
        with tempfile.TemporaryDirectory(prefix="countystat-bench-") as tmp:
            benchmark(Path(tmp), args.n, args.rounds, args.flow)


if __name__ == "__main__":
    main()
