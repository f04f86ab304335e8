"""Report benchmark: the half-year report on a warehouse of 10 years x 30 units x 48 indicators.

Usage: python benchmarks/report.py [--rounds R]

Builds the warehouse (submissions loaded directly, no spreadsheets), then times, R times, the report
pipeline the report flow runs (`reports/report_pipeline.py:report`), without Prefect, and each of its
steps: reading the half's tables, drafting the summary, writing the workbook, the .docx, the .md and
trace.csv. Beside them, as a
baseline measured in the same run, a plain scan of the half's monthly rows into Python. Prints
medians; the target is the whole report well under a second beyond Prefect start-up.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import duckdb

from countystat.reports.halves import parse_half
from countystat.reports.plan import load_plan
from countystat.reports.report_pipeline import ReportSteps, report
from countystat.sources.catalog import load_catalog
from countystat.sources.demo_forms import demo_month_values
from countystat.sources.home import Home
from countystat.sources.units import parse_units
from countystat.sources.inbox import ReceivedFile
from countystat.sources.submission import ReportedValue, Submission
from countystat.warehouse.load import ReadFile, load_read_files
from countystat.warehouse.store import connect, refresh_reference

YEARS = range(2011, 2021)
HALF = "2020H1"
TARGET_SECONDS = 1.0
PLAN = Path(__file__).resolve().parents[1] / "reports" / "demo_plan.toml"
STEPS = {"period_data": "read half-year tables", "summary_draft": "draft summary",
         "write_report_files": "write .xlsx .docx .md trace.csv"}  # the pipeline's steps, as printed


def county_units() -> str:
    """units.csv text for 30 units: 22 townships and 8 departments."""
    rows = ["code,name_zh,kind,aliases"]
    rows += [f"T{i:02d},第{i:02d}镇,township," for i in range(1, 23)]
    departments = ("县委办公室", "县委组织部", "县委宣传部", "县纪委监委", "县委巡察办", "县人防办", "县委政法委", "县委统战部")
    rows += [f"D{i:02d},{name},department," for i, name in enumerate(departments, start=1)]
    return "\n".join(rows) + "\n"


def read_file(unit: str, period: date, values: dict[str, float | None]) -> ReadFile:
    """A submission as if read from the unit's form for the month."""
    name, sha = f"{unit}-{period:%Y-%m}.xlsx", f"{unit}{period:%Y%m}".ljust(64, "0")
    received = ReceivedFile(Path(name), name, sha, 0, datetime.combine(period, datetime.min.time()))
    reported = [ReportedValue(code, v, "月报表", f"D{row}") for row, (code, v) in enumerate(values.items(), 5)]
    return ReadFile(received, name, [Submission(name, sha, unit, period, reported)])


def build_warehouse(path: Path) -> int:
    """Load ten years of every unit's monthly values; return the number of values loaded."""
    catalog, registry = load_catalog(), parse_units(county_units())
    con = connect(path)
    refresh_reference(con, catalog, registry)
    count = 0
    for year in YEARS:
        files = []
        for month in range(1, 13):
            period = date(year, month, 1)
            for unit in registry.units:
                values = demo_month_values(unit, period, catalog)
                count += len(values)
                files.append(read_file(unit.code, period, values))
        load_read_files(con, files, datetime(year + 1, 1, 5, 17))
    con.close()
    return count


def timed(work: Callable[[], object], rounds: int) -> tuple[float, object]:
    """Median seconds of `rounds` runs, and the last result."""
    seconds, result = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        result = work()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), result


def timed_steps(seconds: dict[str, float]) -> ReportSteps:
    """The report pipeline's plain steps, each adding its seconds to `seconds` under its printed name."""
    plain = ReportSteps()

    def timing(field: str) -> Callable[..., object]:
        step = getattr(plain, field)

        def run(*args: object) -> object:
            start = time.perf_counter()
            result = step(*args)
            seconds[STEPS[field]] = time.perf_counter() - start
            return result
        return run
    return ReportSteps(**{field: timing(field) for field in STEPS})


def main() -> None:
    """Build the warehouse in a temp dir, time the report's steps, print medians and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="countystat-report-bench-") as tmp:
        work = Path(tmp)
        start = time.perf_counter()
        values = build_warehouse(work / "warehouse.duckdb")
        print(f"warehouse: {len(YEARS)} years x 30 units, {values} monthly values, "
              f"built in {time.perf_counter() - start:.1f} s")
        half, plan, home = parse_half(HALF), load_plan(PLAN), Home(work)
        con = duckdb.connect(str(home.warehouse), read_only=True)
        first, last = half.months[0], half.months[-1]
        baseline, rows = timed(lambda: con.execute(
            "SELECT * FROM monthly_values WHERE period BETWEEN ? AND ?", [first, last]).fetchall(), args.rounds)
        con.close()
        rounds: list[dict[str, float]] = []
        totals: list[float] = []
        for _ in range(args.rounds):
            rounds.append({})
            start = time.perf_counter()
            report(home, half, plan, steps=timed_steps(rounds[-1]))
            totals.append(time.perf_counter() - start)
    steps = {name: statistics.median(r[name] for r in rounds) for name in STEPS.values()}
    total = statistics.median(totals)
    print(f"\n{HALF} report, {args.rounds} rounds, medians")
    print(f"  {'baseline: scan the half':<30}{baseline * 1000:8.1f} ms   ({len(rows)} monthly rows)")
    for name, seconds in steps.items():
        print(f"  {name:<30}{seconds * 1000:8.1f} ms")
    verdict = "PASS" if total < TARGET_SECONDS else "FAIL"
    print(f"  {'report total':<30}{total * 1000:8.1f} ms   {total / baseline:6.1f} x baseline"
          f"   target < {TARGET_SECONDS:.0f} s: {verdict}")


if __name__ == "__main__":
    main()
