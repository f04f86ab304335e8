"""The countystat home: one settings object for every path a run reads or writes."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

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
