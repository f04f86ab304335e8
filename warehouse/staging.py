"""Run SQL over Arrow tables staged under names, all in one transaction."""
from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:  # pyarrow is imported by whoever stages a table
    import pyarrow as pa

from .sql import statement


def run_staged(con: duckdb.DuckDBPyConnection, staged: dict[str, pa.Table], statements: list[str]) -> dict[str, int]:
    """Register the tables, run the named .sql statements in one transaction, unregister; the rows each
    statement changed, by name."""
    for name, table in staged.items():
        con.register(name, table)
    con.execute("BEGIN TRANSACTION")
    try:
        changed = {}
        for name in statements:
            row = con.execute(statement(name)).fetchone()
            changed[name] = int(row[0]) if row else 0
        con.execute("COMMIT")
        return changed
    except Exception:
        con.execute("ROLLBACK")
        raise
    finally:
        for name in staged:
            con.unregister(name)
