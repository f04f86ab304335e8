"""Run SQL over Arrow tables staged under names, all in one transaction."""
from __future__ import annotations

import duckdb
import pyarrow as pa

from .sql import statement


def run_staged(con: duckdb.DuckDBPyConnection, staged: dict[str, pa.Table], statements: list[str]) -> None:
    """Register the tables, run the named .sql statements in one transaction, unregister."""
    for name, table in staged.items():
        con.register(name, table)
    con.execute("BEGIN TRANSACTION")
    try:
        for name in statements:
            con.execute(statement(name))
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    finally:
        for name in staged:
            con.unregister(name)
