"""Arrow tables staged under names for SQL: for a block, or for statements run in one transaction."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:  # pyarrow is imported by whoever stages a table
    import pyarrow as pa

from .sql import statement


@contextmanager
def staged(con: duckdb.DuckDBPyConnection, **tables: pa.Table) -> Iterator[None]:
    """The tables registered under their names for the block, unregistered after it."""
    for name, table in tables.items():
        con.register(name, table)
    try:
        yield
    finally:
        for name in tables:
            con.unregister(name)


def run_staged(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table], statements: list[str]) -> dict[str, int]:
    """Stage the tables, run the named .sql statements in one transaction; the rows each statement
    changed, by name."""
    with staged(con, **tables):
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
