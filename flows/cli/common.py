"""What every countystat command shares: the console, --home, --wait, month, half-year and year values as
people type them, the preflight (one line and exit 1 before Prefect starts or anything is written), and
Prefect started quietly."""
from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Literal

import click
from rich.console import Console

from countystat.sources import preflight as checks
from countystat.sources.catalog import Catalog
from countystat.sources.home import Home, resolve_home
from countystat.sources.months import MonthError, parse_month
from countystat.sources.units import UnitRegistry

from ..ops.run_lock import refuse_if_busy

console = Console(width=None if sys.stdout.isatty() else 160)


def home_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add --home DIR (else $COUNTYSTAT_HOME, else ./countystat-home) and pass a Home."""
    @click.option("--home", "home_dir", metavar="DIR", default=None,
                  help="countystat home (default: $COUNTYSTAT_HOME or ./countystat-home).")
    @functools.wraps(command)
    def wrapper(home_dir: str | None, **kwargs: Any) -> Any:
        return command(home=resolve_home(home_dir), **kwargs)
    return wrapper


def wait_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add --wait SECONDS: how long to wait for another run holding the home (default: fail at once)."""
    return click.option("--wait", "wait", type=click.FloatRange(min=0), default=0.0, metavar="SECONDS",
                        help="Wait this long for another run on this home to finish (default: 0, fail at once).")(command)


class MonthType(click.ParamType):
    """A YYYY-MM option value, converted to the first day of that month."""

    name = "YYYY-MM"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return parse_month(value)
        except MonthError as exc:
            raise click.UsageError(f"{_option(param)} {exc}", ctx) from None


MONTH = MonthType()


class PeriodType(click.ParamType):
    """A half-year (2020H1) or year (2020) option value as people type it, passed on as its label."""

    def __init__(self, kind: Literal["half", "year"]) -> None:
        self.kind, self.name = kind, "YYYYH1|YYYYH2" if kind == "half" else "YYYY"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from countystat.reports.halves import PeriodError, parse_half, parse_year

        try:
            return (parse_half if self.kind == "half" else parse_year)(value).label
        except PeriodError as exc:
            raise click.UsageError(f"{_option(param)} {exc}", ctx) from None


def period_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add --half 2020H1 and --year 2020 (exactly one of them) and pass the period's label as `period`."""
    @click.option("--half", type=PeriodType("half"), default=None, help="The half-year, e.g. 2020H1.")
    @click.option("--year", type=PeriodType("year"), default=None, help="The whole year, e.g. 2020.")
    @functools.wraps(command)
    def wrapper(half: str | None, year: str | None, **kwargs: Any) -> Any:
        if (half is None) == (year is None):
            raise click.UsageError("请给出 --half（如 2020H1）或 --year（如 2020）中的一个", click.get_current_context())
        return command(period=half or year, **kwargs)
    return wrapper


def _option(param: click.Parameter | None) -> str:
    return param.opts[0] if param is not None and param.opts else "value"


HomeUse = Literal["config", "read", "write", "create"]


def preflight(home: Home, use: HomeUse, *, reference_data: bool = False, configuration: bool = False,
              inbox: bool = False, warehouse: bool = False, prefect: bool = False, folders: Sequence[Path] = ()) -> None:
    """Refuse in one line (exit 1) what would fail once the command runs, before Prefect starts or anything
    is written: the home (`use`: only its configuration read, read, written, or created if missing), the
    folders it writes, the inbox, the reference data (`configuration`: all of the configuration, as
    `countystat check` reads it), the warehouse, and where Prefect keeps its state."""
    try:
        if use in ("read", "write"):
            checks.existing_home(home)
        if use in ("write", "create"):
            checks.writable_folder(home.root, "主目录")
        for folder in folders:
            checks.writable_folder(folder, "文件夹")
        if prefect:
            chosen = os.environ.get("PREFECT_HOME")
            checks.writable_folder(Path(chosen).expanduser() if chosen else home.prefect_home, "Prefect 状态目录")
        if inbox:
            checks.inbox_folder(home)
        if reference_data:
            checks.reference_data(home)
    except checks.PreflightError as exc:
        raise click.ClickException(str(exc)) from None
    if configuration:
        from countystat.reports.config_check import first_problem

        problem = first_problem(home)
        if problem:
            raise click.ClickException(problem)
    if warehouse:
        need_warehouse(home)


def reference(home: Home) -> tuple[Catalog, UnitRegistry]:
    """The catalog (with the home's approved labels) and the unit registry, or a one-line error naming what is wrong."""
    try:
        return checks.reference_data(home)
    except checks.PreflightError as exc:
        raise click.ClickException(str(exc)) from None


def need_warehouse(home: Home) -> None:
    """A one-line error unless the home has a warehouse."""
    if not home.warehouse.exists():
        raise click.ClickException(f"主目录 {home.root} 还没有数据仓库（{home.warehouse.name}）："
                                   "请先运行 countystat collect 收取报表，或用 --home 指定已有数据的主目录")


def begun(month: date, what: str) -> None:
    """A one-line error if the month (or a span's first month) is still to come."""
    try:
        checks.begun(month, what, date.today())
    except checks.PreflightError as exc:
        raise click.ClickException(str(exc)) from None


def period_with_data(home: Home, label: str) -> None:
    """A one-line error unless the half-year or year has begun and holds an accepted form (those that do are named)."""
    from countystat.reports.data import require_data
    from countystat.reports.halves import parse_period

    try:
        require_data(home.warehouse, parse_period(label), date.today())
    except checks.PreflightError as exc:
        raise click.ClickException(str(exc)) from None


def lock_free(home: Home, wait: float) -> None:
    """Refuse a busy home now (exit 3, see run()) rather than after Prefect started, unless told to --wait."""
    if wait == 0:
        refuse_if_busy(home.root)


def start_prefect(home: Home) -> None:
    """Prefect's environment for a run started here: on the server `countystat serve` runs for the home if
    it answers, else on Prefect's ephemeral API (a refusal of countystat's own is the command's one
    line, see run(); the flow run's log of it carries no traceback: flows/ops/run_log.py)."""
    from ..ops.prefect_env import configure_prefect
    from ..ops.server_record import use_recorded_server

    note = use_recorded_server(home)
    if note:
        click.echo(note, err=True)
    configure_prefect(home)


def plan_of(home: Home) -> Any:
    """The home's plan.toml read (an empty plan without one), or its one Chinese line."""
    from countystat.reports.plan import PlanError, load_plan

    try:
        return load_plan(home.plan_toml)
    except PlanError as exc:
        raise click.ClickException(str(exc)) from None
