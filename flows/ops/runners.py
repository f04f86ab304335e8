"""Where read tasks run: threads on this machine, or Dask (a LocalCluster, or an existing cluster)."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

RUNNERS = ("threads", "dask")
THREADS = 2        # calamine releases the GIL: two threads use this machine's two cores
DASK_WORKERS = 2   # a LocalCluster's worker processes, one thread each


def _worker_env() -> dict[str, str]:
    """The Prefect API the workers must report to: this run's, even when it is the ephemeral one.

    A worker process does not inherit the address of an ephemeral API started in this process, and
    would start an API server of its own (about 200 MB and several seconds each).
    """
    if os.environ.get("PREFECT_API_URL"):
        return {"PREFECT_API_URL": os.environ["PREFECT_API_URL"]}
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        return {"PREFECT_API_URL": str(client.api_url).rstrip("/")}


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
            "env": _worker_env(),
        })
    else:
        raise UnknownRunner(f"unknown runner {kind!r}: use one of {', '.join(RUNNERS)}")
    with runner:
        yield runner
