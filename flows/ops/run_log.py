"""What a flow run says in its own Prefect log: what it did at INFO, and why it failed in one ERROR line."""
from __future__ import annotations

import logging
from collections.abc import Iterable

from prefect import get_run_logger
from prefect.client.schemas.objects import State
from prefect.states import Failed


def log_lines(lines: Iterable[str]) -> None:
    """Each line in the current run's log at INFO."""
    logger = get_run_logger()
    for line in lines:
        logger.info("%s", line)


def failure_reason(exc: BaseException) -> str:
    """The exception as one plain line: its message (its type's name when it has none), on one line."""
    said = " ".join(str(exc).split())
    return said or type(exc).__name__


def said_by_countystat(exc: BaseException) -> bool:
    """Whether countystat raised it to refuse something (a bad month, a busy home, a locked month, a broken
    units.csv…): its message is the whole story, a traceback would only hide it."""
    return type(exc).__module__.startswith("countystat.")


def failed_run(run: str, exc: Exception) -> State:
    """In a flow's `except`: one ERROR line of ours, '<run> failed: <reason>', in the run's log.

    A refusal of countystat's own becomes the run's Failed state, with that line as its message and no
    traceback (a caller in this process gets the exception itself, as raised): return it from the flow.
    Anything else is raised on as it was, and Prefect logs its traceback after our line.
    """
    reason = f"{run} failed: {failure_reason(exc)}"
    get_run_logger().error("%s", reason)
    if said_by_countystat(exc):
        return Failed(message=reason, data=exc)
    raise exc


def no_traceback_for_refusals(record: logging.LogRecord) -> bool:
    """Drop a run-log record carrying a refusal of countystat's own (Prefect's 'Engine execution exited with
    unexpected exception' and its traceback): the run's ERROR line of ours has said why, in one line."""
    exc = record.exc_info[1] if record.exc_info else None
    return exc is None or not said_by_countystat(exc)


# Installed when a flow module is imported: in the CLI's process and in a deployment run's own process alike.
logging.getLogger("prefect.flow_runs").addFilter(no_traceback_for_refusals)
