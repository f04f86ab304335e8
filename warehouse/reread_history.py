"""The history rules over a backfill's re-read tables, a slice of units at a time: the spike and 本年累计
warnings of the submissions accepted when read, judged against the months as they will stand.

Units are judged independently, so the slices can be judged in several processes at once, each with
its own read-only connection to the warehouse being built (`judge_slice`, `judging`). Only a slice's
submissions are Python objects at once (reread.py says why).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from countystat.sources.catalog import Catalog
from countystat.sources.history_rules import add_past_warnings, batch_months
from countystat.sources.submission import ACCEPTED, HELD, ReportedValue, Submission

from .history import past_figures_on_record
from .reread import RESTORED, VALUE_ORDER, RereadTables
from .store import read_only_warehouse

UNITS_PER_SLICE = 50  # units judged at once: their submissions as Python objects, their months' figures
Messages = dict[str, list[str]]  # submission id -> the warnings added to it


@dataclass(frozen=True)
class UnitSlice:
    """A slice of units' submissions accepted when read (held and superseded ones too), as tables."""

    submissions: pa.Table
    values: pa.Table
    stated_ytd: pa.Table
    remarks: pa.Table


def with_history_warnings(con: duckdb.DuckDBPyConnection, tables: RereadTables, catalog: Catalog,
                          excluded: tuple[date, date]) -> RereadTables:
    """The tables with the spike and 本年累计 warnings added to the messages of the submissions
    accepted when read, judged against the months as they will stand, here, a slice at a time.

    Months in excluded (the backfill's) are judged by what was re-read, others by the warehouse.
    """
    added: Messages = {}
    for part in unit_slices(tables):
        added |= slice_warnings(con, part, catalog, excluded)
    return with_messages(tables, added)


def judge_slice(db: Path, part: UnitSlice, catalog: Catalog, excluded: tuple[date, date]) -> Messages:
    """A slice's warnings, judged on a read-only connection of its own to the warehouse at db (for a
    worker process: nothing may hold db open for writing meanwhile)."""
    with judging(db) as con:
        return slice_warnings(con, part, catalog, excluded)


@contextmanager
def judging(db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the warehouse at db using one core: one of the processes judging slices."""
    with read_only_warehouse(db) as con:
        con.execute("SET threads = 1")
        yield con


def slice_warnings(con: duckdb.DuckDBPyConnection, part: UnitSlice, catalog: Catalog,
                   excluded: tuple[date, date]) -> Messages:
    """The warnings the history rules add to a slice's submissions: every message of those that have any."""
    checked, final = _submissions(part)
    add_past_warnings(checked, past_figures_on_record(con, batch_months(final), excluded), catalog)
    return {sub.submission_id: [p.message() for p in sub.problems] for sub in checked if sub.problems}


def with_messages(tables: RereadTables, added: Messages) -> RereadTables:
    """The tables with each submission's added messages after its own."""
    subs = tables.submissions
    messages = [m + added.get(i, []) for i, m in zip(subs.column("submission_id").to_pylist(),
                                                     subs.column("messages").to_pylist())]
    subs = subs.set_column(subs.schema.get_field_index("messages"), "messages",
                           pa.array(messages, pa.list_(pa.string())))
    return replace(tables, submissions=subs)


def unit_slices(tables: RereadTables) -> Iterator[UnitSlice]:
    """The submissions accepted when read (held ones too, judged as collect judges them before
    holding, and superseded ones), with their values, 本年累计 figures and remarks, by slices of units."""
    subs = tables.submissions
    subs = subs.filter(pc.and_(pc.is_in(subs.column("status"), pa.array([ACCEPTED, "superseded", HELD])),
                               pc.and_(pc.is_valid(subs.column("unit_code")), pc.is_valid(subs.column("period")))))
    units = pa.array(sorted(set(subs.column("unit_code").to_pylist())), pa.string())
    slice_of = pc.divide(pc.index_in(subs.column("unit_code"), units), UNITS_PER_SLICE)  # integer division
    ids = subs.column("submission_id")
    tagged = [t.append_column("slice", pc.take(slice_of, pc.index_in(t.column("submission_id").cast(pa.string()), ids)))
              for t in (subs, tables.values, tables.stated_ytd, tables.remarks)]
    for k in range(-(-len(units) // UNITS_PER_SLICE)):
        yield UnitSlice(*(_decoded(t.filter(pc.equal(t.column("slice"), k)).drop_columns(["slice"])) for t in tagged))


def _submissions(part: UnitSlice) -> tuple[list[Submission], list[Submission]]:
    """A slice's submissions rebuilt as Python objects, and those of them that stand once loaded (the
    last accepted per unit and month)."""
    rows = _columns(part.submissions)
    values_of, stated_of = _reported(part.values), _reported(part.stated_ytd)
    remarks_of: dict[str, dict[str, str]] = defaultdict(dict)
    for sid, code, text in zip(*_columns(part.remarks).values()):
        remarks_of[sid][code] = text
    checked, final = [], []
    for n, (sid, status) in enumerate(zip(rows["submission_id"], rows["status"])):
        sub = Submission(**{c.attribute: rows[c.name][n] for c in RESTORED}, values=values_of.get(sid, []),
                         remarks=remarks_of.get(sid, {}), stated_ytd=stated_of.get(sid, []))
        checked.append(sub)
        if status == ACCEPTED:
            final.append(sub)
    return checked, final


def _decoded(table: pa.Table) -> pa.Table:
    """The table with its dictionary columns as plain strings: a slice then holds (and pickles) only its
    own rows, not the whole batch's dictionary."""
    return pa.table({name: column.cast(pa.string()) if pa.types.is_dictionary(column.type) else column
                     for name, column in zip(table.column_names, table.columns)})


def _columns(table: pa.Table) -> dict[str, list]:
    """The table's columns as Python lists."""
    return {name: column.to_pylist() for name, column in zip(table.column_names, table.columns)}


def _reported(table: pa.Table) -> dict[str, list[ReportedValue]]:
    """The rows of a VALUE_SCHEMA table as ReportedValues per submission."""
    columns = _columns(table)
    grouped: dict[str, list[ReportedValue]] = defaultdict(list)
    for sid, value in zip(columns["submission_id"], map(ReportedValue, *(columns[c.name] for c in VALUE_ORDER))):
        grouped[sid].append(value)
    return grouped
