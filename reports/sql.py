"""The report's SQL statements, kept in .sql files beside this module."""
from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def statement(name: str) -> str:
    """The text of reports/sql/<name>.sql."""
    return (resources.files("countystat.reports") / "sql" / f"{name}.sql").read_text("utf-8")
