"""The countystat home: one settings object for every path a run reads or writes, and its reference data."""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .catalog import Catalog, load_catalog
from .config_files import DERIVED, INDICATORS, RULES, SUMMARY, ConfigFile
from .label_mappings import read_mappings, with_mappings
from .rules import load_rules, with_rules
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
    def indicators_csv(self) -> Path:
        """The office's indicator catalog (optional: else the one shipped with countystat)."""
        return self.root / INDICATORS.name

    @property
    def rules_csv(self) -> Path:
        """The office's validation rules (optional: else the ones shipped with countystat)."""
        return self.root / RULES.name

    @property
    def derived_csv(self) -> Path:
        """The office's derived figures (optional: else the ones shipped with countystat)."""
        return self.root / DERIVED.name

    @property
    def summary_templates(self) -> Path:
        """The office's Word summary templates: <period>.docx for one period, summary.docx for any
        (`countystat init` copies the shipped one here)."""
        return self.root / SUMMARY.name

    def config(self, config: ConfigFile) -> Path:
        """The configuration file to read: the home's own when present, else the package default."""
        path = config.path(self.root)
        if path is None:
            raise FileNotFoundError(f"{config.name} has no default")  # only label_mappings.csv, read by its own reader
        return path

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
    """The catalog (the home's indicators.csv, else the shipped one, with the home's approved labels and
    rules) and the home's registry; CatalogError, RulesError or UnitsError naming the file on a defect.
    Read once per process while the home's configuration files are unchanged.

    Read tasks load them themselves rather than take them as arguments, so that a Dask worker
    reads them once and Prefect never walks thousands of units on each task run.
    """
    files = (home.units_csv, home.label_mappings, home.config(INDICATORS), home.config(RULES))
    return _reference(*files, *(_stamp(path) for path in files))


def _stamp(path: Path) -> tuple[int, int]:
    if not path.exists():
        return (0, 0)
    stat = path.stat()
    return (stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _reference(units_csv: Path, mappings_csv: Path, indicators_csv: Path, rules_csv: Path,
               *stamps: tuple[int, int]) -> tuple[Catalog, UnitRegistry]:
    catalog = load_catalog(indicators_csv)
    catalog = with_mappings(catalog, read_mappings(mappings_csv), source=str(mappings_csv))
    return with_rules(catalog, load_rules(catalog, rules_csv)), load_units(units_csv)
