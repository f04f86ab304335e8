"""The analyst views, one .sql file each in views/, recreated in a fixed order whenever the warehouse opens.

Migrations hold only tables; a view changes by editing its file, and the next open replaces it."""
from __future__ import annotations

from importlib import resources

import duckdb

# Each file after those it reads: the half macros, then monthly_values, then what is built on it.
VIEWS = (
    "half_macros",
    "monthly_values",
    "half_year_values",
    "half_year_sources",
    "county_half_year",
    "monthly_completeness",
)


def view_sql(name: str) -> str:
    """The text of warehouse/views/<name>.sql."""
    return (resources.files("countystat.warehouse") / "views" / f"{name}.sql").read_text("utf-8")


def recreate_views(con: duckdb.DuckDBPyConnection) -> None:
    """Create or replace every analyst view and macro, in order, in one transaction."""
    con.execute("BEGIN TRANSACTION")
    try:
        for name in VIEWS:
            con.execute(view_sql(name))
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
