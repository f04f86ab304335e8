"""The countystat home: one settings object for every path a run reads or writes, and its reference data."""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .catalog import Catalog, load_catalog
from .label_mappings import read_mappings, with_mappings
from .units import UnitRegistry, load_units

HOME_ENV = "COUNTYSTAT_HOME"
DEFAULT_HOME = "countystat-home"


@dataclass(frozen=True)
class Home:
    """The folder that holds a county's inbox, archive, warehouse, Parquet and reports."""

    root: Path

    @property
    def units_csv(self) -> Path:
        """The county's own unit registry (optional)."""
        return self.root / "units.csv"

    @property
    def label_mappings(self) -> Path:
        """Labels the office approved once as naming an indicator (`countystat labels approve`)."""
        return self.root / "label_mappings.csv"

    @property
    def inbox(self) -> Path:
        """Where submitted files are dropped, in any subfolders, under any names."""
        return self.root / "inbox"

    @property
    def archive(self) -> Path:
        """Every received file, untouched, stored by content hash."""
        return self.root / "archive"

    @property
    def warehouse(self) -> Path:
        """The DuckDB warehouse file."""
        return self.root / "warehouse.duckdb"

    @property
    def parquet(self) -> Path:
        """The Parquet export of monthly_values."""
        return self.root / "parquet"

    @property
    def reports(self) -> Path:
        """Reports written by countystat."""
        return self.root / "reports"

    @property
    def plan_toml(self) -> Path:
        """The office's own figures for the summary and its second-half targets (optional)."""
        return self.root / "plan.toml"

    @property
    def summary(self) -> Path:
        """The office's Word summary templates: <period>.docx for one period, summary.docx for any."""
        return self.root / "summary"

    @property
    def templates(self) -> Path:
        """Blank forms written by `countystat template`."""
        return self.root / "templates"

    @property
    def prefect_home(self) -> Path:
        """Prefect's own state, unless the user set PREFECT_HOME."""
        return self.root / ".prefect"


def resolve_home(option: str | os.PathLike[str] | None) -> Home:
    """The home given by --home, else $COUNTYSTAT_HOME, else ./countystat-home."""
    chosen = option or os.environ.get(HOME_ENV) or DEFAULT_HOME
    return Home(Path(chosen).expanduser().resolve())


def reference(home: Home) -> tuple[Catalog, UnitRegistry]:
    """The catalog (with the home's approved labels) and the home's registry; CatalogError or UnitsError
    naming the file on a defect. Read once per process while units.csv and label_mappings.csv are unchanged.

    Read tasks load them themselves rather than take them as arguments, so that a Dask worker
    reads them once and Prefect never walks thousands of units on each task run.
    """
    return _reference(home.units_csv, home.label_mappings, _stamp(home.units_csv), _stamp(home.label_mappings))


def _stamp(path: Path) -> tuple[int, int]:
    if not path.exists():
        return (0, 0)
    stat = path.stat()
    return (stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _reference(units_csv: Path, mappings_csv: Path, *stamps: tuple[int, int]) -> tuple[Catalog, UnitRegistry]:
    catalog = with_mappings(load_catalog(), read_mappings(mappings_csv), source=str(mappings_csv))
    return catalog, load_units(units_csv)
