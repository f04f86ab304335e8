"""The pipelines called with the flows' arguments but without Prefect, for tests where Prefect is not
the subject: the same steps in the same order (the flows pass them to the same functions as tasks)."""
from __future__ import annotations

import uuid
from datetime import date, datetime
from pathlib import Path

from countystat.sources.months import parse_month, previous_month
from countystat.sources.home import Home
from countystat.warehouse import backfill_pipeline, collect_pipeline


def collect(home: str, month: str | None = None, received_at: datetime | None = None) -> collect_pipeline.CollectSummary:
    """`collect_pipeline.collect` as the collect flow calls it, a run id of its own in the archive's log."""
    period = parse_month(month) if month else previous_month(date.today())
    arrived = (received_at or datetime.now()).replace(microsecond=0)
    return collect_pipeline.collect(Home(Path(home)), period, arrived, date.today(), run=f"collect {uuid.uuid4()}")


def backfill(home: str, first: str, last: str, include_locked: bool = False) -> backfill_pipeline.BackfillSummary:
    """`backfill_pipeline.backfill` as the backfill flow calls it, a run id of its own in the archive's log."""
    return backfill_pipeline.backfill(Home(Path(home)), parse_month(first), parse_month(last), date.today(),
                                      include_locked, run=f"backfill {uuid.uuid4()}")
