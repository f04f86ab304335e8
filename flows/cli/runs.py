"""The commands that start writing runs: collect, backfill, lock and unlock, and the demo."""
from __future__ import annotations

import getpass
import sys
from datetime import date

import click

from countystat.sources.home import Home
from countystat.sources.months import previous_month
from countystat.warehouse.collect_pipeline import CollectSummary
from countystat.warehouse.locks import refuse_locked_published

from ..artifacts import months_text
from ..ops.run_lock import run_lock
from .common import (MONTH, PeriodType, begun, console, home_option, lock_free, period_with_data, preflight,
                     reference, start_prefect, wait_option)
from .config import init_home
from .render import FIRST_PROBLEMS, print_collect


def run_collect(home: Home, period: date, wait: float) -> CollectSummary:
    """The collect flow on the home for the month (it takes the run lock)."""
    start_prefect(home)
    from ..collect import collect as collect_flow

    return collect_flow(home=str(home.root), month=f"{period:%Y-%m}", wait_for_lock=wait)


@click.command()
@home_option
@click.option("--month", type=MONTH, default=None,
              help="Month to report completeness for (default: last month).")
@wait_option
def collect(home: Home, month: date | None, wait: float) -> None:
    """Collect new inbox files into the warehouse and report the month's completeness.

    Example: countystat collect --month 2020-06
    """
    period = month or previous_month(date.today())
    preflight(home, "create", reference_data=True, inbox=True, prefect=True, folders=[home.archive, home.reports])
    begun(period, f"--month {period:%Y-%m}")
    lock_free(home, wait)
    print_collect(run_collect(home, period, wait))


@click.command()
@home_option
@click.option("--from", "first", type=MONTH, required=True, help="First month to rebuild.")
@click.option("--to", "last", type=MONTH, required=True, help="Last month to rebuild.")
@click.option("--include-locked", is_flag=True, help="Rebuild locked months too (their report has gone out).")
@click.option("--runner", type=click.Choice(["threads", "dask"]), default="threads", show_default=True,
              help="Read on this machine (2 worker processes), or on Dask (a local cluster unless --dask-address).")
@click.option("--dask-address", metavar="tcp://HOST:PORT", default=None, help="An existing Dask scheduler.")
@wait_option
def backfill(home: Home, first: date, last: date, include_locked: bool, runner: str, dask_address: str | None,
             wait: float) -> None:
    """Re-read the archived files of some months with today's code and rebuild those months.

    Reports what changed; running it again changes nothing.

    Example: countystat backfill --from 2019-01 --to 2020-06
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    if first > last:
        raise click.BadParameter(f"--from {first:%Y-%m} is after --to {last:%Y-%m}")
    if dask_address and runner != "dask":
        raise click.BadParameter("--dask-address needs --runner dask")
    preflight(home, "write", reference_data=True, warehouse=True, prefect=True)
    begun(last, f"--to {last:%Y-%m}")
    refuse_locked_published(home.warehouse, first, last, include_locked)  # refused now, not after Prefect starts
    lock_free(home, wait)
    start_prefect(home)
    from ..artifacts import backfill_markdown
    from ..backfill import backfill as backfill_flow
    from ..backfill_tasks import report_progress

    with Progress("re-reading", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console,
                  transient=True) as bar:
        files = bar.add_task("files", total=None)
        report_progress(lambda done, total: bar.update(files, completed=done, total=total))
        try:
            summary = backfill_flow(home=str(home.root), first=f"{first:%Y-%m}", last=f"{last:%Y-%m}",
                                    include_locked=include_locked, runner=runner, dask_address=dask_address,
                                    wait_for_lock=wait)
        finally:
            report_progress(None)
    console.print(backfill_markdown(summary, most=FIRST_PROBLEMS), markup=False, soft_wrap=True)


@click.command()
@home_option
@click.option("--half", type=PeriodType("half"), required=True, help="The half-year whose report has gone out, e.g. 2020H1.")
@click.option("--reason", default="半年报已报出", show_default=True, help="Why, for the record.")
@click.option("--by", default=None, help="Who (default: the login name).")
@wait_option
def lock(home: Home, half: str, reason: str, by: str | None, wait: float) -> None:
    """Lock a half-year's months: forms arriving for them are archived and held, not loaded.

    Example: countystat lock --half 2020H1
    """
    _change_locks(home, half, True, by, reason, wait)


@click.command()
@home_option
@click.option("--half", type=PeriodType("half"), required=True, help="The half-year to unlock, e.g. 2020H1.")
@click.option("--reason", required=True, help="Why the months are reopened, for the record.")
@click.option("--by", default=None, help="Who (default: the login name).")
@wait_option
def unlock(home: Home, half: str, reason: str, by: str | None, wait: float) -> None:
    """Unlock a half-year's months (a reason is required); held forms load at the next backfill.

    Example: countystat unlock --half 2020H1 --reason "县纪委更正6月立案数"
    """
    _change_locks(home, half, False, by, reason, wait)


def _change_locks(home: Home, half: str, lock: bool, by: str | None, reason: str, wait: float) -> None:
    from countystat.reports.halves import parse_half
    from countystat.warehouse.lock_changes import change_locks

    preflight(home, "write", warehouse=True)
    if lock:
        period_with_data(home, half)
    if not reason.strip():
        raise click.BadParameter("--reason must say why")
    with run_lock(home.root, "lock" if lock else "unlock", wait):
        changed = change_locks(home, parse_half(half).months, lock, by or getpass.getuser(), reason.strip())
    verb = "locked" if lock else "unlocked"
    console.print(f"{half}: {verb} {months_text(changed)}" if changed else f"{half}: already {verb}, nothing changed")


@click.command()
@home_option
def demo(home: Home) -> None:
    """Build a demo warehouse: sample forms for 2019-01..2020-06, collected month by month.

    Example: countystat demo --home /tmp/demo-home
    """
    if home.warehouse.exists() or (home.inbox.exists() and any(home.inbox.iterdir())):
        raise click.ClickException(f"{home.root} already has data: give the demo an empty --home")
    preflight(home, "create", prefect=True)
    init_home(home)  # the demo's home starts as any new county's does
    catalog, registry = reference(home)
    console.print(f"demo county: {len(registry.units)} units; home {home.root}")
    start_prefect(home)
    from ..demo import QUERY, build_demo

    for month in build_demo(home, catalog, registry):
        load = month.summary.load
        missing = [s.unit_name for s in month.summary.statuses if s.status == "missing"]
        console.print(
            f"{month.period:%Y-%m}: {month.files} files received: {load.accepted} accepted, "
            f"{load.superseded} superseded, {load.rejected} rejected; "
            f"missing: {', '.join(missing) or 'none'}"
        )
    console.print(f"\nwarehouse: {home.warehouse}\nparquet:   {home.parquet / 'monthly_values'}")
    console.print(f"half-year report: countystat report --half 2020H1 --home {home.root}", soft_wrap=True)
    console.print("query it, for example:", soft_wrap=True)
    console.print(f"  {sys.executable} -c \"import duckdb; duckdb.connect('{home.warehouse}', "
                  f"read_only=True).sql(\\\"{QUERY}\\\").show()\"", soft_wrap=True, markup=False)
