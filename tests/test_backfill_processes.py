"""A backfill's read in worker processes gives what a read in this process gives (pipeline level, no
Prefect); the history rules' slices judged in processes are covered by tests/test_backfill.py's demo
county test (a few units a slice: several slices, so processes)."""
from __future__ import annotations

from datetime import date

from countystat.warehouse.backfill_pipeline import month_batches, read_in_process, read_in_processes
from countystat.warehouse.rebuild import archived_files
from countystat.warehouse.store import read_only_warehouse


def test_reading_in_worker_processes_gives_what_reading_here_gives_in_order(demo_home):
    with read_only_warehouse(demo_home.warehouse) as con:
        [(first, last)] = con.execute("SELECT min(period), max(period) FROM submissions").fetchall()
        files = archived_files(con, first, last)
    months = month_batches(files, size=4)
    assert len(files) > 8 and len(months) > 1  # several months, several batches each
    today = date.today()
    here = read_in_process(months, demo_home, today)
    called: list[tuple[str, int]] = []
    there = read_in_processes(months, demo_home, today, lambda month, n: called.append((month, n)), workers=2, least=0)
    assert called == [(month, len(batch)) for month, batches in months for batch in batches]
    assert len(there) == len(here)
    for ours, theirs in zip(here, there):
        for name in ("submissions", "values", "stated_ytd", "remarks"):
            assert getattr(theirs, name).equals(getattr(ours, name)), name
    assert sum(b.submissions.num_rows for b in there) >= len(files)
