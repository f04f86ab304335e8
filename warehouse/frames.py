"""The published warehouse as pandas DataFrames, for analysts: read-only, and never in a run's way.

    from countystat.warehouse.frames import frame, half_year, query
    values = frame("monthly_values", home="countystat-home")
    h1 = half_year("2020H1", home="countystat-home")

Each call opens the published version read-only and closes it: a run publishes a new version beside
it and neither waits for the other. `home` defaults to $COUNTYSTAT_HOME, else ./countystat-home.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from countystat.sources.home import resolve_home

from .sql import statement

if TYPE_CHECKING:
    import pandas as pd

# The README's warehouse contract: the names analysts may rely on.
CONTRACT = (
    "monthly_values", "submissions", "units", "indicators", "half_year_values", "county_half_year",
    "half_year_sources", "monthly_completeness", "period_locks", "period_lock_events",
    "received_files", "submission_values", "period_values", "county_period", "period_sources",
)
HALF = re.compile(r"\d{4}H[12]")


class NoWarehouse(FileNotFoundError):
    """The home has no published warehouse yet."""


def frame(name: str, home: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """One table or view of the warehouse contract, whole, as a DataFrame."""
    if name not in CONTRACT:
        raise ValueError(f"{name!r} is not in the warehouse contract; one of: {', '.join(CONTRACT)}")
    with _published(home) as con:
        return con.sql(f"SELECT * FROM {name}").df()


def half_year(half: str, home: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The county's table for one half ('2020H1'): every indicator in form order, beside the year before."""
    if not HALF.fullmatch(half):
        raise ValueError(f"{half!r} is not a half-year like '2020H1' or '2020H2'")
    with _published(home) as con:
        return con.execute(statement("half_year_frame"), {"half": half}).df()


def query(sql: str, params: dict[str, Any] | list[Any] | None = None,
          home: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Any read-only SQL over the warehouse (its views included) as a DataFrame."""
    with _published(home) as con:
        return con.execute(sql, params).df()


def warehouse_path(home: str | os.PathLike[str] | None = None) -> Path:
    """The published warehouse file of a home (given, else $COUNTYSTAT_HOME, else ./countystat-home)."""
    return resolve_home(home).warehouse


@contextmanager
def _published(home: str | os.PathLike[str] | None) -> Iterator[duckdb.DuckDBPyConnection]:
    path = warehouse_path(home)
    if not path.exists():
        raise NoWarehouse(f"no warehouse at {path}: run `countystat collect` (or `make demo`) first")
    con = duckdb.connect(str(path.resolve()), read_only=True)
    try:
        yield con
    finally:
        con.close()
