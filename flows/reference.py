"""The reference data of a home: the catalog with the office's approved labels, and the unit registry."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from countystat.sources.catalog import Catalog, load_catalog
from countystat.sources.label_mappings import read_mappings, with_mappings
from countystat.sources.units import UnitRegistry, load_units

from .home import Home


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
