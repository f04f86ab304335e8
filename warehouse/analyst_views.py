"""The analyst views, one .sql file each in views/, recreated in a fixed order when the warehouse opens.

Migrations hold only tables; a view changes by editing its file, and the next open replaces it. Each
view and macro carries a comment: the description at the top of its file and the fingerprint of the
files it was made from, so an open whose views are already this version's skips recreating them."""
from __future__ import annotations

import hashlib
import re
from functools import cache
from itertools import takewhile
from importlib import resources

import duckdb

# Each file after those it reads: the half macros, then monthly_values, then what is built on it.
VIEWS = (
    "half_macros",
    "monthly_values",
    "period_values",
    "half_year_values",
    "period_sources",
    "half_year_sources",
    "county_period",
    "county_half_year",
    "monthly_completeness",
)
CREATED = re.compile(r"^CREATE OR REPLACE (VIEW|MACRO) (\w+)", re.MULTILINE)


def view_sql(name: str) -> str:
    """The text of warehouse/views/<name>.sql."""
    return (resources.files("countystat.warehouse") / "views" / f"{name}.sql").read_text("utf-8")


@cache
def view_objects() -> tuple[tuple[str, str, str], ...]:
    """(kind, name, comment) of every view and macro the files create, in order; the comment is the
    file's description and the fingerprint of all the files."""
    texts = [view_sql(name) for name in VIEWS]
    fingerprint = hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()[:12]
    found = []
    for text in texts:
        heading = takewhile(lambda line: line.startswith("--"), text.splitlines())
        description = " ".join(line.removeprefix("--").strip() for line in heading)
        comment = f"{description} (countystat views {fingerprint})"
        found += [(kind, name, comment) for kind, name in CREATED.findall(text)]
    return tuple(found)


def views_current(con: duckdb.DuckDBPyConnection) -> bool:
    """True when every view exists as this version's files make it (the macros are made in the same
    transaction as the views, so they are checked through them: listing macros costs 15 ms)."""
    stamped = con.execute("SELECT view_name, comment FROM duckdb_views() WHERE NOT internal").fetchall()
    return set(stamped) >= {(name, comment) for kind, name, comment in view_objects() if kind == "VIEW"}


def recreate_views(con: duckdb.DuckDBPyConnection) -> bool:
    """Create or replace every analyst view and macro, in order, in one transaction, unless they are
    already this version's; True when they were recreated."""
    if views_current(con):
        return False
    con.execute("BEGIN TRANSACTION")
    try:
        for name in VIEWS:
            con.execute(view_sql(name))
        for kind, name, comment in view_objects():
            quoted = comment.replace("'", "''")
            con.execute(f"COMMENT ON {kind} {name} IS '{quoted}'")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return True
