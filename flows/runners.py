"""Where read tasks run: threads on this machine, or Dask (a LocalCluster, or an existing cluster)."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

RUNNERS = ("threads", "dask")
THREADS = 2        # calamine releases the GIL: two threads use this machine's two cores
DASK_WORKERS = 2   # a LocalCluster's worker processes, one thread each


class UnknownRunner(ValueError):
    """A runner name other than those in RUNNERS."""


@contextmanager
def task_runner(kind: str, dask_address: str | None = None) -> Iterator[TaskRunner]:
    """A started task runner of the kind asked; a LocalCluster is started and stopped with it."""
    if kind == "threads":
        runner: TaskRunner = ThreadPoolTaskRunner(max_workers=THREADS)
    elif kind == "dask":
        # Dask logs every scheduler and worker step at INFO, and a worker's last heartbeat as an
        # ERROR with a traceback when a local cluster shuts down; failures of our tasks reach
        # Prefect anyway. The setting is read when distributed is imported, here and in the workers.
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "critical")
        from prefect_dask import DaskTaskRunner  # only runs that ask for Dask pay for importing it

        runner = DaskTaskRunner(address=dask_address) if dask_address else DaskTaskRunner(cluster_kwargs={
            "n_workers": DASK_WORKERS, "threads_per_worker": 1, "processes": True, "dashboard_address": ":0",
        })
    else:
        raise UnknownRunner(f"unknown runner {kind!r}: use one of {', '.join(RUNNERS)}")
    with runner:
        yield runner
