"""Who has reported for a month: each unit's status, and rejected files nobody can be tied to."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import duckdb

from .sql import statement


@dataclass(frozen=True)
class UnitStatus:
    """One unit's reporting status for a month."""

    unit_code: str
    unit_name: str
    kind: str
    status: str  # accepted | rejected | missing
    source_file: str | None
    accepted_at: datetime | None
    rejected_messages: list[str]


@dataclass(frozen=True)
class UnattributedFile:
    """A rejected file that names no registered unit or no month."""

    source_file: str
    period: date | None
    messages: list[str]
    received_at: datetime


def month_status(con: duckdb.DuckDBPyConnection, period: date) -> list[UnitStatus]:
    """Every registered unit's status for the month."""
    rows = con.execute(statement("month_status"), {"period": period}).fetchall()
    return [UnitStatus(*row) for row in rows]


def unattributed_rejections(con: duckdb.DuckDBPyConnection, period: date) -> list[UnattributedFile]:
    """Rejected files of that month that name no unit or month (one of no month: the month it arrived in)."""
    rows = con.execute(statement("unattributed_rejections"), {"period": period}).fetchall()
    return [UnattributedFile(*row) for row in rows]


def accepted_months(con: duckdb.DuckDBPyConnection) -> list[date]:
    """The months that hold at least one accepted form, oldest first."""
    return [row[0] for row in con.execute(statement("accepted_months")).fetchall()]
