"""A backfill's re-read forms as Arrow tables, one read batch at a time.

A province's forms held as Python objects cost about 9 KB each, and the allocator keeps that memory
even once they are freed; as Arrow tables they cost a fraction of it. Read tasks therefore hand
back RereadBatch tables, and the history rules rebuild Python submissions for a slice of units at
a time only (reread_history.py).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from operator import attrgetter, methodcaller
from typing import NamedTuple

import pyarrow as pa
import pyarrow.compute as pc

from countystat.sources.submission import ACCEPTED, REJECTED, ReportedValue, Submission

from .load import ReadFile, supersede

CODES = pa.dictionary(pa.int32(), pa.string())  # a batch's ids, indicators, sheets and cells repeat: each is stored once


class Column(NamedTuple):
    """A column of a re-read table: its name, its Arrow type, and the attribute of a Submission (or of
    a ReportedValue) it holds. A column whose attribute is a field of that class is given back to it
    when the history rules rebuild submissions; the others (ids, statuses, messages) are derived."""

    name: str
    type: pa.DataType
    attribute: str
    method: bool = False  # the attribute is a method to call (Submission.messages)

    def read(self, items: Sequence[object]) -> list[object]:
        """The column's values for these submissions (or values)."""
        get = methodcaller(self.attribute) if self.method else attrgetter(self.attribute)
        return [get(item) for item in items]


# A submission's fields as a backfill carries them: a field added here is re-read, kept and rebuilt.
SUBMISSION_COLUMNS = (
    Column("submission_id", pa.string(), "submission_id"),
    Column("source_file", pa.string(), "source_file"),
    Column("sha256", pa.string(), "sha256"),
    Column("unit_code", pa.string(), "unit_code"),
    Column("period", pa.date32(), "period"),
    Column("part", pa.int32(), "part"),
    Column("status", pa.string(), "status"),
    Column("messages", pa.list_(pa.string()), "messages", method=True),
)
# A reported value's fields (its values and its 本年累计 figures), after the submission_id it belongs to.
VALUE_COLUMNS = (
    Column("indicator_code", CODES, "indicator_code"),
    Column("value", pa.float64(), "value"),
    Column("source_sheet", CODES, "sheet"),
    Column("source_cell", CODES, "cell"),
)
READ_SCHEMA = pa.schema([(c.name, c.type) for c in SUBMISSION_COLUMNS])
VALUE_SCHEMA = pa.schema([("submission_id", CODES), *((c.name, c.type) for c in VALUE_COLUMNS)])
REMARK_SCHEMA = pa.schema([("submission_id", pa.string()), ("indicator_code", pa.string()), ("remark", pa.string())])
SUBMISSION_FIELDS = {f.name for f in fields(Submission)}
RESTORED = tuple(c for c in SUBMISSION_COLUMNS if c.attribute in SUBMISSION_FIELDS)
VALUE_ORDER = sorted(VALUE_COLUMNS, key=lambda c: ReportedValue._fields.index(c.attribute))


@dataclass(frozen=True)
class RereadBatch:
    """One read batch's files as tables: submissions as read, values of those not rejected, and
    the 本年累计 figures and 备注 of the accepted ones (what the history rules read)."""

    submissions: pa.Table  # READ_SCHEMA, in the files' order
    values: pa.Table       # VALUE_SCHEMA
    stated_ytd: pa.Table   # VALUE_SCHEMA
    remarks: pa.Table      # REMARK_SCHEMA


@dataclass(frozen=True)
class RereadTables:
    """What a backfill re-read, in received order and scoped to its months, ready to replace them."""

    files: pa.Table        # sha256 of every re-read file
    submissions: pa.Table  # as load.submissions_table: superseded ones marked
    values: pa.Table       # as load.values_table
    stated_ytd: pa.Table
    remarks: pa.Table


def reread_batch(read_files: list[ReadFile]) -> RereadBatch:
    """A batch of read files as Arrow tables (a pure transform)."""
    subs = [s for r in read_files for s in r.submissions]
    accepted = [s for s in subs if s.status == ACCEPTED]
    return RereadBatch(
        submissions=pa.Table.from_pydict({c.name: c.read(subs) for c in SUBMISSION_COLUMNS}, schema=READ_SCHEMA),
        values=_value_rows([(s.submission_id, s.values) for s in subs if s.status != REJECTED]),
        stated_ytd=_value_rows([(s.submission_id, s.stated_ytd) for s in accepted]),
        remarks=pa.Table.from_pylist(
            [{"submission_id": s.submission_id, "indicator_code": code, "remark": text}
             for s in accepted for code, text in s.remarks.items()], schema=REMARK_SCHEMA),
    )


def reread_tables(files: list[tuple[str, datetime, datetime]], batches: list[RereadBatch],
                  first: date, last: date) -> RereadTables:
    """Every batch's tables in received order (files: sha256, received_at, modified_at, in that
    order), kept to submissions in first..last or in no month, later ones superseding earlier.

    Submissions the re-read files now place outside first..last are left out: a backfill over
    those months takes them.
    """
    order = {sha: n for n, (sha, _, _) in enumerate(files)}
    subs = pa.concat_tables([b.submissions for b in batches]) if batches else READ_SCHEMA.empty_table()
    rank = pa.array([order[sha] for sha in subs.column("sha256").to_pylist()], pa.int64())
    subs = subs.take(pc.sort_indices(rank))  # stable: a file's own forms keep their order
    period = subs.column("period")
    subs = subs.filter(pc.or_kleene(pc.is_null(period),
                                    pc.and_(pc.greater_equal(period, first), pc.less_equal(period, last))))
    statuses = supersede(zip(*(subs.column(c).to_pylist() for c in ("submission_id", "status", "unit_code", "period"))))
    received = {sha: (at, modified) for sha, at, modified in files}
    shas = subs.column("sha256").to_pylist()
    subs = subs.set_column(subs.schema.get_field_index("status"), "status",
                           pa.array([statuses[i] for i in subs.column("submission_id").to_pylist()], pa.string()))
    subs = subs.append_column("received_at", pa.array([received[sha][0] for sha in shas], pa.timestamp("us")))
    subs = subs.append_column("modified_at", pa.array([received[sha][1] for sha in shas], pa.timestamp("us")))
    kept = subs.column("submission_id")

    def scoped(tables: list[pa.Table], schema: pa.Schema) -> pa.Table:
        table = pa.concat_tables(tables) if tables else schema.empty_table()
        return table.filter(pc.is_in(table.column("submission_id"), kept))

    return RereadTables(
        files=pa.table({"sha256": pa.array([sha for sha, _, _ in files], pa.string())}),
        submissions=subs,
        values=scoped([b.values for b in batches], VALUE_SCHEMA),
        stated_ytd=scoped([b.stated_ytd for b in batches], VALUE_SCHEMA),
        remarks=scoped([b.remarks for b in batches], REMARK_SCHEMA),
    )


def _value_rows(pairs: list[tuple[str, list[ReportedValue]]]) -> pa.Table:
    ids = [sid for sid, values in pairs for _ in values]
    values = [v for _, vs in pairs for v in vs]
    return pa.Table.from_pydict({"submission_id": ids, **{c.name: c.read(values) for c in VALUE_COLUMNS}},
                                schema=VALUE_SCHEMA)
