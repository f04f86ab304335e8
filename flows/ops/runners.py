"""Where a backfill reads: this machine ("threads": the flow's tasks on threads, the reading in worker
processes, see warehouse/backfill_pipeline.py:read_in_processes), or the worker processes of a Dask
cluster (a LocalCluster, or an existing cluster)."""
from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from concurrent.futures import Executor, ThreadPoolExecutor
from contextlib import ExitStack, contextmanager

from countystat.warehouse.backfill_pipeline import PROCESSES_FROM, Pool
from countystat.warehouse.worker_processes import spawned_pool

RUNNERS = ("threads", "dask")
DASK_WORKERS = 2   # a LocalCluster's worker processes, one thread each
READER = "countystat.warehouse.backfill_pipeline"  # the module whose reread_packed the workers run


class UnknownRunner(ValueError):
    """A runner name other than those in RUNNERS."""


def check_runner(kind: str) -> None:
    """UnknownRunner unless kind is one of RUNNERS."""
    if kind not in RUNNERS:
        raise UnknownRunner(f"unknown runner {kind!r}: use one of {', '.join(RUNNERS)}")


def read_pool(runner: str, address: str | None) -> tuple[Pool, int]:
    """Where runner reads, and the fewest files worth sending there: this machine's spawned processes
    (fewer files are read in the task itself), or Dask's workers (always: the user asked for them)."""
    check_runner(runner)
    if runner == "threads":
        return spawned_pool, PROCESSES_FROM
    return (lambda workers: dask_pool(address)), 0


@contextmanager
def started_read_pool(runner: str, address: str | None) -> Iterator[tuple[Pool, int]]:
    """read_pool(runner, address), a Dask cluster started (its workers importing the reader) on a thread
    of its own from now on, while the backfill lists its files, and stopped when the read is done (or on
    leaving). This machine's processes are left to the read, which spawns them only for enough files."""
    pool, least = read_pool(runner, address)
    if runner != "dask":
        yield pool, least
        return
    with ExitStack() as stack, ThreadPoolExecutor(1) as starter:  # the start is over before the stack stops it
        started = starter.submit(stack.enter_context, pool(DASK_WORKERS))

        @contextmanager
        def ready(workers: int) -> Iterator[Executor]:
            try:
                yield started.result()
            finally:
                stack.close()  # the workers go as soon as the read is done: the history rules need their memory

        yield ready, least


@contextmanager
def dask_pool(address: str | None = None) -> Iterator[Executor]:
    """The workers of the Dask cluster at address (else of a LocalCluster started and stopped with it),
    as an Executor of plain function calls: the workers need no Prefect, and each result comes back
    as soon as it is done, so a worker does not keep it."""
    # Dask logs every scheduler and worker step at INFO, and a worker's last heartbeat as an
    # ERROR with a traceback when a local cluster shuts down; failures of the reads reach the
    # flow anyway. The setting is read when distributed is imported, here and in the workers.
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "critical")
    from distributed import Client, LocalCluster  # only runs that ask for Dask pay for importing it

    with ExitStack() as stack:
        cluster = address or stack.enter_context(LocalCluster(
            n_workers=DASK_WORKERS, threads_per_worker=1, processes=True, dashboard_address=":0"))
        # Not the client's own `with`: that sets the thread's default client, and started_read_pool starts
        # and stops the pool on different threads.
        client = Client(cluster, set_as_default=False)
        stack.callback(client.close)
        client.run(importlib.import_module, READER)  # each worker imports what it reads with before the first batch
        yield client.get_executor(pure=False)
