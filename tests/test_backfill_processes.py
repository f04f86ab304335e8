"""A backfill's read in worker processes gives what it gives in this process (pipeline level, no Prefect)."""
from __future__ import annotations

from datetime import date

from countystat.warehouse.backfill_pipeline import (
    month_batches, read_in_process, read_in_processes,
)
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


def test_reading_on_an_existing_dask_cluster_gives_what_reading_here_gives(demo_home):
    """--dask-address: the plain calls go to the workers of a cluster that was already running."""
    from distributed import LocalCluster

    from countystat.flows.ops.runners import read_pool

    with read_only_warehouse(demo_home.warehouse) as con:
        [(first, last)] = con.execute("SELECT min(period), max(period) FROM submissions").fetchall()
        files = archived_files(con, first, last)
    months = month_batches(files, size=8)
    today = date.today()
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        pool, least = read_pool("dask", cluster.scheduler_address)
        there = read_in_processes(months, demo_home, today, workers=2, least=least, pool=pool)
        assert least == 0 and cluster.workers  # the cluster outlives the read
    here = read_in_process(months, demo_home, today)
    assert len(there) == len(here) > 1
    for ours, theirs in zip(here, there):
        assert theirs.submissions.equals(ours.submissions) and theirs.values.equals(ours.values)
