"""Open the warehouse file with its schema up to date, and refresh its reference tables."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from countystat.sources.catalog import Catalog
from countystat.sources.units import UnitRegistry

from .analyst_views import recreate_views
from .migrations import migrate
from .sql import statement
from .staging import run_staged


MEMORY_LIMIT = "512MB"  # beyond it DuckDB spills to disk: a province-size backfill stays within its budget


def connect(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-write connection to the warehouse file: tables migrated, analyst views recreated."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), config={"memory_limit": MEMORY_LIMIT})
    migrate(con)
    recreate_views(con)
    return con


@contextmanager
def open_warehouse(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A migrated read-write connection, closed when the block ends."""
    con = connect(path)
    try:
        yield con
    finally:
        con.close()


def refresh_reference(con: duckdb.DuckDBPyConnection, catalog: Catalog, registry: UnitRegistry) -> None:
    """Make the units and indicators tables equal to the registry and catalog in use (every indicator of the
    whole catalog, with the months it is in effect)."""
    import pyarrow as pa  # only when writing: reading commands (status) never pay for it

    new_units = pa.table({
        "unit_code": [u.code for u in registry.units],
        "unit_name": [u.name_zh for u in registry.units],
        "kind": [u.kind for u in registry.units],
        "aliases": [list(u.aliases) for u in registry.units],
    })
    new_indicators = pa.table({
        "indicator_code": [i.code for i in catalog.indicators],
        "indicator_name": [i.name_zh for i in catalog.indicators],
        "unit": [i.unit_zh for i in catalog.indicators],
        "aggregation": [i.aggregation for i in catalog.indicators],
        "value_type": [i.value_type for i in catalog.indicators],
        "reported_by": [i.reported_by for i in catalog.indicators],
        "section": [i.section for i in catalog.indicators],
        "form_position": list(range(1, len(catalog.indicators) + 1)),
        "valid_from": pa.array([i.valid_from for i in catalog.indicators], pa.date32()),
        "valid_to": pa.array([i.valid_to for i in catalog.indicators], pa.date32()),
        "replaces": pa.array([i.replaces or None for i in catalog.indicators], pa.string()),
    })
    run_staged(con, {"new_units": new_units, "new_indicators": new_indicators},
               ["replace_units", "replace_indicators"])


def known_sha256(con: duckdb.DuckDBPyConnection) -> set[str]:
    """The content hashes of every file received so far."""
    return {row[0] for row in con.execute(statement("known_sha256")).fetchall()}


def set_deadline_day(con: duckdb.DuckDBPyConnection, day: int) -> None:
    """Set the day of the following month by which a month's form is due."""
    con.execute(statement("set_deadline_day"), {"day": day})


@contextmanager
def read_only_warehouse(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the published warehouse, as analysts open it; closed when the block ends."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        yield con
    finally:
        con.close()


def deadline_day(con: duckdb.DuckDBPyConnection) -> int | None:
    """The deadline day the warehouse holds, if any."""
    row = con.execute(statement("deadline_day")).fetchone()
    return row[0] if row else None
