"""The history rules over a backfill's re-read tables: the spike and 本年累计 warnings of the submissions
accepted when read, judged against the months as they will stand.

A province's year is a million values: the warehouse computes the rules' figures for every month at
once (history_figures.sql) and, from the figures alone, which submissions the rules might warn about
(history_suspects.sql, a superset). Only those are rebuilt as Python submissions and judged by the
rules themselves, which word the warnings exactly as collect words them, a slice of units at a time
(reread.py says why).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from countystat.sources.catalog import Catalog
from countystat.sources.history_rules import add_past_warnings
from countystat.sources.submission import ACCEPTED, HELD, ReportedValue, Submission

from .history import figures_and_suspects, past_figures_of
from .reread import RESTORED, VALUE_ORDER, RereadTables

UNITS_PER_SLICE = 200  # units judged at once: their months' figures in the warehouse, their suspects in Python
JUDGED = pa.array([ACCEPTED, "superseded", HELD])  # the statuses the history rules judge
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
    accepted when read (held and superseded ones too), judged against the months as they will stand,
    a slice of units at a time.

    Months in excluded (the backfill's) are judged by what was re-read, others by the warehouse.
    """
    added: Messages = {}
    for part in unit_slices(tables):
        added |= slice_warnings(con, part, catalog, excluded)
    return with_messages(tables, added)


def slice_warnings(con: duckdb.DuckDBPyConnection, part: UnitSlice, catalog: Catalog,
                   excluded: tuple[date, date]) -> Messages:
    """The warnings the history rules add to a slice's submissions: every message of those that have any.
    Only the suspects are judged by the rules themselves."""
    figures, suspects = slice_figures_and_suspects(con, part, excluded)
    return judged_warnings(_only(part, suspects), figures, catalog)


def slice_figures_and_suspects(con: duckdb.DuckDBPyConnection, part: UnitSlice,
                               excluded: tuple[date, date]) -> tuple[pa.Table, pa.Array]:
    """The history rules' figures for every month of the slice, and the ids of the submissions they might
    warn about (history.figures_and_suspects)."""
    judged = part.submissions.select(["submission_id", "unit_code", "period", "status"])
    return figures_and_suspects(con, judged, part.values, part.stated_ytd, excluded)


def judged_warnings(part: UnitSlice, figures: pa.Table, catalog: Catalog) -> Messages:
    """The warnings the history rules add to these submissions, judged in Python by the figures of their
    units: every message of those that have any."""
    checked = _submissions(part)
    add_past_warnings(checked, past_figures_of(figures, pc.unique(part.submissions.column("unit_code"))), catalog)
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
    subs = _judged(tables.submissions)
    units = pa.array(sorted(set(subs.column("unit_code").to_pylist())), pa.string())
    slice_of = pc.divide(pc.index_in(subs.column("unit_code"), units), UNITS_PER_SLICE)  # integer division
    ids = subs.column("submission_id")
    tagged = [t.append_column("slice", pc.take(slice_of, pc.index_in(t.column("submission_id").cast(pa.string()), ids)))
              for t in (subs, tables.values, tables.stated_ytd, tables.remarks)]
    for k in range(-(-len(units) // UNITS_PER_SLICE)):
        yield UnitSlice(*(_decoded(t.filter(pc.equal(t.column("slice"), k)).drop_columns(["slice"])) for t in tagged))


def _judged(subs: pa.Table) -> pa.Table:
    """The submissions the history rules judge: accepted when read (held and superseded ones too), with a
    unit and a month."""
    return subs.filter(pc.and_(pc.is_in(subs.column("status"), JUDGED),
                               pc.and_(pc.is_valid(subs.column("unit_code")), pc.is_valid(subs.column("period")))))


def _only(part: UnitSlice, ids: pa.Array) -> UnitSlice:
    """The slice's rows of these submissions alone."""
    def kept(table: pa.Table) -> pa.Table:
        return table.filter(pc.is_in(table.column("submission_id"), ids))
    return UnitSlice(*(kept(t) for t in (part.submissions, part.values, part.stated_ytd, part.remarks)))


def _submissions(part: UnitSlice) -> list[Submission]:
    """A slice's submissions rebuilt as Python objects."""
    rows = _columns(part.submissions)
    values_of, stated_of = _reported(part.values), _reported(part.stated_ytd)
    remarks_of: dict[str, dict[str, str]] = defaultdict(dict)
    for sid, code, text in zip(*_columns(part.remarks).values()):
        remarks_of[sid][code] = text
    return [Submission(**{c.attribute: rows[c.name][n] for c in RESTORED}, values=values_of.get(sid, []),
                       remarks=remarks_of.get(sid, {}), stated_ytd=stated_of.get(sid, []))
            for n, sid in enumerate(rows["submission_id"])]


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
