"""A flow run's own Prefect log and artifacts, read back through the Prefect client, as ops see them."""
from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from uuid import UUID


@contextmanager
def runs_log_info() -> Iterator[None]:
    """Flow runs log at INFO in the block, as under `countystat serve` and the command line
    (flows/ops/prefect_env.py sets that before Prefect is imported; here Prefect was imported with the
    test session's WARNING, so the flow runs' logger is set instead)."""
    logger = logging.getLogger("prefect.flow_runs")
    before = logger.level
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.setLevel(before)


def run_logs(flow_run_id: UUID | str) -> list[tuple[str, str]]:
    """(level name, message) of every line in the flow run's log, oldest first, once all were sent."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId
    from prefect.client.schemas.sorting import LogSort
    from prefect.logging.handlers import APILogWorker

    APILogWorker.drain_all()
    with get_client(sync_client=True) as client:
        logs = client.read_logs(LogFilter(flow_run_id=LogFilterFlowRunId(any_=[UUID(str(flow_run_id))])),
                                sort=LogSort.TIMESTAMP_ASC)
    return [(logging.getLevelName(log.level), log.message) for log in logs]


def run_artifact(flow_run_id: UUID | str, key: str) -> Any:
    """The flow run's artifact with this key (its data is the Markdown)."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        [artifact] = client.read_artifacts(artifact_filter=ArtifactFilter(
            flow_run_id=ArtifactFilterFlowRunId(any_=[UUID(str(flow_run_id))]), key=ArtifactFilterKey(any_=[key])))
    return artifact


def latest_run_on(flow_name: str, home: str) -> Any:
    """The latest run of the flow whose home parameter is this home."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName
    from prefect.client.schemas.sorting import FlowRunSort

    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(flow_filter=FlowFilter(name=FlowFilterName(any_=[flow_name])),
                                     sort=FlowRunSort.START_TIME_DESC, limit=50)
    return next(run for run in runs if run.parameters.get("home") == home)
