"""The README's warehouse contract as SQL checks (checks/*.sql), each returning the rows that break it."""
from __future__ import annotations

from importlib import resources

import duckdb


def contract_checks() -> dict[str, str]:
    """Every check shipped, by name (the file's stem), with its SQL, in name order."""
    folder = resources.files("countystat.warehouse") / "checks"
    return {
        entry.name.removesuffix(".sql"): entry.read_text("utf-8")
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".sql")
    }


def contract_violations(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    """The offending rows of each check that finds any; empty when the warehouse keeps the contract."""
    found = {}
    for name, sql in contract_checks().items():
        rows = con.execute(sql).fetchall()
        if rows:
            found[name] = rows
    return found
