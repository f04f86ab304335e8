"""What every countystat command shares: the console, --home, --wait, month and half-year values,
the home's reference data as a one-line error, and Prefect started quietly."""
from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

import click
from rich.console import Console

from countystat.sources.catalog import Catalog, CatalogError
from countystat.sources.home import Home, reference as home_reference, resolve_home
from countystat.sources.units import UnitRegistry, UnitsError
from countystat.warehouse.locks import BackfillRefused

from ..months import MonthError, parse_month
from ..ops.run_lock import RunLocked

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
            self.fail(str(exc), param, ctx)


MONTH = MonthType()


class HalfType(click.ParamType):
    """A 2020H1-style option value."""

    name = "YYYYH1|YYYYH2"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from countystat.reports.halves import HalfError, parse_half

        try:
            return parse_half(value).label
        except HalfError as exc:
            self.fail(str(exc), param, ctx)


def reference(home: Home) -> tuple[Catalog, UnitRegistry]:
    """The catalog (with the home's approved labels) and the unit registry, or a one-line error naming what is wrong."""
    try:
        return home_reference(home)
    except (CatalogError, UnitsError) as exc:
        raise click.ClickException(str(exc)) from None


def need_warehouse(home: Home) -> None:
    """A one-line error unless the home has a warehouse."""
    if not home.warehouse.exists():
        raise click.ClickException(f"no warehouse at {home.warehouse}: run `countystat collect` first")


def start_prefect(home: Home) -> None:
    """Prefect's environment for a run started here; a busy home or a refused backfill is the command's
    one line (see run()), so the flow run's log of it carries no traceback."""
    from ..ops.prefect_env import configure_prefect

    configure_prefect(home)
    logging.getLogger("prefect.flow_runs").addFilter(_no_expected_refusal)


def _no_expected_refusal(record: logging.LogRecord) -> bool:
    exc = record.exc_info[1] if record.exc_info else None
    return not isinstance(exc, (RunLocked, BackfillRefused))
