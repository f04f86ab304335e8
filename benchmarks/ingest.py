"""Ingest benchmark: countystat's collect pipeline against a raw calamine read of the same files.

Usage: python benchmarks/ingest.py [N] [--rounds R] [--keep DIR] [--flow]

Generates N filled standard forms (each a distinct unit-month), then for R rounds measures
  raw:    python_calamine opens each file and reads every worksheet (form + hidden metadata);
  ingest: the collect flow's task functions called plainly (.fn, no Prefect run) on a fresh home:
          hash+scan, archive, read+validate, load into DuckDB, Parquet export.
Reports medians; the target is ingest rate >= 0.33 x raw rate. With --flow it also times the
real Prefect collect flow once, after an empty flow run that estimates Prefect's start-up.
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
from dataclasses import dataclass
from typing import TypeVar
from datetime import date, datetime
from pathlib import Path

import duckdb
import python_calamine

from countystat.flows.home import Home
from countystat.flows.prefect_env import configure_prefect
from countystat.sources.catalog import load_catalog
from countystat.sources.demo_forms import demo_file_name, filled_form, filled_workbook
from countystat.sources.units import load_units

TARGET_RATIO = 0.33
FIRST_YEAR, LAST_YEAR = 2019, 2020
MONTHS = [date(year, month, 1) for year in range(FIRST_YEAR, LAST_YEAR + 1) for month in range(1, 13)]
T = TypeVar("T")
STAGES = ("hash+scan", "archive", "read+validate", "load", "parquet")


@dataclass(frozen=True)
class IngestTiming:
    """Seconds spent in each ingest stage of one round."""

    stages: dict[str, float]

    @property
    def total(self) -> float:
        """Seconds for the whole ingest."""
        return sum(self.stages.values())


def generate_inbox(inbox: Path, count: int) -> list[Path]:
    """Write `count` filled forms, one per distinct unit-month, into inbox/<YYYY-MM>/."""
    catalog, registry = load_catalog(), load_units()
    units = registry.units
    if count > len(units) * len(MONTHS):
        sys.exit(f"N={count} exceeds the {len(units) * len(MONTHS)} distinct demo unit-months")
    written = []
    for i in range(count):
        unit, period = units[i % len(units)], MONTHS[i // len(units)]
        folder = inbox / f"{period:%Y-%m}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / demo_file_name(unit, period, style=i)
        filled_workbook(filled_form(unit, period, catalog), catalog).save(path)
        written.append(path)
    return written


def raw_read(paths: list[Path]) -> float:
    """Seconds for calamine to open each file and read every worksheet into Python rows."""
    gc.collect()
    start = time.perf_counter()
    for path in paths:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        try:
            for meta in book.sheets_metadata:
                if meta.typ == python_calamine.SheetTypeEnum.WorkSheet:
                    book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
        finally:
            book.close()
    return time.perf_counter() - start


def fresh_home(work: Path, name: str, inbox: Path) -> Home:
    """A new home under `work` whose inbox is a copy (mtimes kept) of the generated forms."""
    home = Home(work / name)
    shutil.copytree(inbox, home.inbox)
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
    """Run the collect flow's task functions plainly on `home`, timing each stage."""
    from countystat.flows import collect as c  # imported after configure_prefect

    catalog, registry = load_catalog(), load_units(home.units_csv)
    received_at, today = datetime.now().replace(microsecond=0), date.today()
    stages: dict[str, float] = {}

    def timed(stage: str, work: Callable[[], T]) -> T:
        start = time.perf_counter()
        result = work()
        stages[stage] = time.perf_counter() - start
        return result

    gc.collect()
    _, new = timed("hash+scan", lambda: c.find_new_files.fn(home))
    archived = timed("archive", lambda: c.archive_files.fn(home, new))
    batches = [archived[i:i + c.BATCH_SIZE] for i in range(0, len(archived), c.BATCH_SIZE)]
    read_files = timed("read+validate", lambda: [
        r for b in batches for r in c.read_batch.fn(b, catalog, registry, today)
    ])
    result = timed("load", lambda: c.load_warehouse.fn(home, read_files, received_at, catalog, registry))
    timed("parquet", lambda: c.publish_parquet.fn(home, result.touched_periods))
    return IngestTiming(stages)


def run_flow(work: Path, inbox: Path, count: int) -> None:
    """Time an empty Prefect flow (start-up), then the real collect flow on a fresh home."""
    from prefect import flow

    from countystat.flows.collect import collect

    @flow(name="empty")
    def empty() -> None:
        """Nothing: its run time is Prefect's start-up and per-run overhead."""

    start = time.perf_counter()
    empty()
    startup = time.perf_counter() - start
    home = fresh_home(work, "flow-home", inbox)
    start = time.perf_counter()
    collect(home=str(home.root), month=f"{MONTHS[0]:%Y-%m}")
    flow_seconds = time.perf_counter() - start
    check_accepted(home, count, "Prefect collect flow")
    print("\nPrefect collect flow (one run, same process)")
    print(f"  estimated start-up (empty flow)  {startup:8.2f} s")
    print(f"  collect flow run                 {flow_seconds:8.2f} s")
    print(f"  flow total incl. start-up        {startup + flow_seconds:8.2f} s"
          f"   {count / (startup + flow_seconds):8.1f} files/s")
    print(f"  flow rate excluding start-up     {count / flow_seconds:8.1f} files/s")


def report(count: int, raw: list[float], runs: list[IngestTiming]) -> None:
    """Print median rates, the target verdict and per-stage medians."""
    raw_rate = statistics.median(count / s for s in raw)
    ingest_rate = statistics.median(count / r.total for r in runs)
    ratio = ingest_rate / raw_rate
    verdict = "PASS" if ratio >= TARGET_RATIO else "FAIL"
    print(f"\n{count} files, {len(runs)} rounds, medians")
    print(f"  {'raw calamine read':<26}{raw_rate:10.1f} files/s")
    print(f"  {'countystat ingest':<26}{ingest_rate:10.1f} files/s")
    print(f"  {'ratio ingest/raw':<26}{ratio:10.3f}    target >= {TARGET_RATIO}: {verdict}")
    print("\ningest stages, median ms per file")
    for stage in STAGES:
        ms = statistics.median(1000 * r.stages[stage] / count for r in runs)
        print(f"  {stage:<26}{ms:10.3f}")
    print(f"  {'total':<26}{statistics.median(1000 * r.total / count for r in runs):10.3f}")
    print(f"  {'(raw read, for reference)':<26}{statistics.median(1000 * s / count for s in raw):10.3f}")


def benchmark(work: Path, count: int, rounds: int, with_flow: bool) -> None:
    """Generate the forms, measure raw and ingest rounds, report, optionally time the flow."""
    configure_prefect(Home(work))
    inbox = work / "generated"
    print(f"generating {count} forms in {inbox} ...", flush=True)
    paths = generate_inbox(inbox, count)
    raw: list[float] = []
    runs: list[IngestTiming] = []
    for n in range(1, rounds + 1):
        raw.append(raw_read(paths))
        home = fresh_home(work, f"home-{n}", inbox)
        runs.append(ingest(home))
        check_accepted(home, count, f"round {n}")
        print(f"round {n}: raw {count / raw[-1]:7.1f} files/s, ingest {count / runs[-1].total:7.1f} files/s",
              flush=True)
    report(count, raw, runs)
    if with_flow:
        run_flow(work, inbox, count)


def main() -> None:
    """Parse the command line and run the benchmark in a temp dir (or in --keep DIR)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=400, help="number of forms (default 400)")
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
