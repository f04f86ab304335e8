"""The labels rejected submissions could not resolve, read back from their stored messages."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import duckdb

from countystat.sources.catalog import Catalog
from countystat.sources.labels import AMBIGUOUS_WORDS, COMPOUND_WORDS, UNKNOWN_WORDS, label_index

from .sql import statement

# The label in the clerk's message, as labels.unresolved_text words it: 指标「…」不在统计指标目录中 …
LABEL_IN_MESSAGE = f"指标「(.+?)」(?:{UNKNOWN_WORDS}|{AMBIGUOUS_WORDS}|{COMPOUND_WORDS})"


@dataclass(frozen=True)
class UnresolvedLabel:
    """One label wording that got submissions rejected: how often, by which units, in which files and months."""

    label: str
    times: int
    units: list[str]
    files: list[str]
    months: list[date]


def unresolved_labels(con: duckdb.DuckDBPyConnection) -> list[UnresolvedLabel]:
    """Every unresolved label of the submissions that stand rejected, most frequent first."""
    rows = con.execute(statement("unresolved_labels"), {"pattern": LABEL_IN_MESSAGE}).fetchall()
    return [UnresolvedLabel(*row) for row in rows]


def label_in_message(message: str) -> str | None:
    """The unresolved label a stored message names, if it is about one (as the SQL reads it)."""
    found = re.search(LABEL_IN_MESSAGE, message)
    return found.group(1) if found else None


def months_now_resolved(labels: list[UnresolvedLabel], catalog: Catalog) -> list[date]:
    """The months of rejected submissions with a label the catalog (approved labels included) now resolves."""
    index = label_index(catalog)
    return sorted({m for found in labels if index.match(found.label).indicator is not None for m in found.months})
