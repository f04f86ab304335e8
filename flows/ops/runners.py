"""Where a backfill reads: this machine ("threads": the flow's tasks on threads, the reading in worker
processes, see warehouse/backfill_pipeline.py:read_in_processes), or Dask (a LocalCluster, or an
existing cluster)."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from prefect.task_runners import TaskRunner

RUNNERS = ("threads", "dask")
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


def check_runner(kind: str) -> None:
    """UnknownRunner unless kind is one of RUNNERS."""
    if kind not in RUNNERS:
        raise UnknownRunner(f"unknown runner {kind!r}: use one of {', '.join(RUNNERS)}")


@contextmanager
def dask_runner(address: str | None = None) -> Iterator[TaskRunner]:
    """A started Dask task runner: on the cluster at address, else on a LocalCluster started and stopped with it."""
    # Dask logs every scheduler and worker step at INFO, and a worker's last heartbeat as an
    # ERROR with a traceback when a local cluster shuts down; failures of our tasks reach
    # Prefect anyway. The setting is read when distributed is imported, here and in the workers.
    os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "critical")
    from prefect_dask import DaskTaskRunner  # only runs that ask for Dask pay for importing it

    runner = DaskTaskRunner(address=address) if address else DaskTaskRunner(cluster_kwargs={
        "n_workers": DASK_WORKERS, "threads_per_worker": 1, "processes": True, "dashboard_address": ":0",
        "env": _worker_env(),
    })
    with runner:
        yield runner
