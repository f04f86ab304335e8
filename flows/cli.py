"""The countystat command line: thin commands over the library and the Prefect flows."""
from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from countystat.sources.catalog import Catalog, CatalogError, load_catalog
from countystat.sources.units import UnitRegistry, UnitsError, load_units

from .home import Home, resolve_home
from .months import MonthError, month_range, parse_month, previous_month

console = Console(width=None if sys.stdout.isatty() else 160)
DEMO_FIRST, DEMO_LAST = date(2019, 1, 1), date(2020, 6, 1)


def home_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add --home DIR (else $COUNTYSTAT_HOME, else ./countystat-home) and pass a Home."""
    @click.option("--home", "home_dir", metavar="DIR", default=None,
                  help="countystat home (default: $COUNTYSTAT_HOME or ./countystat-home).")
    @functools.wraps(command)
    def wrapper(home_dir: str | None, **kwargs: Any) -> Any:
        return command(home=resolve_home(home_dir), **kwargs)
    return wrapper


class MonthType(click.ParamType):
    """A YYYY-MM option value, converted to the first day of that month."""

    name = "YYYY-MM"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return parse_month(value)
        except MonthError as exc:
            self.fail(str(exc), param, ctx)


MONTH = MonthType()


def reference(home: Home) -> tuple[Catalog, UnitRegistry]:
    """The catalog and the unit registry, or a one-line error naming what is wrong."""
    try:
        return load_catalog(), load_units(home.units_csv)
    except (CatalogError, UnitsError) as exc:
        raise click.ClickException(str(exc)) from None


@click.group()
def main() -> None:
    """countystat: monthly party-building statistics forms, collected into a warehouse."""


@main.command()
@home_option
@click.option("--month", type=MONTH, required=True, help="The month the forms are for.")
@click.option("--unit", "unit_code", metavar="CODE", default=None, help="Only this unit's form.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to write into (default: HOME/templates/YYYY-MM).")
def template(home: Home, month: date, unit_code: str | None, out: Path | None) -> None:
    """Write the standard monthly form for each unit (xlsx), to send out.

    Example: countystat template --month 2020-06 --unit T01
    """
    from countystat.sources.form_template import write_form

    period = month
    catalog, registry = reference(home)
    units = registry.units
    if unit_code:
        unit = registry.get(unit_code)
        if unit is None:
            raise click.ClickException(f"unit {unit_code!r} is not in {registry.source}")
        units = (unit,)
    folder = out or home.templates / f"{period:%Y-%m}"
    for unit in units:
        write_form(unit, period, catalog, folder)
    console.print(f"wrote {len(units)} form(s) for {period:%Y-%m} to {folder}")


@main.command()
@home_option
@click.option("--month", type=MONTH, default=None,
              help="Month to report completeness for (default: last month).")
def collect(home: Home, month: date | None) -> None:
    """Collect new inbox files into the warehouse and report the month's completeness.

    Example: countystat collect --month 2020-06
    """
    reference(home)  # fail fast, in one line, on a bad catalog or units.csv
    summary = _run_collect(home, month or previous_month(date.today()))
    _print_collect(summary)


@main.command()
@home_option
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def validate(home: Home, files: tuple[Path, ...]) -> None:
    """Check forms before sending them, loading nothing; exit 1 if any must be corrected.

    Example: countystat validate 城关镇6月报表.xlsx
    """
    from countystat.sources.inbox import file_sha256
    from countystat.sources.intake import read_submissions

    catalog, registry = reference(home)
    blocked = 0
    for path in files:
        for sub in read_submissions(path, path.name, file_sha256(path), catalog, registry, date.today()):
            unit = registry.get(sub.unit_code).name_zh if sub.unit_code else "单位不明"
            month = f"{sub.period.year}年{sub.period.month}月" if sub.period else "月份不明"
            if sub.status == "accepted":
                filled = sum(v.value is not None for v in sub.values)
                console.print(f"[green]通过[/] {path.name}（{unit} {month}）：{filled}项有数，"
                              f"{len(sub.values) - filled}项空白", soft_wrap=True)
            else:
                blocked += 1
                console.print(f"[red]需修改[/] {path.name}（{unit} {month}）：", soft_wrap=True)
            for message in sub.messages():
                console.print(f"    {message}", soft_wrap=True, markup=False)
    if blocked:
        raise SystemExit(1)


@main.command()
@home_option
@click.option("--month", type=MONTH, default=None, help="The month (default: last month).")
def status(home: Home, month: date | None) -> None:
    """Show each unit's status for a month (accepted, rejected, missing).

    Example: countystat status --month 2020-06
    """
    import duckdb

    from countystat.warehouse.status import month_status, unattributed_rejections

    from .summary import status_counts, status_table

    period = month or previous_month(date.today())
    if not home.warehouse.exists():
        raise click.ClickException(f"no warehouse at {home.warehouse}: run `countystat collect` first")
    con = duckdb.connect(str(home.warehouse), read_only=True)
    try:
        statuses = month_status(con, period)
        strays = unattributed_rejections(con, period)
    finally:
        con.close()
    console.print(status_table(statuses, f"{period.year}年{period.month}月报送情况"))
    console.print(status_counts(statuses))
    for stray in strays:
        console.print(f"[red]无法归属的文件[/] {stray.source_file}: {stray.messages[0] if stray.messages else ''}")


class HalfType(click.ParamType):
    """A 2020H1-style option value."""

    name = "YYYYH1|YYYYH2"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from countystat.reports.halves import HalfError, parse_half

        try:
            return parse_half(value).label
        except HalfError as exc:
            self.fail(str(exc), param, ctx)


@main.command()
@home_option
@click.option("--half", type=HalfType(), required=True, help="The half-year, e.g. 2020H1.")
def report(home: Home, half: str) -> None:
    """Write the half-year indicator workbook and summary draft (.docx, .md) with its trace.

    Example: countystat report --half 2020H1
    """
    from countystat.reports.plan import PlanError, load_plan

    if not home.warehouse.exists():
        raise click.ClickException(f"no warehouse at {home.warehouse}: run `countystat collect` first")
    try:
        load_plan(home.plan_toml)
    except PlanError as exc:
        raise click.ClickException(str(exc)) from None
    from .prefect_env import configure_prefect

    configure_prefect(home)
    from .report import report as report_flow

    files = report_flow(home=str(home.root), half=half)
    console.print(f"{half} report written to {files.workbook.parent}:")
    for path in (files.workbook, files.docx, files.markdown, files.trace):
        console.print(f"  {path.name}")
    if files.missing:
        console.print(f"[yellow]{len(files.missing)} figure(s) could not be computed and are marked in the draft:[/]")
        for marker in files.missing:
            console.print(f"  {marker}")


@main.command()
@home_option
def demo(home: Home) -> None:
    """Build a demo warehouse: sample forms for 2019-01..2020-06, collected month by month.

    Example: countystat demo --home /tmp/demo-home
    """
    from countystat.sources.demo_forms import collection_time, write_demo_month

    if home.warehouse.exists() or (home.inbox.exists() and any(home.inbox.iterdir())):
        raise click.ClickException(f"{home.root} already has data: give the demo an empty --home")
    catalog, registry = reference(home)
    console.print(f"demo county: {len(registry.units)} units; home {home.root}")
    home.root.mkdir(parents=True, exist_ok=True)
    if not home.plan_toml.exists():
        from importlib import resources

        home.plan_toml.write_text((resources.files("countystat.reports") / "demo_plan.toml").read_text("utf-8"),
                                  encoding="utf-8")
    for period in month_range(DEMO_FIRST, DEMO_LAST):
        files = write_demo_month(home.inbox, registry, catalog, period)
        summary = _run_collect(home, period, received_at=collection_time(period))
        load = summary.load
        missing = [s.unit_name for s in summary.statuses if s.status == "missing"]
        console.print(
            f"{period:%Y-%m}: {len(files)} files received: {load.accepted} accepted, "
            f"{load.superseded} superseded, {load.rejected} rejected; "
            f"missing: {', '.join(missing) or 'none'}"
        )
    query = ("SELECT unit_name, sum(value) AS cases FROM monthly_values "
             "WHERE indicator_code = 'cases_filed' AND period BETWEEN '2020-01-01' AND '2020-06-01' "
             "GROUP BY ALL ORDER BY cases DESC")
    console.print(f"\nwarehouse: {home.warehouse}\nparquet:   {home.parquet / 'monthly_values'}")
    console.print(f"half-year report: countystat report --half 2020H1 --home {home.root}", soft_wrap=True)
    console.print("query it, for example:", soft_wrap=True)
    console.print(f"  {sys.executable} -c \"import duckdb; duckdb.connect('{home.warehouse}', "
                  f"read_only=True).sql(\\\"{query}\\\").show()\"", soft_wrap=True, markup=False)


def _run_collect(home: Home, period: date, received_at: datetime | None = None) -> Any:
    from .prefect_env import configure_prefect

    configure_prefect(home)
    from .collect import collect as collect_flow

    return collect_flow(home=str(home.root), month=f"{period:%Y-%m}", received_at=received_at)


def _print_collect(summary: Any) -> None:
    from .summary import status_counts, status_table

    load = summary.load
    console.print(
        f"inbox: {summary.files_in_inbox} files, {summary.new_files} new; "
        f"accepted {load.accepted}, rejected {load.rejected}, superseded {load.superseded}"
    )
    for name, messages in summary.rejected_files:
        console.print(f"[red]退回[/] {name}")
        for message in messages[:3]:
            console.print(f"    {message}", markup=False)
    for name, messages in summary.warned_files:
        console.print(f"[yellow]提醒[/] {name}")
        for message in messages[:3]:
            console.print(f"    {message}", markup=False)
    console.print(status_table(summary.statuses, f"{summary.month.year}年{summary.month.month}月报送情况"))
    console.print(status_counts(summary.statuses))


def run() -> None:
    """Entry point: expected errors become one line and a non-zero exit, never a traceback."""
    try:
        main(standalone_mode=False)
    except click.exceptions.Abort:
        console.print("aborted")
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except SystemExit:
        raise
    except Exception as exc:  # a bug or an environment failure: one line unless debugging
        if os.environ.get("COUNTYSTAT_DEBUG"):
            raise
        click.echo(f"countystat: failed: {type(exc).__name__}: {exc} (set COUNTYSTAT_DEBUG=1 for details)", err=True)
        sys.exit(1)
